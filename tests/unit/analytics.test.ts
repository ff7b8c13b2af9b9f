import { describe, expect, it } from 'vitest';
import {
	addPurchase,
	deletePurchase,
	editPurchase,
	logInteraction,
	restorePurchase
} from '../../src/lib/features/activity/activity-commands';
import {
	createCustomer,
	deleteCustomer,
	restoreCustomer
} from '../../src/lib/features/customers/customer-commands';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import type { PurchaseFields } from '../../src/lib/features/activity/rules/activity';
import { AnalyticsKeeper } from '../../src/lib/analytics/keeper';
import { pivotMonthByProduct } from '../../src/lib/analytics/pivot';
import {
	AnalyticsSnapshot,
	localMonth,
	type AnalyticsColumns
} from '../../src/lib/analytics/snapshot';
import { buy, customer, memberContext, seededRandom } from './helpers';
import { createProduct, mergeProducts } from '../../src/lib/features/products/product-commands';

function sale(customerId: string, at: number, lines: [string, number, number][]): PurchaseFields {
	return {
		customerId,
		at,
		lines: lines.map(([product, quantity, unitPriceCents]) => ({
			product,
			quantity,
			unitPriceCents
		})),
		discountCents: 0,
		payment: 'wechat_pay',
		channel: 'online',
		note: ''
	};
}

function shop() {
	const ctx = memberContext();
	const ids = ['Li Na', 'Wang Fang'].map((name) => {
		const made = createCustomer(ctx, customer({ name }));
		if (!made.ok) throw new Error('create failed');
		return made.value;
	});
	return { ctx, ids };
}

/** The live purchases as the columns hold them, for comparing with the doc. */
function livePurchases(columns: AnalyticsColumns) {
	const rows = [];
	for (let row = 0; row < columns.purchases.count; row++) {
		if (columns.purchases.live[row] !== 1) continue;
		rows.push({
			customer: columns.customers[columns.purchases.customer[row]!],
			at: columns.purchases.at[row],
			totalCents: columns.purchases.totalCents[row]
		});
	}
	return rows.sort(
		(a, b) =>
			a.at! - b.at! || a.totalCents! - b.totalCents! || a.customer!.localeCompare(b.customer!)
	);
}

