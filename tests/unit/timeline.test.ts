import { listRow, seededRandom } from './helpers';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/lib/features/activity/rules/timeline';

describe('buildTimeline', () => {
	const purchases = [
		{ id: 'p1', at: 100, createdAt: 100 },
		{ id: 'p2', at: 300, createdAt: 301 }
	];
	const interactions = [
		{ id: 'i1', at: 200, createdAt: 200 },
		{ id: 'i2', at: 300, createdAt: 300 }
	];
	const tasks = [{ id: 't1', createdAt: 250 }];

	it('merges every kind into one stream, newest first', () => {
		expect(buildTimeline(purchases, interactions, tasks).map((e) => e.id)).toEqual([
			'p2',
			'i2',
			't1',
			'i1',
			'p1'
		]);
	});

	it('puts the later-recorded of two same-minute entries first', () => {
		const same = [
			{ id: 'a', at: 60_000, createdAt: 1 },
			{ id: 'z', at: 60_000, createdAt: 2 }
		];
		// The ids sort the other way, so only the recording time can put z first.
		expect(buildTimeline(same, [], []).map((e) => e.id)).toEqual(['z', 'a']);
	});

	it('puts the follow-up task above the interaction that created it in the same moment', () => {
		const interaction = [{ id: 'i', at: 500, createdAt: 500 }];
		const task = [{ id: 't', createdAt: 500 }];
		expect(buildTimeline([], interaction, task).map((e) => e.kind)).toEqual([
			'task',
			'interaction'
		]);
	});

	it('puts feedback where the shop heard it, not where it was typed in, and filters it', () => {
		const feedback = [{ id: 'f1', receivedAt: 150, createdAt: 400 }];
		expect(
			buildTimeline(purchases, interactions, tasks, 'all', [], feedback).map((e) => e.id)
		).toEqual(['p2', 'i2', 't1', 'i1', 'f1', 'p1']);
		expect(
			buildTimeline(purchases, interactions, tasks, 'feedback', [], feedback).map((e) => e.kind)
		).toEqual(['feedback']);
	});

	it('filters by kind', () => {
		expect(buildTimeline(purchases, interactions, tasks, 'interaction').map((e) => e.id)).toEqual([
			'i2',
			'i1'
		]);
		expect(buildTimeline(purchases, interactions, tasks, 'task').map((e) => e.kind)).toEqual([
			'task'
		]);
	});
});

import { EMPTY_METRICS } from '../../src/lib/features/customers/rules/customer-metrics';
import { newlyAtRisk, upcomingBirthdays } from '../../src/lib/features/activity/rules/today';

describe('today', () => {
	it('lists birthdays in the next 7 days, soonest first', () => {
		const found = upcomingBirthdays(
			[
				{ id: 'a', birthday: '1990-06-07' },
				{ id: 'b', birthday: '1985-06-01' },
				{ id: 'c', birthday: '1980-06-08' },
				{ id: 'd', birthday: '' }
			],
			'2026-06-01'
		);
		expect(found.map((f) => [f.customer.id, f.inDays])).toEqual([
			['b', 0],
			['a', 6]
		]);
	});

	it('flags customers whose numbers say at risk but whose stage does not', () => {
		const now = Date.UTC(2026, 5, 1);
		const drifting = { ...EMPTY_METRICS, purchaseCount: 1, lastPurchaseAt: now - 200 * 86_400_000 };
		const customers = [
			{ id: 'a', stage: 'new' as const, ...drifting },
			{ id: 'b', stage: 'at_risk' as const, ...drifting },
			{ id: 'c', stage: 'active' as const, ...EMPTY_METRICS }
		];
		expect(newlyAtRisk(customers, now).map((c) => c.id)).toEqual(['a']);
	});
});

import { sortCustomers } from '../../src/lib/features/customers/rules/customer-list';

