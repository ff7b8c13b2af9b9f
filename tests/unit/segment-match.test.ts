import { describe, expect, it } from 'vitest';
import { EMPTY_METRICS } from '../../src/lib/features/customers/rules/customer-metrics';
import {
	checkSegment,
	emptyCondition,
	readDefinition,
	writeDefinition,
	type Condition,
	type ConditionGroup
} from '../../src/lib/features/segments/rules/segment';
import {
	segmentTest,
	usesBirthdayMonth,
	usesValueFields,
	type BehaviourData,
	type SegmentCustomer,
	type SegmentValueFacts
} from '../../src/lib/features/segments/rules/segment-match';
import { customer, inZone } from './helpers';
import { lunarBirthdayMonths } from '../../src/lib/features/care/rules/lunar-month';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

function person(id: string, fields: Partial<SegmentCustomer> = {}): SegmentCustomer {
	return {
		...customer({ name: id }),
		...EMPTY_METRICS,
		id,
		createdAt: at(2026, 1, 1),
		createdBy: 'm',
		updatedAt: 0,
		updatedBy: 'm',
		...fields
	};
}

/** Purchases as [customer index, moment, total, product indexes]; products by name key. */
function behaviour(
	ids: string[],
	sales: [number, number, number, number[]][],
	products: string[] = ['oolong', 'puer'],
	categories: string[] = ['tea', 'tea']
): BehaviourData {
	const lines = sales.flatMap(([, , , items], row) => items.map((product) => [row, product]));
	return {
		customerIndex: new Map(ids.map((id, i) => [id, i])),
		purchases: {
			count: sales.length,
			live: new Uint8Array(sales.length).fill(1),
			customer: Uint32Array.from(sales.map((s) => s[0])),
			at: Float64Array.from(sales.map((s) => s[1])),
			totalCents: Float64Array.from(sales.map((s) => s[2]))
		},
		lines: {
			count: lines.length,
			purchase: Uint32Array.from(lines.map((l) => l[0]!)),
			product: Uint32Array.from(lines.map((l) => l[1]!))
		},
		productNameKeys: products,
		productCategoryKeys: categories,
		interactions: {
			count: 1,
			live: Uint8Array.of(1),
			customer: Uint32Array.of(1),
			at: Float64Array.of(at(2026, 11, 20)),
			kind: Uint8Array.of(0) // a call
		}
	};
}

const when = (...items: Partial<Condition>[]): ConditionGroup => ({
	join: 'all',
	items: items.map((item) => ({ ...emptyCondition(), ...item }))
});

