import { describe, expect, it } from 'vitest';
import { addPurchase, deletePurchase, logInteraction } from '../../src/lib/crdt/activity-commands';
import { createCustomer } from '../../src/lib/crdt/customer-commands';
import {
	activityOf,
	allInteractions,
	allPurchases,
	eventCounts,
	recentProductNames
} from '../../src/lib/projection/activity-queries';
import { Projector } from '../../src/lib/projection/projector';
import { customer, memberContext } from './helpers';
import { useProjectionDbs } from './projection-helpers';

const freshDb = useProjectionDbs('test-activity-queries');

function buy(
	ctx: ReturnType<typeof memberContext>,
	customerId: string,
	product: string,
	day: number
) {
	const result = addPurchase(ctx, {
		customerId,
		at: Date.UTC(2026, 0, day),
		lines: [{ product, quantity: 1, unitPriceCents: 1_000 }],
		discountCents: 0,
		payment: 'cash',
		channel: 'in_store',
		note: ''
	});
	if (!result.ok) throw new Error('purchase refused');
	return result.value;
}

describe('activity queries', () => {
	it("read one customer's events, all events, and the counts the projector keeps", async () => {
		const ctx = memberContext();
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		const li = createCustomer(ctx, customer({ name: 'Li' }));
		const wang = createCustomer(ctx, customer({ name: 'Wang' }));
		if (!li.ok || !wang.ok) throw new Error('setup');
		buy(ctx, li.value, 'Oolong', 1);
		const second = buy(ctx, li.value, 'Pu-erh', 2);
		buy(ctx, wang.value, 'Green tea', 3);
		logInteraction(ctx, {
			customerId: wang.value,
			at: Date.UTC(2026, 0, 4),
			kind: 'call',
			direction: 'out',
			summary: 'Asked about new stock',
			outcome: '',
			nextStep: '',
			followUpDate: '',
			products: []
		});
		await projector.idle();

		expect((await activityOf(db, li.value)).purchases).toHaveLength(2);
		expect((await activityOf(db, 'nobody')).purchases).toEqual([]);
		expect(await allPurchases(db)).toHaveLength(3);
		expect((await allInteractions(db)).map((row) => row.summary)).toEqual([
			'Asked about new stock'
		]);
		expect(await eventCounts(db)).toEqual({ purchases: 3, interactions: 1 });

		deletePurchase(ctx, second);
		await projector.idle();
		expect(await eventCounts(db)).toEqual({ purchases: 2, interactions: 1 });
		expect((await activityOf(db, li.value)).purchases.map((row) => row.lines[0]!.product)).toEqual([
			'Oolong'
		]);
	});

	it('suggests the products of the customers who bought most recently', async () => {
		const ctx = memberContext();
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		const names = ['A', 'B', 'C'].map((name) => {
			const created = createCustomer(ctx, customer({ name }));
			if (!created.ok) throw new Error('setup');
			return created.value;
		});
		buy(ctx, names[0]!, 'Old stock', 1);
		buy(ctx, names[1]!, 'Jasmine', 10);
		buy(ctx, names[2]!, 'Da Hong Pao', 20);
		await projector.idle();
		expect(await recentProductNames(db)).toEqual(['Da Hong Pao', 'Jasmine', 'Old stock']);
		// Only the latest buyers are read: the one who bought longest ago drops out first.
		expect(await recentProductNames(db, 2)).toEqual(['Da Hong Pao', 'Jasmine']);
	});
});
