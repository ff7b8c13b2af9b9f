import { describe, expect, it } from 'vitest';
import { deletePurchase, logInteraction } from '../../src/lib/features/activity/activity-commands';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { eventCounts, productNames } from '../../src/lib/projection/activity-queries';
import { Projector } from '../../src/lib/projection/projector';
import { buy, customer, memberContext } from './helpers';
import { useProjectionDbs } from './projection-helpers';

const freshDb = useProjectionDbs('test-activity-queries');

describe('activity queries', () => {
	it("read one customer's events, all events (from the doc), and the counts the projector keeps", async () => {
		const ctx = memberContext();
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		const li = createCustomer(ctx, customer({ name: 'Li' }));
		const wang = createCustomer(ctx, customer({ name: 'Wang' }));
		if (!li.ok || !wang.ok) throw new Error('setup');
		buy(ctx, li.value, { product: 'Oolong', day: 1 });
		const second = buy(ctx, li.value, { product: 'Pu-erh', day: 2 });
		buy(ctx, wang.value, { product: 'Green tea', day: 3 });
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

		expect(projector.eventsOf(li.value).purchases).toHaveLength(2);
		expect(projector.eventsOf('nobody')).toEqual({ purchases: [], interactions: [] });
		expect(projector.allPurchases()).toHaveLength(3);
		expect(projector.allInteractions().map((row) => row.summary)).toEqual([
			'Asked about new stock'
		]);
		expect(await eventCounts(db)).toEqual({ purchases: 3, interactions: 1 });

		deletePurchase(ctx, second);
		await projector.idle();
		expect(await eventCounts(db)).toEqual({ purchases: 2, interactions: 1 });
		expect(projector.eventsOf(li.value).purchases.map((row) => row.lines[0]!.product)).toEqual([
			'Oolong'
		]);
	});

	it('suggests the products of the latest sales, each once', async () => {
		const ctx = memberContext();
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		const [a, b] = ['A', 'B'].map((name) => {
			const created = createCustomer(ctx, customer({ name }));
			if (!created.ok) throw new Error('setup');
			return created.value;
		});
		buy(ctx, a!, { product: 'Old stock', day: 1 });
		buy(ctx, b!, { product: 'Jasmine', day: 10 });
		buy(ctx, a!, { product: 'Da Hong Pao', day: 20 });
		buy(ctx, b!, { product: 'Jasmine', day: 21 });
		await projector.idle();
		expect(productNames(projector.latestPurchases(10))).toEqual([
			'Da Hong Pao',
			'Jasmine',
			'Old stock'
		]);
		// Only the latest sales are read: the oldest drops out first.
		expect(productNames(projector.latestPurchases(3))).toEqual(['Da Hong Pao', 'Jasmine']);
	});
});