describe('segment conditions', () => {
	inZone('Asia/Shanghai', () => {
		const now = at(2026, 12, 6, 9);
		const people = [
			person('li', {
				totalSpentCents: 150_000,
				purchaseCount: 3,
				lastPurchaseAt: at(2026, 11, 30),
				tags: ['VIP'],
				province: '浙江省',
				birthday: '1990-12-24'
			}),
			person('wang', {
				totalSpentCents: 100_000,
				purchaseCount: 1,
				lastPurchaseAt: at(2026, 6, 1),
				lastContactAt: at(2026, 11, 20)
			}),
			person('zhao', { stage: 'lead', custom: { level: 'Gold', tea: ['puer', 'green'] } })
		];
		const ids = people.map((p) => p.id);
		const data = behaviour(ids, [
			[0, at(2026, 11, 30), 50_000, [0]],
			[0, at(2026, 9, 1), 100_000, [1]],
			[1, at(2026, 6, 1), 100_000, [0, 1]]
		]);
		const matching = (definition: ConditionGroup) => {
			const test = segmentTest(definition, {
				now,
				behaviour: data,
				customFields: new Set(['level', 'tea'])
			});
			return people.filter(test).map((p) => p.id);
		};

		it('reads customer value scores: RFM segment, ABC class, risk, chance active, value, next purchase', () => {
			const facts = (fields: Partial<SegmentValueFacts>): SegmentValueFacts => ({
				segment: 'generalDevelop',
				abc: 'C',
				risk: 'low',
				probabilityAlive: null,
				predictedValueCents: null,
				nextExpectedAt: null,
				...fields
			});
			const value = new Map([
				[
					'li',
					facts({
						segment: 'importantValue',
						abc: 'A',
						probabilityAlive: 92,
						predictedValueCents: 250_000,
						nextExpectedAt: at(2026, 12, 20)
					})
				],
				['wang', facts({ segment: 'importantWinBack', risk: 'high', probabilityAlive: 7 })]
			]);
			const scored = (definition: ConditionGroup) => {
				const test = segmentTest(definition, {
					now,
					behaviour: data,
					customFields: new Set(),
					value
				});
				return people.filter(test).map((p) => p.id);
			};
			const winBack = when({ field: 'rfmSegment', op: 'is', value: 'importantWinBack' });
			expect(usesValueFields(winBack)).toBe(true);
			expect(usesValueFields(when({ field: 'stage', op: 'is', value: 'vip' }))).toBe(false);
			expect(scored(winBack)).toEqual(['wang']);
			// Zhao never bought: in no segment, so "is not" takes her in.
			expect(scored(when({ field: 'rfmSegment', op: 'isNot', value: 'importantWinBack' }))).toEqual(
				['li', 'zhao']
			);
			expect(scored(when({ field: 'abcClass', op: 'is', value: 'A' }))).toEqual(['li']);
			expect(scored(when({ field: 'churnRisk', op: 'is', value: 'high' }))).toEqual(['wang']);
			expect(scored(when({ field: 'probabilityAlive', op: 'lt', value: '30' }))).toEqual(['wang']);
			expect(scored(when({ field: 'predictedValue', op: 'gte', value: '2,000' }))).toEqual(['li']);
			expect(
				scored(when({ field: 'nextExpectedPurchase', op: 'onOrAfter', value: '2026-12-07' }))
			).toEqual(['li']);
			// Without the scores worked out, a value condition matches nobody.
			expect(matching(winBack)).toEqual([]);
		});

		it('compares money in cents: “over 1,000” is strictly more than ¥1,000.00', () => {
			expect(matching(when({ field: 'totalSpent', op: 'gt', value: '1,000' }))).toEqual(['li']);
			expect(matching(when({ field: 'totalSpent', op: 'gte', value: '1000' }))).toEqual([
				'li',
				'wang'
			]);
			// Not an amount: nobody, rather than everybody.
			expect(matching(when({ field: 'totalSpent', op: 'gt', value: 'lots' }))).toEqual([]);
		});

		it('“total spent over 1,000 and bought in the last 90 days”', () => {
			const segment = when(
				{ field: 'totalSpent', op: 'gt', value: '1000' },
				{ field: 'lastPurchase', op: 'inLastDays', value: '90' }
			);
			expect(matching(segment)).toEqual(['li']);
		});

		it('takes “the last N days” as whole local days, today included', () => {
			const edge = [
				person('first-minute', { lastPurchaseAt: at(2026, 11, 7, 0) }),
				person('day-before', { lastPurchaseAt: at(2026, 11, 6, 23) }),
				person('tonight', { lastPurchaseAt: at(2026, 12, 6, 23) })
			];
			const test = segmentTest(when({ field: 'lastPurchase', op: 'inLastDays', value: '30' }), {
				now,
				behaviour: data,
				customFields: new Set()
			});
			expect(edge.filter(test).map((p) => p.id)).toEqual(['first-minute', 'tonight']);
		});

		it('counts days since as calendar days, and “never” only for customers with none', () => {
			expect(matching(when({ field: 'daysSinceLastPurchase', op: 'gt', value: '90' }))).toEqual([
				'wang'
			]);
			expect(matching(when({ field: 'lastPurchase', op: 'never' }))).toEqual(['zhao']);
			expect(matching(when({ field: 'daysSinceLastContact', op: 'lte', value: '16' }))).toEqual([
				'wang'
			]);
		});

		it('finds what was bought, spent or said in a period', () => {
			const puer = (period: Condition['period']) =>
				matching(when({ field: 'boughtProduct', op: 'bought', value: ' Puer ', period }));
			expect(puer({ kind: 'ever' })).toEqual(['li', 'wang']);
			expect(puer({ kind: 'lastDays', days: 120 })).toEqual(['li']);
			expect(puer({ kind: 'between', from: '2026-05-01', to: '2026-06-01' })).toEqual(['wang']);
			expect(matching(when({ field: 'boughtCategory', op: 'notBought', value: 'tea' }))).toEqual([
				'zhao'
			]);
			expect(
				matching(
					when({
						field: 'spentInPeriod',
						op: 'between',
						// Li spent ¥500 + ¥1,000 in that time; Wang's ¥1,000 was 188 days ago.
						value: '1500',
						value2: '2000',
						period: { kind: 'lastDays', days: 180 }
					})
				)
			).toEqual(['li']);
			expect(
				matching(
					when({
						field: 'hadInteraction',
						op: 'had',
						value: 'call',
						period: { kind: 'lastDays', days: 30 }
					})
				)
			).toEqual(['wang']);
		});

		it('nests any-of groups inside all-of groups', () => {
			const segment: ConditionGroup = {
				join: 'any',
				items: [
					{ ...emptyCondition(), field: 'tag', op: 'has', value: 'VIP' },
					{
						join: 'all',
						items: [
							{ ...emptyCondition(), field: 'stage', op: 'is', value: 'lead' },
							{ ...emptyCondition(), field: 'custom:level', op: 'is', value: 'Gold' }
						]
					}
				]
			};
			expect(matching(segment)).toEqual(['li', 'zhao']);
			expect(matching(when({ field: 'custom:tea', op: 'includes', value: 'puer' }))).toEqual([
				'zhao'
			]);
			// A shop's own field compares as the built-in text fields do, case and spaces aside.
			expect(matching(when({ field: 'custom:level', op: 'is', value: ' gold ' }))).toEqual([
				'zhao'
			]);
			expect(matching(when({ field: 'custom:level', op: 'isNot', value: 'GOLD' }))).toEqual([
				'li',
				'wang'
			]);
			expect(matching(when({ field: 'birthdayMonth', op: 'is', value: '12' }))).toEqual(['li']);
			expect(matching(when({ field: 'province', op: 'contains', value: '浙江' }))).toEqual(['li']);
			expect(matching(when({ field: 'no-such-field', op: 'is', value: 'x' }))).toEqual([]);
			// A field the shop removed matches nobody, its negations too.
			expect(matching(when({ field: 'custom:gone', op: 'isNot', value: 'x' }))).toEqual([]);
			// An empty group inside "any of" lets nobody in by itself.
			expect(
				matching({
					join: 'any',
					items: [
						{ join: 'all', items: [] },
						{ ...emptyCondition(), field: 'custom:level', op: 'is', value: 'Gold' }
					]
				})
			).toEqual(['zhao']);
			expect(matching({ join: 'all', items: [] })).toEqual(['li', 'wang', 'zhao']);
		});
	});
});