describe('sortCustomers', () => {
	const row = (sortName: string, totalSpentCents: number, lastPurchaseAt: number | null) =>
		listRow({ sortName, totalSpentCents, lastPurchaseAt });
	const rows = [row('b', 100, 5), row('a', 100, null), row('c', 900, 1)];

	it('sorts by total spent (ties by name) and by last purchase', () => {
		expect(sortCustomers(rows, 'totalSpent').map((r) => r.sortName)).toEqual(['c', 'a', 'b']);
		expect(sortCustomers(rows, 'lastPurchase').map((r) => r.sortName)).toEqual(['b', 'c', 'a']);
		expect(sortCustomers(rows, 'name').map((r) => r.sortName)).toEqual(['a', 'b', 'c']);
		const counted = [
			{ ...rows[0]!, purchaseCount: 1, lastContactAt: 50 },
			{ ...rows[1]!, purchaseCount: 4, lastContactAt: null },
			{ ...rows[2]!, purchaseCount: 2, lastContactAt: 90 }
		];
		expect(sortCustomers(counted, 'purchaseCount').map((r) => r.sortName)).toEqual(['a', 'c', 'b']);
		expect(sortCustomers(counted, 'lastContact').map((r) => r.sortName)).toEqual(['c', 'b', 'a']);
	});

	it('sorts the same from any earlier order; that order only saves work', () => {
		const random = seededRandom(7);
		const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
		for (let round = 0; round < 200; round++) {
			const rows = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, i) =>
				listRow({
					id: `c${Math.floor(random() * 1_000)}-${i}`,
					sortName: pick(['an', 'bo', 'bo', 'chen', '']),
					updatedAt: pick([1, 2, 3]),
					totalSpentCents: pick([0, 100, 100, 900]),
					lastPurchaseAt: pick([null, 5, 9]),
					purchaseCount: pick([0, 1, 1, 4]),
					lastContactAt: pick([null, 50, 90])
				})
			);
			// An earlier list: some rows gone, some changed copies, some twice, in any order.
			const earlier = rows
				.filter(() => random() < 0.8)
				.flatMap((row) => (random() < 0.1 ? [row, row] : [{ ...row, sortName: 'zz' }]))
				.sort(() => random() - 0.5);
			for (const sort of [
				'name',
				'updated',
				'totalSpent',
				'purchaseCount',
				'lastPurchase',
				'lastContact'
			] as const) {
				expect(sortCustomers(rows, sort, null, earlier)).toEqual(sortCustomers(rows, sort));
			}
		}
	});

	it('sorts by value scores once they are there; customers without any go last', () => {
		const scored = [
			{ ...rows[0]!, id: 'b' },
			{ ...rows[1]!, id: 'a' },
			{ ...rows[2]!, id: 'c' },
			{ ...listRow({ sortName: 'd' }), id: 'd' }
		];
		const facts = (fields: object) => ({
			segment: 'generalDevelop',
			abc: 'C',
			risk: 'low',
			probabilityAlive: null,
			predictedValueCents: null,
			nextExpectedAt: null,
			...fields
		});
		const scores = new Map([
			['a', facts({ risk: 'high', abc: 'B', predictedValueCents: 500, probabilityAlive: 20 })],
			['b', facts({ risk: 'medium', abc: 'A', predictedValueCents: 9_000, probabilityAlive: 80 })],
			['c', facts({ segment: 'importantValue', nextExpectedAt: 5 })]
		]);
		const order = (sort: Parameters<typeof sortCustomers>[1]) =>
			sortCustomers(scored, sort, scores).map((r) => r.sortName);
		expect(order('churnRisk')).toEqual(['a', 'b', 'c', 'd']);
		expect(order('abcClass')).toEqual(['b', 'a', 'c', 'd']);
		expect(order('predictedValue')).toEqual(['b', 'a', 'c', 'd']);
		expect(order('probabilityAlive')).toEqual(['a', 'b', 'c', 'd']);
		expect(order('nextPurchase')).toEqual(['c', 'a', 'b', 'd']);
		expect(order('rfmSegment')).toEqual(['c', 'a', 'b', 'd']);
		// Before the scores come, a value sort keeps the names' order.
		expect(sortCustomers(scored, 'churnRisk').map((r) => r.sortName)).toEqual(['a', 'b', 'c', 'd']);
	});
});

import {
	filterCustomers,
	type ListableCustomer
} from '../../src/lib/features/customers/rules/customer-list';

describe('filterCustomers by a custom field', () => {
	const base = listRow();
	const rows: ListableCustomer[] = [
		{ ...base, sortName: 'a', custom: { skin: 'Oily' } },
		{ ...base, sortName: 'b', custom: { skin: 'Dry', likes: ['Tea', 'Coffee'] } },
		{ ...base, sortName: 'c' }
	];
	const filter = { query: '', tag: '', stage: '' as const };

	it('keeps customers whose value matches, for single and multiple choice', () => {
		expect(
			filterCustomers(rows, { ...filter, customField: 'skin', customValue: 'Oily' }).map(
				(r) => r.sortName
			)
		).toEqual(['a']);
		expect(
			filterCustomers(rows, { ...filter, customField: 'likes', customValue: 'Tea' }).map(
				(r) => r.sortName
			)
		).toEqual(['b']);
	});

	it('is off until both the field and a value are chosen', () => {
		expect(filterCustomers(rows, { ...filter, customField: 'skin', customValue: '' })).toHaveLength(
			3
		);
	});
});
