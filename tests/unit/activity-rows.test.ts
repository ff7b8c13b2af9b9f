import { describe, expect, it } from 'vitest';
import {
	countEvents,
	customersNamedBy,
	foldActivity,
	groupActivity
} from '../../src/lib/projection/activity-rows';
import type { ActivityRow, InteractionRow, PurchaseRow } from '../../src/lib/projection/db';

function purchase(id: string, customerId: string): PurchaseRow {
	return {
		id,
		customerId,
		at: 1,
		lines: [{ product: 'Tea', quantity: 1, unitPriceCents: 100 }],
		discountCents: 0,
		payment: 'cash',
		channel: 'in_store',
		note: '',
		createdAt: 1,
		createdBy: 'm',
		totalCents: 100
	};
}

function interaction(id: string, customerId: string): InteractionRow {
	return {
		id,
		customerId,
		at: 1,
		kind: 'call',
		direction: 'out',
		summary: '',
		outcome: '',
		nextStep: '',
		followUpDate: '',
		products: [],
		taskId: '',
		createdAt: 1,
		createdBy: 'm'
	};
}

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

	it('moves a changed event to the customer it names now, and empties rows it left', () => {
		const previous = new Map(
			groupActivity([purchase('p1', 'a'), purchase('p2', 'a')], [interaction('i1', 'b')]).map(
				(row) => [row.customerId, row]
			)
		);
		// p1 moved from a to b (a merge); i1 was deleted; p0 is new for b.
		const changed = {
			purchaseIds: new Set(['p1', 'p0']),
			interactionIds: new Set(['i1']),
			purchases: [purchase('p1', 'b'), purchase('p0', 'b')],
			interactions: []
		};
		expect([...customersNamedBy(changed)]).toEqual(['b']);
		const folded = foldActivity(['a', 'b'], previous, changed);
		expect(ids(folded.get('a'))).toEqual({ purchases: ['p2'], interactions: [] });
		expect(ids(folded.get('b'))).toEqual({ purchases: ['p0', 'p1'], interactions: [] });

		const deleted = foldActivity(['a'], new Map([['a', folded.get('a')!]]), {
			purchaseIds: new Set(['p2']),
			interactionIds: new Set(),
			purchases: [],
			interactions: []
		});
		expect(deleted.get('a')).toBeNull();
		expect(countEvents(deleted.values())).toEqual({ purchases: 0, interactions: 0 });
	});

	it('leaves events that did not change as they were', () => {
		const previous = new Map(
			groupActivity([purchase('p1', 'a')], []).map((row) => [row.customerId, row])
		);
		const folded = foldActivity(['a'], previous, {
			purchaseIds: new Set(['p9']),
			interactionIds: new Set(),
			purchases: [purchase('p9', 'a')],
			interactions: []
		});
		expect(folded.get('a')!.purchases[0]).toBe(previous.get('a')!.purchases[0]);
		expect(ids(folded.get('a'))).toEqual({ purchases: ['p1', 'p9'], interactions: [] });
	});
});
