import { describe, expect, it } from 'vitest';
import { addPurchase } from '../../src/lib/features/activity/activity-commands';
import type { PurchaseFields } from '../../src/lib/features/activity/rules/activity';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import { AnalyticsKeeper } from '../../src/lib/analytics/keeper';
import {
	customersBehind,
	dashboard,
	TOP_POINTS,
	type ChartData
} from '../../src/lib/features/insights/dashboard';
import {
	InsightsIndex,
	placeKey,
	type CustomerFacts
} from '../../src/lib/features/insights/insights-index';
import { customPeriod } from '../../src/lib/features/insights/rules/periods';
import { customer, inZone, memberContext } from './helpers';

const at = (y: number, m: number, d: number, h = 12, min = 0) =>
	new Date(y, m - 1, d, h, min).getTime();

type Line = [product: string, quantity: number, unitPriceCents: number];

function sale(
	customerId: string,
	when: number,
	lines: Line[],
	extra: Partial<PurchaseFields> = {}
): PurchaseFields {
	return {
		customerId,
		at: when,
		lines: lines.map(([product, quantity, unitPriceCents]) => ({
			product,
			quantity,
			unitPriceCents
		})),
		discountCents: 0,
		payment: 'cash',
		channel: 'in_store',
		note: '',
		...extra
	};
}

/** A shop whose customers' facts are given by hand, as the projection would hold them. */
function shop(people: Array<Partial<CustomerFacts> & { name: string }>) {
	const ctx = memberContext();
	const facts: CustomerFacts[] = people.map((person) => {
		const made = createCustomer(ctx, customer({ name: person.name }));
		if (!made.ok) throw new Error('create failed');
		return {
			id: made.value,
			stage: person.stage ?? 'active',
			source: person.source ?? '',
			tags: person.tags ?? [],
			province: person.province ?? '',
			city: person.city ?? ''
		};
	});
	const ids = facts.map((f) => f.id);
	const buy = (id: string, when: number, lines: Line[], extra: Partial<PurchaseFields> = {}) => {
		if (!addPurchase(ctx, sale(id, when, lines, extra)).ok) throw new Error('refused');
	};
	const keeper = new AnalyticsKeeper(ctx.ws);
	/** The index over the customers still in the archive (the projection drops the others). */
	const index = (gone: string[] = []) =>
		new InsightsIndex(
			keeper.columns(),
			facts.filter((f) => !gone.includes(f.id))
		);
	return { ctx, ids, buy, keeper, index };
}

const november = () => customPeriod('2026-11-01', '2026-11-30')!;