describe('birthday months', () => {
	it('puts a lunar birthday in the month it falls in this year, and nowhere without the calendar', () => {
		// 八月十五 falls on 25 September in 2026.
		const people = [
			person('solar-aug', { birthday: '1990-08-20' }),
			person('lunar-815', { birthday: '1990-08-15', birthdayCalendar: 'lunar' })
		];
		const data = behaviour([], []);
		const matching = (month: string, op: 'is' | 'isNot', withCalendar = true) =>
			people
				.filter(
					segmentTest(when({ field: 'birthdayMonth', op, value: month }), {
						now: at(2026, 6, 1),
						behaviour: data,
						customFields: new Set(),
						...(withCalendar ? { lunarMonthOf: lunarBirthdayMonths(2026) } : {})
					})
				)
				.map((p) => p.id);
		expect(matching('8', 'is')).toEqual(['solar-aug']);
		expect(matching('9', 'is')).toEqual(['lunar-815']);
		expect(matching('8', 'isNot')).toEqual(['lunar-815']);
		expect(matching('9', 'is', false)).toEqual([]);
		expect(matching('8', 'isNot', false)).toEqual([]);
		expect(usesBirthdayMonth(when({ field: 'birthdayMonth', op: 'is', value: '9' }))).toBe(true);
		// 冬月二十 fell twice in 2024: on 1 January (of lunar 2023) and on 20 December.
		expect(lunarBirthdayMonths(2024)('1990-11-20')).toEqual([1, 12]);
		expect(lunarBirthdayMonths(2024)('1990-02-30')).toHaveLength(1);
		expect(lunarBirthdayMonths(2024)('not a date')).toEqual([]);
	});
});

describe('a stored segment', () => {
	it('reads back what was written, and refuses what is not a definition', () => {
		const definition = when({ field: 'totalSpent', op: 'gt', value: '1000' });
		expect(readDefinition(writeDefinition(definition))).toEqual(definition);
		expect(readDefinition('{"join":"all","items":[{"field":"x","op":"drop tables"}]}')).toBeNull();
		expect(readDefinition('not json')).toBeNull();
		expect(readDefinition(42)).toBeNull();
		let deep: ConditionGroup = { join: 'all', items: [] };
		for (let i = 0; i < 5; i++) deep = { join: 'all', items: [deep] };
		expect(readDefinition(JSON.stringify(deep))).toBeNull();
	});

	it('needs a name and at least one condition to be saved', () => {
		const definition = when({ field: 'totalSpent', op: 'gt', value: '1000' });
		expect(checkSegment({ name: ' ', color: 'teal', definition })).toEqual({
			ok: false,
			problem: 'nameRequired'
		});
		expect(
			checkSegment({ name: 'Big', color: 'teal', definition: { join: 'all', items: [] } })
		).toEqual({ ok: false, problem: 'noConditions' });
		expect(
			checkSegment({
				name: 'Big',
				color: 'teal',
				definition: when({ field: 'totalSpent', op: 'gt', value: ' ' })
			})
		).toEqual({ ok: false, problem: 'incomplete' });
		expect(checkSegment({ name: ' Big ', color: 'teal', definition })).toMatchObject({
			ok: true,
			name: 'Big'
		});
	});
});
