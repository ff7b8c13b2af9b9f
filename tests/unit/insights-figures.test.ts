import { describe, expect, it } from 'vitest';
import { addPurchase } from '../../src/lib/features/activity/activity-commands';
import type { PurchaseFields } from '../../src/lib/features/activity/rules/activity';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import { AnalyticsKeeper } from '../../src/lib/analytics/keeper';
import { figureChange, periodFigures } from '../../src/lib/features/insights/period-figures';
import { customPeriod } from '../../src/lib/features/insights/rules/periods';
import { customer, inZone, memberContext } from './helpers';

const at = (y: number, m: number, d: number, h = 12, min = 0) =>
	new Date(y, m - 1, d, h, min).getTime();

function sale(customerId: string, when: number, cents: number, discountCents = 0): PurchaseFields {
	return {
		customerId,
		at: when,
		lines: [{ product: 'Oolong', quantity: 1, unitPriceCents: cents }],
		discountCents,
		payment: 'cash',
		channel: 'in_store',
		note: ''
	};
}

function shop(names: string[]) {
	const ctx = memberContext();
	const ids = names.map((name) => {
		const made = createCustomer(ctx, customer({ name }));
		if (!made.ok) throw new Error('create failed');
		return made.value;
	});
	const buy = (id: string, when: number, cents: number, discount = 0) => {
		if (!addPurchase(ctx, sale(id, when, cents, discount)).ok) throw new Error('refused');
	};
	return { ctx, ids, buy, keeper: new AnalyticsKeeper(ctx.ws) };
}

/** Made inside each test, so its midnights are the zone's. */
const november = () => customPeriod('2026-11-01', '2026-11-30')!;

describe('period figures', () => {
	inZone('Asia/Shanghai', () => {
		it('sum after discounts, in cents, by the local day of each purchase', () => {
			const { ids, buy, keeper } = shop(['Li Na', 'Wang Fang', 'Zhao Min']);
			const [li, wang, zhao] = ids as [string, string, string];
			buy(li, at(2026, 10, 20), 5_000); // before: Li is returning
			buy(li, at(2026, 11, 3), 12_800, 800); // 120.00
			buy(li, at(2026, 11, 30, 23, 30), 3_333); // the month's last half hour
			buy(wang, at(2026, 11, 15), 10_000); // Wang's first: new
			buy(zhao, at(2026, 12, 1, 0, 0), 9_999); // December: outside
			const figures = periodFigures(keeper.columns(), november());
			// 12,000 + 3,333 + 10,000
			expect(figures.revenueCents).toBe(25_333);
			expect(figures.purchases).toBe(3);
			// 25,333 / 3 = 8,444.33 → 8,444
			expect(figures.averageOrderCents).toBe(8_444);
			expect(figures.customersWhoBought).toBe(2);
			expect(figures.newCustomers).toBe(1);
			expect(figures.returningShare).toBe(0.5);
			// Li bought twice in November, Wang once.
			expect(figures.repeatRate).toBe(0.5);
			keeper.stop();
		});

		it('leave out a deleted customer and count a merged pair as one', () => {
			const { ctx, ids, buy, keeper } = shop(['Li Na', 'Li Na (dup)', 'Gone']);
			const [kept, dup, gone] = ids as [string, string, string];
			buy(kept, at(2026, 11, 2), 1_000);
			buy(dup, at(2026, 11, 9), 2_000);
			buy(gone, at(2026, 11, 10), 50_000);
			deleteCustomer(ctx, gone);
			mergeCustomers(ctx, kept, dup, liveCustomer(ctx.ws, kept)!);
			const figures = periodFigures(keeper.columns(), november());
			expect(figures.revenueCents).toBe(3_000);
			expect(figures.customersWhoBought).toBe(1);
			expect(figures.newCustomers).toBe(1);
			expect(figures.repeatRate).toBe(1);
			keeper.stop();
		});

		it('count a customer added after the columns were made, and drop one deleted after', () => {
			const { ctx, ids, buy, keeper } = shop(['Li Na']);
			buy(ids[0]!, at(2026, 11, 2), 1_000);
			expect(periodFigures(keeper.columns(), november()).revenueCents).toBe(1_000);
			const made = createCustomer(ctx, customer({ name: 'Walk-in' }));
			if (!made.ok) throw new Error('create failed');
			buy(made.value, at(2026, 11, 3), 2_500);
			expect(periodFigures(keeper.columns(), november())).toMatchObject({
				revenueCents: 3_500,
				customersWhoBought: 2
			});
			deleteCustomer(ctx, ids[0]!);
			expect(periodFigures(keeper.columns(), november()).revenueCents).toBe(2_500);
			keeper.stop();
		});

		it('an empty period has zeros and no averages or shares', () => {
			const { ids, buy, keeper } = shop(['Li Na']);
			buy(ids[0]!, at(2026, 10, 5), 1_000);
			expect(periodFigures(keeper.columns(), november())).toEqual({
				revenueCents: 0,
				purchases: 0,
				averageOrderCents: null,
				customersWhoBought: 0,
				newCustomers: 0,
				returningShare: null,
				repeatRate: null
			});
			keeper.stop();
		});

		it('a free purchase counts as a purchase with zero revenue', () => {
			const { ids, buy, keeper } = shop(['Li Na']);
			buy(ids[0]!, at(2026, 11, 5), 1_000, 1_000);
			const figures = periodFigures(keeper.columns(), november());
			expect(figures.revenueCents).toBe(0);
			expect(figures.purchases).toBe(1);
			expect(figures.averageOrderCents).toBe(0);
			expect(figures.customersWhoBought).toBe(1);
			keeper.stop();
		});
	});
});

describe('a figure against the previous period', () => {
	it('says up, down or same, and by how many percent of the previous value', () => {
		expect(figureChange(150, 100)).toEqual({ direction: 'up', percent: 50 });
		expect(figureChange(75, 100)).toEqual({ direction: 'down', percent: -25 });
		expect(figureChange(100, 100)).toEqual({ direction: 'same', percent: 0 });
		// From nothing, a percentage means nothing.
		expect(figureChange(100, 0)).toEqual({ direction: 'up', percent: null });
		expect(figureChange(null, null)).toEqual({ direction: 'same', percent: null });
	});
});
