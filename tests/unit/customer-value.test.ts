import { describe, expect, it } from 'vitest';
import { addPurchase } from '../../src/lib/features/activity/activity-commands';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import { customerMetrics } from '../../src/lib/features/customers/rules/customer-metrics';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { AnalyticsKeeper } from '../../src/lib/analytics/keeper';
import { InsightsIndex } from '../../src/lib/features/insights/insights-index';
import {
	customerValues,
	purchaseHistories,
	windowStartOf
} from '../../src/lib/features/value/customer-value';
import { DEFAULT_VALUE_SETTINGS } from '../../src/lib/features/value/rules/value-settings';
import { fitValueModel, MIN_REPEAT_BUYERS } from '../../src/lib/features/value/value-model';
import { pickTest, valueReport } from '../../src/lib/features/value/value-report';
import { holdoutCheck } from '../../src/lib/features/value/holdout';
import { Recommender } from '../../src/lib/features/value/recommendations';
import { toColumns, ValueFactsTable } from '../../src/lib/features/value/value-facts';
import { customer, inZone, memberContext, seededRandom } from './helpers';

const at = (y: number, m: number, d: number, h = 12, min = 0) =>
	new Date(y, m - 1, d, h, min).getTime();

function shop() {
	const ctx = memberContext();
	const add = (name: string) => {
		const made = createCustomer(ctx, customer({ name }));
		if (!made.ok) throw new Error('refused');
		return made.value;
	};
	const buy = (customerId: string, when: number, cents: number, product = 'Oolong') => {
		const result = addPurchase(ctx, {
			customerId,
			at: when,
			lines: [{ product, quantity: 1, unitPriceCents: cents }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		});
		if (!result.ok) throw new Error('refused');
	};
	const keeper = new AnalyticsKeeper(ctx.ws);
	const index = () => new InsightsIndex(keeper.columns(), []);
	return { ctx, add, buy, index };
}

describe('customer value over the archive', () => {
	inZone('Asia/Shanghai', () => {
		it('counts local calendar days, the window, and the interval the profile shows', () => {
			const { add, buy, index } = shop();
			const li = add('Li');
			// 23:30 on Nov 1 is Nov 1 here (and Nov 1 15:30 UTC).
			const moments = [at(2026, 9, 1), at(2026, 10, 1), at(2026, 11, 1, 23, 30)];
			for (const moment of moments) buy(li, moment, 10_000);
			buy(li, at(2025, 6, 1), 5_000); // outside a 12-month window ending Dec 6 2026
			const [value] = customerValues({
				index: index(),
				asOf: '2026-12-06',
				settings: DEFAULT_VALUE_SETTINGS,
				model: null
			}).values;
			expect(value).toMatchObject({
				recencyDays: 35,
				frequency: 3,
				monetaryCents: 30_000,
				purchases: 4,
				totalCents: 35_000,
				repeatDays: 3,
				repeatMeanCents: 10_000
			});
			const metrics = customerMetrics(
				[...moments, at(2025, 6, 1)].map((moment) => ({ at: moment, totalCents: 1 })),
				[]
			);
			expect(value!.usualIntervalDays).toBe(metrics.usualIntervalDays);
		});

		it('a window of months ends with the as-of day, month ends kept', () => {
			const day = (ms: number) => new Date(ms).toDateString();
			expect(day(windowStartOf(2026, 12, 6, 12))).toBe(new Date(2025, 11, 7).toDateString());
			expect(day(windowStartOf(2025, 5, 31, 3))).toBe(new Date(2025, 2, 1).toDateString());
			expect(day(windowStartOf(2024, 2, 29, 12))).toBe(new Date(2023, 2, 1).toDateString());
			expect(day(windowStartOf(2025, 3, 31, 6))).toBe(new Date(2024, 9, 1).toDateString());
			expect(day(windowStartOf(2026, 1, 15, 1))).toBe(new Date(2025, 11, 16).toDateString());
		});

		it('counts the interval between purchase days, as the profile does', () => {
			const { add, buy, index } = shop();
			const li = add('Li');
			buy(li, at(2026, 10, 1, 10), 1_000);
			buy(li, at(2026, 10, 1, 16), 1_000);
			buy(li, at(2026, 10, 31), 1_000);
			const [value] = customerValues({
				index: index(),
				asOf: '2026-12-06',
				settings: DEFAULT_VALUE_SETTINGS,
				model: null
			}).values;
			expect(value).toMatchObject({ usualIntervalDays: 30, repeatDays: 1, purchases: 3 });
		});

		it('leaves out deleted customers and counts a merged customer’s purchases for the one kept', () => {
			const { ctx, add, buy, index } = shop();
			const kept = add('Chen Jing');
			const twin = add('Chen Jing 2');
			const gone = add('Gone');
			buy(kept, at(2026, 11, 1), 1_000);
			buy(twin, at(2026, 11, 20), 2_000);
			buy(gone, at(2026, 11, 25), 9_000);
			expect(deleteCustomer(ctx, gone).ok).toBe(true);
			expect(mergeCustomers(ctx, kept, twin, customer({ name: 'Chen Jing' })).ok).toBe(true);
			const { values } = customerValues({
				index: index(),
				asOf: '2026-12-06',
				settings: DEFAULT_VALUE_SETTINGS,
				model: null
			});
			expect(values.map((value) => value.id)).toEqual([kept]);
			expect(values[0]).toMatchObject({ purchases: 2, totalCents: 3_000, recencyDays: 16 });
		});

		it('as of a past day, later purchases do not exist yet', () => {
			const { add, buy, index } = shop();
			const li = add('Li');
			const wang = add('Wang');
			buy(li, at(2026, 1, 10), 1_000);
			buy(li, at(2026, 6, 10), 1_000);
			buy(wang, at(2026, 7, 1), 1_000);
			const { values } = customerValues({
				index: index(),
				asOf: '2026-03-31',
				settings: DEFAULT_VALUE_SETTINGS,
				model: null
			});
			expect(values).toHaveLength(1);
			expect(values[0]).toMatchObject({ purchases: 1, recencyDays: 80 });
		});

		it('the report’s segments, heat map and classes each add up to the customers who bought', () => {
			const { add, buy, index } = shop();
			const random = seededRandom(7);
			for (let i = 0; i < 40; i++) {
				const id = add(`C${i}`);
				const visits = 1 + Math.floor(random() * 5);
				for (let v = 0; v < visits; v++)
					buy(
						id,
						at(2026, 1 + Math.floor(random() * 11), 1 + Math.floor(random() * 28)),
						500 + Math.floor(random() * 20_000)
					);
			}
			const { values, lines } = customerValues({
				index: index(),
				asOf: '2026-12-06',
				settings: DEFAULT_VALUE_SETTINGS,
				model: null
			});
			const report = valueReport(values, {
				asOf: '2026-12-06',
				windowMonths: 12,
				scoring: 'quintiles',
				lines,
				split: [70, 20],
				model: { tooFew: { repeatBuyers: 0, customers: 40 } },
				contact: () => ({ name: '', phone: '' })
			});
			const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);
			expect(report.customers).toBe(40);
			expect(sum(report.segments.map((row) => row.customers))).toBe(40);
			expect(sum(report.segments.map((row) => row.revenueCents))).toBe(report.revenueCents);
			expect(sum(report.heat.customers.flat())).toBe(40);
			expect(sum(report.abc.classes.map((row) => row.customers))).toBe(40);
			expect(sum(report.pareto.groups.map((group) => group.revenueCents))).toBe(
				report.revenueCents
			);
			expect(sum(Object.values(report.risk))).toBe(40);
			for (const row of report.segments) {
				expect(values.filter(pickTest({ kind: 'segment', segment: row.segment }))).toHaveLength(
					row.customers
				);
			}
			const revenueA = report.abc.classes[0]!.revenueCents;
			expect(revenueA / report.revenueCents).toBeGreaterThanOrEqual(0.7);
		});

		it('fits the models once enough customers bought again, and says so when too few did', () => {
			const { add, buy, index } = shop();
			const random = seededRandom(11);
			for (let i = 0; i < 120; i++) {
				const id = add(`C${i}`);
				const start = at(2025, 1, 1) + Math.floor(random() * 300) * 86_400_000;
				const gap = (5 + Math.floor(random() * 60)) * 86_400_000;
				const visits = 1 + Math.floor(random() * 6);
				for (let v = 0; v < visits; v++)
					buy(id, start + v * gap, 2_000 + Math.floor(random() * 8_000));
			}
			const built = index();
			const histories = purchaseHistories(built, '2026-12-06', 12);
			const outcome = fitValueModel(histories, '2026-12-06', Date.now());
			if (!('fitted' in outcome)) throw new Error('expected a fit');
			const model = outcome.fitted;
			expect(model.customers).toBe(120);
			expect(model.repeatBuyers).toBeGreaterThanOrEqual(MIN_REPEAT_BUYERS);
			expect(model.bgNbd.logLikelihood).toBeLessThan(0);
			const { values } = customerValues(
				{ index: built, asOf: '2026-12-06', settings: DEFAULT_VALUE_SETTINGS, model },
				histories
			);
			for (const value of values) {
				const p = value.model!;
				expect(p.probabilityAlive).toBeGreaterThan(0);
				expect(p.probabilityAlive).toBeLessThanOrEqual(1);
				expect(p.next30).toBeLessThanOrEqual(p.next90);
				expect(p.next90).toBeLessThanOrEqual(p.next365);
				expect(p.value12Cents).toBeGreaterThanOrEqual(0);
			}

			const few = shop();
			const once = few.add('Once');
			few.buy(once, at(2026, 1, 1), 1_000);
			const thin = fitValueModel(purchaseHistories(few.index(), '2026-12-06', 12), '2026-12-06', 0);
			expect(thin).toEqual({ tooFew: { repeatBuyers: 0, customers: 1 } });
		});

		it('the holdout check counts what happened after the split beside what the model fitted before it expected', () => {
			const { add, buy, index } = shop();
			const random = seededRandom(5);
			const afterSplit = new Map<number, number>();
			for (let i = 0; i < 150; i++) {
				const id = add(`C${i}`);
				const start = at(2025, 6, 1) + Math.floor(random() * 300) * 86_400_000;
				const gap = (7 + Math.floor(random() * 40)) * 86_400_000;
				const visits = 1 + Math.floor(random() * 8);
				let before = -1;
				let later = 0;
				for (let v = 0; v < visits; v++) {
					const when = start + v * gap;
					if (when >= at(2026, 7, 1, 0)) later++;
					else before++;
					buy(id, when, 3_000);
				}
				if (before >= 0)
					afterSplit.set(Math.min(before, 7), (afterSplit.get(Math.min(before, 7)) ?? 0) + later);
			}
			const check = holdoutCheck(index(), '2026-06-30', '2026-12-06');
			expect(check.days).toBe(159);
			if (!('fitted' in check.model)) throw new Error('expected a fit');
			for (const group of check.groups) {
				expect(group.actual, `group ${group.repeatBefore}`).toBe(
					afterSplit.get(group.repeatBefore) ?? 0
				);
			}
			expect(check.total.customers).toBe(150);
			expect(check.total.actual).toBeGreaterThan(0);
			for (const group of check.groups) {
				expect(Number.isFinite(group.predicted)).toBe(true);
				if (group.customers > 0) expect(group.predicted).toBeGreaterThan(0);
			}
		});

		it('recommends from the baskets of customers in the archive only, with the names sold', () => {
			const { ctx, add, buy, index } = shop();
			const chen = add('Chen Jing');
			buy(chen, at(2026, 10, 1), 1_000, 'Tea A');
			for (let i = 0; i < 3; i++) {
				const id = add(`B${i}`);
				buy(id, at(2026, 10, 2), 1_000, 'Tea A');
				buy(id, at(2026, 10, 3), 500, 'Cup B');
			}
			// Two who bought tea A with cup C, one of them deleted since: one pair is chance.
			for (let i = 0; i < 2; i++) {
				const id = add(`C${i}`);
				buy(id, at(2026, 10, 2), 1_000, 'Tea A');
				buy(id, at(2026, 10, 3), 500, 'Cup C');
				if (i === 1) expect(deleteCustomer(ctx, id).ok).toBe(true);
			}
			const recommender = new Recommender(index(), []);
			expect(recommender.forCustomer(chen)).toEqual([
				expect.objectContaining({ name: 'Cup B', support: 3, withName: 'Tea A' })
			]);
			const key = index().columns.products[index().columns.productNames.indexOf('Cup B')]!;
			expect(recommender.forProduct(key)).toEqual([
				expect.objectContaining({ name: 'Tea A', support: 3 })
			]);
			expect(recommender.forProduct('no such product')).toEqual([]);
		});
	});
});

describe('value facts as columns', () => {
	it('read back as they went in, nulls kept', () => {
		const facts = new Map([
			[
				'a',
				{
					segment: 'importantKeep',
					abc: 'B',
					risk: 'medium',
					probabilityAlive: 42.5,
					predictedValueCents: 1_234,
					nextExpectedAt: 99
				}
			],
			[
				'b',
				{
					segment: 'generalWinBack',
					abc: 'C',
					risk: 'high',
					probabilityAlive: null,
					predictedValueCents: null,
					nextExpectedAt: null
				}
			]
		]);
		const table = new ValueFactsTable(toColumns(facts));
		expect(table.size).toBe(2);
		expect(table.get('a')).toEqual(facts.get('a'));
		expect(table.get('b')).toEqual(facts.get('b'));
		expect(table.get('nobody')).toBeUndefined();
	});
});