/** A chart's points as `key → first series value`. */
const pointsOf = (chart: ChartData, series = 0) =>
	Object.fromEntries(chart.keys.map((key, i) => [key, chart.series[series]!.values[i]]));

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('the insights dashboard', () => {
	inZone('Asia/Shanghai', () => {
		it('puts a purchase at 23:30 on a month’s last day in that day, with discounts subtracted', () => {
			const { ids, buy, keeper, index } = shop([{ name: 'Li Na' }]);
			buy(ids[0]!, at(2026, 11, 30, 23, 30), [['Oolong', 2, 5_000]], { discountCents: 1_000 });
			buy(ids[0]!, at(2026, 12, 1, 0, 0), [['Oolong', 1, 5_000]]);
			const board = dashboard(index(), november());
			expect(board.bucket).toBe('day');
			const revenue = board.charts.revenueOverTime;
			expect(revenue.keys).toHaveLength(30);
			expect(revenue.series[0]!.values.at(-1)).toBe(9_000);
			expect(sum(revenue.series[0]!.values)).toBe(board.figures.revenueCents);
			expect(pointsOf(board.charts.productsByRevenue)).toEqual({ 'name:oolong': 9_000 });
			expect(board.charts.weekdayHour.series[0]!.values[0 * 24 + 23]).toBe(1); // a Monday
			keeper.stop();
		});

		it('adds every chart over purchases up to the period’s revenue', () => {
			const { ids, buy, keeper, index } = shop([
				{ name: 'Li Na', province: '浙江省', city: '杭州市' },
				{ name: 'Wang Fang', province: '江苏省', city: '苏州市' },
				{ name: 'Zhao Min' }
			]);
			const [li, wang, zhao] = ids as [string, string, string];
			buy(
				li,
				at(2026, 11, 3),
				[
					['Oolong', 1, 12_800],
					['Cup', 2, 1_500]
				],
				{
					discountCents: 800,
					payment: 'wechat_pay'
				}
			);
			buy(wang, at(2026, 11, 4), [['Puer', 1, 35_800]], { channel: 'online' });
			buy(zhao, at(2026, 11, 5), [['Oolong', 1, 12_800]]);
			const board = dashboard(index(), november());
			const revenue = board.figures.revenueCents;
			expect(revenue).toBe(15_000 + 35_800 + 12_800);
			for (const id of [
				'revenueOverTime',
				'productsByRevenue',
				'provinces',
				'cities',
				'payments',
				'channels'
			] as const) {
				const series = board.charts[id].series.find((s) => s.id === 'revenue')!;
				expect(sum(series.values), id).toBe(revenue);
			}
			expect(pointsOf(board.charts.provinces)).toEqual({
				江苏省: 35_800,
				浙江省: 15_000,
				'': 12_800
			});
			expect(board.charts.cities.keys[0]).toBe(placeKey('江苏省', '苏州市'));
			expect(pointsOf(board.charts.payments)).toEqual({ wechat_pay: 15_000, cash: 48_600 });
			expect(pointsOf(board.charts.productsByQuantity)).toEqual({
				'name:cup': 2,
				'name:oolong': 2,
				'name:puer': 1
			});
			keeper.stop();
		});

		it('tells new from returning customers in each bucket, and lists who is behind a point', () => {
			const { ids, buy, keeper, index } = shop([{ name: 'Li Na' }, { name: 'Wang Fang' }]);
			const [li, wang] = ids as [string, string];
			buy(li, at(2026, 10, 20), [['Oolong', 1, 100]]);
			buy(li, at(2026, 11, 2), [['Oolong', 1, 100]]);
			buy(li, at(2026, 11, 2, 18), [['Oolong', 1, 100]]);
			buy(wang, at(2026, 11, 2, 9), [['Puer', 1, 100]]);
			buy(wang, at(2026, 11, 3), [['Puer', 1, 100]]);
			const period = november();
			const insights = index();
			const chart = dashboard(insights, period).charts.newVsReturning;
			const second = String(at(2026, 11, 2, 0));
			const third = String(at(2026, 11, 3, 0));
			// Each customer once per day; Wang is new on the 2nd and returning on the 3rd.
			expect(pointsOf(chart, 0)[second]).toBe(1);
			expect(pointsOf(chart, 1)[second]).toBe(1);
			expect(pointsOf(chart, 0)[third]).toBe(0);
			expect(pointsOf(chart, 1)[third]).toBe(1);
			expect(customersBehind(insights, period, 'newVsReturning', second, 'new')).toEqual([wang]);
			expect(customersBehind(insights, period, 'newVsReturning', second, 'returning')).toEqual([
				li
			]);
			expect(customersBehind(insights, period, 'productsByRevenue', 'name:puer')).toEqual([wang]);
			expect(customersBehind(insights, period, 'payments', 'cash').sort()).toEqual(
				[li, wang].sort()
			);
			keeper.stop();
		});

		it('calls a customer new in a week only if the first purchase is also in the period', () => {
			const { ids, buy, keeper, index } = shop([{ name: 'Li Na' }]);
			buy(ids[0]!, at(2026, 11, 2), [['Oolong', 1, 100]]); // Monday, before the period
			buy(ids[0]!, at(2026, 11, 5), [['Oolong', 1, 100]]); // Thursday, in it
			const period = customPeriod('2026-11-04', '2026-12-31')!;
			const insights = index();
			const board = dashboard(insights, period);
			expect(board.bucket).toBe('week');
			const week = String(at(2026, 11, 2, 0));
			expect(board.figures.newCustomers).toBe(0);
			expect(pointsOf(board.charts.newVsReturning, 0)[week]).toBe(0);
			expect(pointsOf(board.charts.newVsReturning, 1)[week]).toBe(1);
			expect(customersBehind(insights, period, 'newVsReturning', week, 'new')).toEqual([]);
			keeper.stop();
		});

		it('counts customers by stage, source and tag, and finds them again', () => {
			const { ids, keeper, index } = shop([
				{ name: 'A', stage: 'vip', source: 'referral', tags: ['tea', 'gift'] },
				{ name: 'B', stage: 'vip', tags: ['tea'] },
				{ name: 'C', stage: 'lead', source: 'referral' }
			]);
			const insights = index();
			const board = dashboard(insights, november());
			expect(board.customersByStage).toEqual([1, 0, 0, 0, 2, 0, 0]);
			expect(pointsOf(board.charts.sources)).toEqual({ referral: 2, '': 1 });
			expect(pointsOf(board.charts.tags)).toEqual({ tea: 2, gift: 1 });
			expect(board.charts.tags.keys).toEqual(['tea', 'gift']);
			expect(customersBehind(insights, november(), 'tags', 'tea')).toEqual([ids[0], ids[1]]);
			expect(customersBehind(insights, november(), 'stages', 'lead')).toEqual([ids[2]]);
			keeper.stop();
		});

		it('leaves out a deleted customer and counts a merged pair once, as the customer kept', () => {
			const { ctx, ids, buy, keeper, index } = shop([
				{ name: 'Li Na' },
				{ name: 'Li Na (dup)' },
				{ name: 'Gone' }
			]);
			const [kept, dup, gone] = ids as [string, string, string];
			buy(kept, at(2026, 11, 2), [['Oolong', 1, 1_000]]);
			buy(dup, at(2026, 11, 9), [['Oolong', 1, 2_000]]);
			buy(gone, at(2026, 11, 10), [['Oolong', 1, 50_000]]);
			deleteCustomer(ctx, gone);
			mergeCustomers(ctx, kept, dup, liveCustomer(ctx.ws, kept)!);
			const insights = index([dup, gone]);
			const board = dashboard(insights, november());
			expect(sum(board.charts.revenueOverTime.series[0]!.values)).toBe(3_000);
			expect(pointsOf(board.charts.productsByRevenue)).toEqual({ 'name:oolong': 3_000 });
			expect(customersBehind(insights, november(), 'productsByRevenue', 'name:oolong')).toEqual([
				kept
			]);
			expect(sum(board.charts.newVsReturning.series[0]!.values)).toBe(1);
			keeper.stop();
		});

		it('keeps the ten largest products and says how many there were', () => {
			const { ids, buy, keeper, index } = shop([{ name: 'Li Na' }]);
			for (let i = 1; i <= 12; i++) buy(ids[0]!, at(2026, 11, i), [[`Tea ${i}`, 1, i * 100]]);
			const chart = dashboard(index(), november()).charts.productsByRevenue;
			expect(chart.keys).toHaveLength(TOP_POINTS);
			expect(chart.totalPoints).toBe(12);
			expect(chart.names[0]).toBe('Tea 12');
			keeper.stop();
		});

		it('an empty period has points of zero and no product', () => {
			const { keeper, index } = shop([{ name: 'Li Na' }]);
			const board = dashboard(index(), november());
			expect(sum(board.charts.revenueOverTime.series[0]!.values)).toBe(0);
			expect(board.charts.productsByRevenue.keys).toEqual([]);
			expect(board.charts.payments.keys).toEqual([]);
			expect(board.figures.averageOrderCents).toBeNull();
			keeper.stop();
		});
	});

	inZone('Europe/Berlin', () => {
		it('groups a year by local month across the clock changes', () => {
			const { ids, buy, keeper, index } = shop([{ name: 'Anna' }]);
			buy(ids[0]!, at(2026, 3, 31, 23, 30), [['Kaffee', 1, 500]]);
			buy(ids[0]!, at(2026, 10, 31, 23, 30), [['Kaffee', 1, 700]]);
			const year = customPeriod('2026-01-01', '2026-12-31')!;
			const chart = dashboard(index(), year).charts.revenueOverTime;
			expect(chart.keys).toHaveLength(12);
			expect(chart.series[0]!.values[2]).toBe(500);
			expect(chart.series[0]!.values[9]).toBe(700);
			keeper.stop();
		});
	});
});