describe('analytics columns', () => {
	it('hold every live purchase and interaction, with totals after discount in cents', () => {
		const { ctx, ids } = shop();
		addPurchase(ctx, {
			...sale(ids[0]!, Date.UTC(2026, 0, 5), [['Oolong', 2, 12_800]]),
			discountCents: 600
		});
		addPurchase(
			ctx,
			sale(ids[1]!, Date.UTC(2026, 1, 5), [
				['Puer', 1, 35_800],
				['Oolong', 1, 12_800]
			])
		);
		logInteraction(ctx, {
			customerId: ids[1]!,
			at: Date.UTC(2026, 1, 6),
			kind: 'call',
			direction: 'in',
			summary: 'Asked about puer',
			outcome: '',
			nextStep: '',
			followUpDate: '',
			products: []
		});
		const columns = new AnalyticsSnapshot(ctx.ws).columns();
		expect(livePurchases(columns)).toEqual([
			{ customer: ids[0], at: Date.UTC(2026, 0, 5), totalCents: 25_000 },
			{ customer: ids[1], at: Date.UTC(2026, 1, 5), totalCents: 48_600 }
		]);
		expect(columns.lines.count).toBe(3);
		expect(Array.from(columns.lines.netCents)).toEqual([25_000, 35_800, 12_800]);
		expect(columns.productNames).toEqual(['Oolong', 'Puer']);
		expect(columns.interactions!.count).toBe(1);
		expect(columns.interactions!.month[0]).toBe(localMonth(Date.UTC(2026, 1, 6)));
	});

	it('follow edits, deletes and restores one row each, and equal a fresh build', () => {
		const { ctx, ids } = shop();
		const keeper = new AnalyticsKeeper(ctx.ws);
		const random = seededRandom(5);
		const sales: string[] = [];
		keeper.columns();
		for (let step = 0; step < 200; step++) {
			const roll = random();
			const at = Date.UTC(2025, Math.floor(random() * 14), 1 + Math.floor(random() * 27));
			const who = ids[Math.floor(random() * ids.length)]!;
			const id = sales[Math.floor(random() * sales.length)];
			if (roll < 0.5 || !id) {
				const made = addPurchase(
					ctx,
					sale(who, at, [['Oolong', 1 + Math.floor(random() * 3), 1_250]])
				);
				if (made.ok) sales.push(made.value);
			} else if (roll < 0.7) editPurchase(ctx, id, sale(who, at, [['Puer', 2, 3_333]]));
			else if (roll < 0.85) deletePurchase(ctx, id);
			else restorePurchase(ctx, id);
			if (random() < 0.3) keeper.columns();
		}
		const kept = keeper.columns();
		const fresh = new AnalyticsSnapshot(ctx.ws).columns();
		expect(livePurchases(kept)).toEqual(livePurchases(fresh));
		// Rows were marked dead rather than rebuilt: the kept columns hold more rows.
		expect(kept.purchases.count).toBeGreaterThan(fresh.purchases.count);
		const pivotKept = pivotMonthByProduct(kept);
		const pivotFresh = pivotMonthByProduct(fresh);
		expect(pivotKept.months).toEqual(pivotFresh.months);
		const byName = (pivot: ReturnType<typeof pivotMonthByProduct>, columns: AnalyticsColumns) =>
			Object.fromEntries(
				pivot.months.flatMap((month, m) =>
					pivot.products.map((product) => [
						`${month} ${columns.productNames[product]}`,
						pivot.cents[m * pivot.products.length + product]
					])
				)
			);
		expect(byName(pivotKept, kept)).toEqual(byName(pivotFresh, fresh));
		keeper.stop();
	});

	it('built ahead in slices, with edits, deletes and a merge between slices, equal a fresh build', async () => {
		const { ctx, ids } = shop();
		const random = seededRandom(11);
		const sales: string[] = [];
		for (let step = 0; step < 2_000; step++) {
			const at = Date.UTC(2025, Math.floor(random() * 14), 1 + Math.floor(random() * 27));
			const made = addPurchase(ctx, sale(ids[step % 2]!, at, [['Oolong', 1, 1_000 + step]]));
			if (made.ok) sales.push(made.value);
		}
		const keeper = new AnalyticsKeeper(ctx.ws);
		let slices = 0;
		// Each pause between slices is where the page's calls (and colleagues' edits) get in.
		const between = async () => {
			slices++;
			const id = sales[Math.floor(random() * sales.length)]!;
			const roll = random();
			if (roll < 0.3)
				editPurchase(ctx, id, sale(ids[0]!, Date.UTC(2026, 1, 2), [['Puer', 2, 777]]));
			else if (roll < 0.6) deletePurchase(ctx, id);
			else if (roll < 0.8) addPurchase(ctx, sale(ids[1]!, Date.UTC(2026, 2, 3), [['Cup', 1, 99]]));
			else restorePurchase(ctx, id);
		};
		await keeper.warmUp(between, 0);
		expect(slices).toBeGreaterThan(3);
		expect(livePurchases(keeper.columns())).toEqual(
			livePurchases(new AnalyticsSnapshot(ctx.ws).columns())
		);

		// A merge while it builds drops the half-built columns; the next request builds anew.
		const again = new AnalyticsKeeper(ctx.ws);
		let merged = false;
		await again.warmUp(async () => {
			if (!merged) mergeCustomers(ctx, ids[0]!, ids[1]!, liveCustomer(ctx.ws, ids[0]!)!);
			merged = true;
		}, 0);
		expect(new Set(livePurchases(again.columns()).map((row) => row.customer))).toEqual(
			new Set([ids[0]])
		);
		expect(livePurchases(again.columns())).toEqual(
			livePurchases(new AnalyticsSnapshot(ctx.ws).columns())
		);
		// Built already: a second warm-up does nothing.
		let called = false;
		await again.warmUp(async () => void (called = true), 0);
		expect(called).toBe(false);
		keeper.stop();
		again.stop();
	});

	it('count a merged customer’s history for the customer kept', () => {
		const { ctx, ids } = shop();
		const keeper = new AnalyticsKeeper(ctx.ws);
		addPurchase(ctx, sale(ids[1]!, Date.UTC(2026, 0, 5), [['Oolong', 1, 1_000]]));
		expect(new Set(livePurchases(keeper.columns()).map((row) => row.customer))).toEqual(
			new Set([ids[1]])
		);
		mergeCustomers(ctx, ids[0]!, ids[1]!, liveCustomer(ctx.ws, ids[0]!)!);
		expect(livePurchases(keeper.columns()).map((row) => row.customer)).toEqual([ids[0]]);
		keeper.stop();
	});
});

