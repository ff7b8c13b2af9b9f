import { describe, expect, it } from 'vitest';
import { deletePurchase, logInteraction } from '../../src/lib/features/activity/activity-commands';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { EventIndex } from '../../src/lib/projection/event-index';
import { buy, customer, memberContext } from './helpers';

type Context = ReturnType<typeof memberContext>;

function twoCustomers(ctx: Context): [string, string] {
	const li = createCustomer(ctx, customer({ name: 'Li' }));
	const wang = createCustomer(ctx, customer({ name: 'Wang' }));
	if (!li.ok || !wang.ok) throw new Error('setup');
	return [li.value, wang.value];
}

describe('the event index', () => {
	it("gives each customer's events as rows ordered by id, with purchase totals", () => {
		const ctx = memberContext();
		const [li, wang] = twoCustomers(ctx);
		const first = buy(ctx, li, { unitPriceCents: 500 });
		const second = buy(ctx, li, { unitPriceCents: 700 });
		logInteraction(ctx, {
			customerId: wang,
			at: Date.UTC(2026, 0, 2),
			kind: 'call',
			direction: 'out',
			summary: 'New stock',
			outcome: '',
			nextStep: '',
			followUpDate: '',
			products: []
		});

		const index = new EventIndex(ctx.ws);
		const events = index.eventsOf(li);
		expect(events.purchases.map((row) => row.id)).toEqual([first, second].sort());
		expect(events.purchases.map((row) => row.totalCents).sort()).toEqual([500, 700]);
		expect(events.interactions).toEqual([]);
		expect(index.eventsOf(wang).interactions.map((row) => row.summary)).toEqual(['New stock']);
		expect(index.hasEvents(li)).toBe(true);
		expect(index.hasEvents('nobody')).toBe(false);
		expect(index.counts()).toEqual({ purchases: 2, interactions: 1 });
	});

	it('follows an event to the customer it names now, and forgets deleted ones', () => {
		const ctx = memberContext();
		const [li, wang] = twoCustomers(ctx);
		const moved = buy(ctx, li, { unitPriceCents: 500 });
		const deleted = buy(ctx, wang, { unitPriceCents: 900 });
		const index = new EventIndex(ctx.ws);

		// A merge rewrites a purchase to name the kept customer.
		const record = ctx.ws.purchases.get(moved) as Record<string, unknown>;
		ctx.ws.purchases.set(moved, { ...record, customerId: wang });
		index.refresh('purchases', moved);
		deletePurchase(ctx, deleted);
		index.refresh('purchases', deleted);

		expect(index.hasEvents(li)).toBe(false);
		expect(index.eventsOf(wang).purchases.map((row) => row.id)).toEqual([moved]);
		expect(index.counts()).toEqual({ purchases: 1, interactions: 0 });
	});

	it('leaves out records that are not valid events, as a rebuild does', () => {
		const ctx = memberContext();
		const [li] = twoCustomers(ctx);
		buy(ctx, li, { unitPriceCents: 500 });
		// A record naming no customer (written by a buggy or hostile peer) is no purchase.
		ctx.ws.purchases.set('broken', { lines: [], note: 'whose?' });
		ctx.ws.purchases.set('garbage', 'not a record');
		const index = new EventIndex(ctx.ws);
		expect(index.counts()).toEqual({ purchases: 1, interactions: 0 });
		expect(index.eventsOf(li).purchases).toHaveLength(1);
		expect(index.allPurchases()).toHaveLength(1);
	});

	it('finds the latest purchases by their moment, whatever order they were recorded in', () => {
		const ctx = memberContext();
		const [li, wang] = twoCustomers(ctx);
		const days = [5, 1, 9, 9, 3, 12, 7];
		const ids = days.map((day, i) => buy(ctx, i % 2 ? li : wang, { day, product: `p${day}` }));
		const gone = buy(ctx, li, { day: 30 });
		deletePurchase(ctx, gone);
		ctx.ws.purchases.set('broken', JSON.stringify({ at: Date.UTC(2026, 0, 31) }));
		const index = new EventIndex(ctx.ws);

		const latestIds = (count: number) => index.latestPurchases(count).map((row) => row.id);
		// Rows come ordered by id; which ones they are is what counts.
		expect(latestIds(1)).toEqual([ids[5]]);
		const nineDays = [ids[2]!, ids[3]!].sort();
		expect(latestIds(3).sort()).toEqual([ids[5]!, ...nineDays].sort());
		// Of two sales on the same day the larger id counts as later, so the answer is stable.
		expect(latestIds(2).sort()).toEqual([ids[5]!, nineDays[1]!].sort());
		expect(latestIds(100).sort()).toEqual([...ids].sort());
		expect(latestIds(0)).toEqual([]);

		// A colleague's edit moves a sale to a later day: the index follows it.
		const record = JSON.parse(ctx.ws.purchases.get(ids[1]!) as string) as object;
		ctx.ws.purchases.set(ids[1]!, JSON.stringify({ ...record, at: Date.UTC(2026, 1, 1) }));
		index.refresh('purchases', ids[1]!);
		expect(latestIds(1)).toEqual([ids[1]]);
	});

	it('picks the same latest purchases as sorting them all would', () => {
		const ctx = memberContext();
		const [li] = twoCustomers(ctx);
		let seed = 11;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const bought = Array.from({ length: 300 }, () => {
			const day = 1 + Math.floor(random() * 60);
			return { id: buy(ctx, li, { day }), at: Date.UTC(2026, 0, day) };
		});
		const index = new EventIndex(ctx.ws);
		for (const count of [1, 7, 50, 299, 300]) {
			const expected = [...bought]
				.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
				.slice(0, count)
				.map((sale) => sale.id);
			expect(index.latestPurchases(count).map((row) => row.id)).toEqual(expected.sort());
		}
	});
});
