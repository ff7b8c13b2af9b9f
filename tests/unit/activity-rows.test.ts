import { describe, expect, it } from 'vitest';
import {
	countEvents,
	groupActivity,
	type ActivityRow
} from '../../src/lib/projection/activity-rows';
import type {
	EventMoment,
	PurchaseFigures
} from '../../src/lib/features/activity/activity-records';

const purchase = (id: string, customerId: string): PurchaseFigures => ({
	id,
	customerId,
	at: 1,
	totalCents: 100
});

const interaction = (id: string, customerId: string): EventMoment => ({
	id,
	customerId,
	at: 1
});

const ids = (row: ActivityRow | null | undefined) => ({
	purchases: row?.purchases.map((p) => p.id),
	interactions: row?.interactions.map((i) => i.id)
});

describe('activity rows', () => {
	it('groups every event under its customer, each list ordered by id', () => {
		const rows = groupActivity(
			[purchase('p3', 'a'), purchase('p1', 'a'), purchase('p2', 'b')],
			[interaction('i2', 'c'), interaction('i1', 'a')]
		);
		const byCustomer = new Map(rows.map((row) => [row.customerId, row]));
		expect([...byCustomer.keys()].sort()).toEqual(['a', 'b', 'c']);
		expect(ids(byCustomer.get('a'))).toEqual({ purchases: ['p1', 'p3'], interactions: ['i1'] });
		expect(ids(byCustomer.get('c'))).toEqual({ purchases: [], interactions: ['i2'] });
		expect(countEvents(rows)).toEqual({ purchases: 3, interactions: 2 });
	});
});