describe('month × product pivot', () => {
	it('leaves out a deleted customer’s sales, and counts them again once restored', () => {
		const { ctx, ids } = shop();
		const keeper = new AnalyticsKeeper(ctx.ws);
		addPurchase(ctx, sale(ids[0]!, new Date(2026, 0, 5, 12).getTime(), [['Oolong', 2, 1_000]]));
		addPurchase(ctx, sale(ids[1]!, new Date(2026, 0, 9, 12).getTime(), [['Oolong', 1, 1_500]]));
		const total = () =>
			Array.from(pivotMonthByProduct(keeper.columns()).cents).reduce((a, b) => a + b, 0);
		expect(total()).toBe(3_500);
		deleteCustomer(ctx, ids[1]!);
		expect(total()).toBe(2_000);
		restoreCustomer(ctx, ids[1]!);
		expect(total()).toBe(3_500);
		keeper.stop();
	});

	it('sums line amounts in cents by local month and product, every month in between', () => {
		const { ctx, ids } = shop();
		const may = new Date(2026, 4, 31, 23, 30).getTime();
		const july = new Date(2026, 6, 1, 0, 15).getTime();
		addPurchase(
			ctx,
			sale(ids[0]!, may, [
				['Oolong', 2, 12_800],
				['Puer', 1, 35_800]
			])
		);
		addPurchase(ctx, sale(ids[1]!, july, [['oolong ', 1, 12_800]]));
		const columns = new AnalyticsSnapshot(ctx.ws).columns();
		const pivot = pivotMonthByProduct(columns);
		expect(pivot.months).toEqual(['2026-05', '2026-06', '2026-07']);
		// Typed names that differ only in case and spacing are one product.
		expect(columns.productNames).toEqual(['Oolong', 'Puer']);
		expect(Array.from(pivot.cents)).toEqual([25_600, 35_800, 0, 0, 12_800, 0]);
		expect(Array.from(pivot.quantity)).toEqual([2, 1, 0, 0, 1, 0]);
	});

	it('share a purchase’s discount over its lines in whole cents that add up to its total', () => {
		const { ctx, ids } = shop();
		addPurchase(ctx, {
			...sale(ids[0]!, Date.UTC(2026, 0, 5), [
				['Oolong', 1, 100],
				['Puer', 1, 100],
				['Tea cup', 1, 100]
			]),
			discountCents: 100
		});
		const columns = new AnalyticsSnapshot(ctx.ws).columns();
		// 33⅓ cents each: the cent left over goes to the first line.
		expect(Array.from(columns.lines.netCents)).toEqual([66, 67, 67]);
		expect(Array.from(pivotMonthByProduct(columns).cents)).toEqual([66, 67, 67]);
		expect(columns.purchases.totalCents[0]).toBe(200);
	});

	it('read interactions only once asked for, then keep them up to date', () => {
		const { ctx, ids } = shop();
		const call = (at: number) =>
			logInteraction(ctx, {
				customerId: ids[0]!,
				at,
				kind: 'call',
				direction: 'in',
				summary: 'Asked about puer',
				outcome: '',
				nextStep: '',
				followUpDate: '',
				products: []
			});
		call(Date.UTC(2026, 1, 6));
		const keeper = new AnalyticsKeeper(ctx.ws);
		expect(keeper.columns({ interactions: false }).interactions).toBeNull();
		// Logged while the keeper held purchases only: the first full read has it.
		call(Date.UTC(2026, 1, 7));
		expect(keeper.columns().interactions!.count).toBe(2);
		call(Date.UTC(2026, 1, 8));
		const live = keeper.columns().interactions!;
		expect(Array.from(live.live.subarray(0, live.count)).filter((x) => x === 1)).toHaveLength(3);
		keeper.stop();
	});

	it('is empty for a shop with no sales', () => {
		const { ctx } = shop();
		const pivot = pivotMonthByProduct(new AnalyticsSnapshot(ctx.ws).columns());
		expect(pivot.months).toEqual([]);
		expect(pivot.cents.length).toBe(0);
	});
});

describe('analytics columns and what could mislead them', () => {
	it('count a merged product’s sales for the product kept, after the columns were made', () => {
		const { ctx, ids } = shop();
		const kept = createProduct(ctx, { name: 'Oolong', category: '', priceCents: 0, active: true });
		const twin = createProduct(ctx, {
			name: 'Oolong tea',
			category: '',
			priceCents: 0,
			active: true
		});
		if (!kept.ok || !twin.ok) throw new Error('setup failed');
		buy(ctx, ids[0]!, { product: 'Oolong tea', productId: twin.value });
		const keeper = new AnalyticsKeeper(ctx.ws);
		expect(keeper.columns().products).toEqual([twin.value]);
		mergeProducts(ctx, kept.value, [twin.value]);
		const columns = keeper.columns();
		expect(columns.products).toEqual([kept.value]);
		keeper.stop();
	});

	it('leave out moments no calendar can chart, and tombstones that are not tombstones', () => {
		const { ctx, ids } = shop();
		const keeper = new AnalyticsKeeper(ctx.ws);
		addPurchase(ctx, sale(ids[0]!, 1.7e15, [['Oolong', 1, 1_000]]));
		const real = addPurchase(ctx, sale(ids[0]!, Date.UTC(2026, 0, 5), [['Oolong', 1, 1_000]]));
		if (!real.ok) throw new Error('setup failed');
		keeper.columns();
		// A stranger's value under the sale's id in the tombstones does not delete it.
		ctx.ws.doc.transact(() => ctx.ws.eventTombstones.set(real.value, 'gone'), 'stranger');
		const columns = keeper.columns();
		expect(livePurchases(columns).map((row) => row.at)).toEqual([Date.UTC(2026, 0, 5)]);
		expect(pivotMonthByProduct(columns).months).toEqual(['2026-01']);
		keeper.stop();
	});
});
