import { describe, expect, it } from 'vitest';
import { addPurchase } from '../../src/lib/features/activity/activity-commands';
import type { PurchaseFields } from '../../src/lib/features/activity/rules/activity';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { AnalyticsKeeper } from '../../src/lib/analytics/keeper';
import { dashboard } from '../../src/lib/features/insights/dashboard';
import { InsightsIndex } from '../../src/lib/features/insights/insights-index';
import {
	ageBand,
	pivotCustomers,
	pivotReport,
	TOTAL,
	type PivotCustomer,
	type PivotSpec
} from '../../src/lib/features/insights/pivot-report';
import { customPeriod } from '../../src/lib/features/insights/rules/periods';
import {
	DEFAULT_REPORT,
	readReportDefinition
} from '../../src/lib/features/insights/rules/report-definition';
import { customer, inZone, memberContext } from './helpers';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

function shop() {
	const ctx = memberContext();
	const people: PivotCustomer[] = [
		{ name: 'Li', province: '浙江省', tags: ['VIP', 'tea'], birthday: '1990-12-24' },
		{ name: 'Wang', province: '江苏省', tags: [], birthday: '' },
		{ name: 'Zhao', province: '', tags: [], birthday: '' }
	].map(({ name, province, tags, birthday }) => {
		const made = createCustomer(ctx, customer({ name }));
		if (!made.ok) throw new Error('refused');
		return {
			id: made.value,
			province,
			city: '',
			district: '',
			gender: '',
			birthday,
			stage: 'active',
			source: '',
			tags,
			createdBy: 'member-a'
		};
	});
	const buy = (who: number, when: number, lines: [string, number, number][], discountCents = 0) => {
		const sale: PurchaseFields = {
			customerId: people[who]!.id,
			at: when,
			lines: lines.map(([product, quantity, unitPriceCents]) => ({
				product,
				quantity,
				unitPriceCents
			})),
			discountCents,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		};
		if (!addPurchase(ctx, sale).ok) throw new Error('refused');
	};
	const keeper = new AnalyticsKeeper(ctx.ws);
	return { people, buy, keeper };
}

describe('pivot reports', () => {
	inZone('Asia/Shanghai', () => {
		function fixture() {
			const { people, buy, keeper } = shop();
			buy(0, at(2026, 1, 5), [['Oolong', 2, 5_000]], 1_000); // 9,000
			buy(0, at(2026, 3, 31, 23), [['Puer', 1, 35_800]]); // the quarter's last hour
			buy(1, at(2026, 4, 3), [
				['Oolong', 1, 5_000],
				['Cup', 2, 1_500]
			]); // 8,000
			buy(1, at(2026, 4, 20), [['Oolong', 1, 5_000]]);
			buy(2, at(2025, 12, 1), [['Oolong', 1, 99_900]]); // last year
			const index = new InsightsIndex(keeper.columns(), []);
			const year = customPeriod('2026-01-01', '2026-12-31')!;
			const spec = (rest: Partial<PivotSpec>): PivotSpec => ({
				rows: 'province',
				columns: 'quarter',
				measure: 'revenue',
				period: year,
				customerIds: null,
				now: at(2026, 12, 6),
				...rest
			});
			const run = (rest: Partial<PivotSpec>) => pivotReport(index, people, [], spec(rest));
			return { people, index, year, run, keeper };
		}

		it('adds revenue by province × quarter, with totals equal to the dashboard’s revenue', () => {
			const { index, year, run, keeper } = fixture();
			const pivot = run({});
			expect(pivot.rowKeys).toEqual(['江苏省', '浙江省']);
			expect(pivot.columnKeys).toEqual(['2026-Q1', '2026-Q2']);
			expect(pivot.values).toEqual([
				[0, 13_000, 13_000],
				[44_800, 0, 44_800],
				[44_800, 13_000, 57_800]
			]);
			expect(pivot.values.at(-1)!.at(-1)).toBe(dashboard(index, year).figures.revenueCents);
			keeper.stop();
		});

		it('groups by a customer value score the worker added to each customer', () => {
			const { index, year, people, keeper } = fixture();
			const scored = people.map((person, i) => ({
				...person,
				value: {
					rfmSegment: i === 0 ? 'importantValue' : 'generalDevelop',
					abcClass: i === 0 ? 'A' : 'C',
					churnRisk: 'low'
				}
			}));
			const pivot = pivotReport(index, scored, [], {
				rows: 'rfmSegment',
				columns: null,
				measure: 'revenue',
				period: year,
				customerIds: null,
				now: at(2026, 12, 6)
			});
			expect(pivot.rowKeys).toEqual(['generalDevelop', 'importantValue']);
			expect(pivot.values).toEqual([[13_000], [44_800], [57_800]]);
			// A saved report may group by one.
			expect(
				readReportDefinition(JSON.stringify({ ...DEFAULT_REPORT, rows: 'abcClass' }))
			).toMatchObject({ rows: 'abcClass' });
			keeper.stop();
		});

		it('counts a purchase once in a total though it sits in two tags', () => {
			const { run, keeper } = fixture();
			const pivot = run({ rows: 'tag', columns: null });
			expect(pivot.rowKeys).toEqual(['', 'VIP', 'tea']);
			expect(pivot.values).toEqual([[13_000], [44_800], [44_800], [57_800]]);
			const customers = run({ rows: 'tag', columns: null, measure: 'customers' });
			expect(customers.values.map((row) => row[0])).toEqual([1, 1, 1, 2]);
			keeper.stop();
		});

		it('splits products by their lines’ amounts after the discount, and counts units', () => {
			const { run, keeper } = fixture();
			const revenue = run({ rows: 'product', columns: 'month' });
			expect(revenue.rowKeys).toEqual(['name:cup', 'name:oolong', 'name:puer']);
			expect(revenue.columnKeys).toEqual(['2026-01', '2026-03', '2026-04']);
			expect(revenue.values[1]).toEqual([9_000, 0, 10_000, 19_000]);
			expect(revenue.values.at(-1)).toEqual([9_000, 35_800, 13_000, 57_800]);
			const units = run({ rows: 'product', columns: null, measure: 'quantity' });
			expect(units.values.map((row) => row[0])).toEqual([2, 4, 1, 7]);
			const orders = run({ rows: 'product', columns: null, measure: 'purchases' });
			// Wang's first purchase holds oolong and cups: one purchase in the total.
			expect(orders.values.map((row) => row[0])).toEqual([1, 3, 1, 4]);
			keeper.stop();
		});

		it('averages and repeat rates per cell; a segment keeps only its members', () => {
			const { people, run, keeper } = fixture();
			const average = run({ rows: 'province', columns: null, measure: 'averageOrder' });
			expect(average.values.map((row) => row[0])).toEqual([6_500, 22_400, 14_450]);
			const repeat = run({ rows: 'province', columns: null, measure: 'repeatRate' });
			expect(repeat.values.map((row) => row[0])).toEqual([1, 1, 1]);
			const wangOnly = run({ columns: null, customerIds: new Set([people[1]!.id]) });
			expect(wangOnly.rowKeys).toEqual(['江苏省']);
			expect(wangOnly.values).toEqual([[13_000], [13_000]]);
			const empty = run({ period: customPeriod('2027-01-01', '2027-01-31'), columns: null });
			expect(empty.values).toEqual([[0]]);
			expect(
				run({
					period: customPeriod('2027-01-01', '2027-01-31'),
					measure: 'averageOrder',
					columns: null
				}).values
			).toEqual([[null]]);
			expect(TOTAL).not.toBe('');
			keeper.stop();
		});

		it('lists the customers behind a cell, a row’s total and the grand total', () => {
			const { people, index, year, keeper } = fixture();
			const spec: PivotSpec = {
				rows: 'province',
				columns: 'quarter',
				measure: 'revenue',
				period: year,
				customerIds: null,
				now: at(2026, 12, 6)
			};
			const behind = (r: string, c: string, rest: Partial<PivotSpec> = {}) =>
				pivotCustomers(index, people, [], { ...spec, ...rest }, r, c).sort();
			const [li, wang] = [people[0]!.id, people[1]!.id];
			expect(behind('浙江省', '2026-Q1')).toEqual([li]);
			expect(behind('浙江省', '2026-Q2')).toEqual([]);
			expect(behind('江苏省', TOTAL)).toEqual([wang]);
			expect(behind(TOTAL, TOTAL)).toEqual([li, wang].sort());
			expect(behind('name:oolong', '2026-04', { rows: 'product', columns: 'month' })).toEqual([
				wang
			]);
			keeper.stop();
		});

		it('puts birthdays in bands of ten years as of today', () => {
			const now = at(2026, 12, 6);
			expect(ageBand('1990-12-24', now)).toBe('30–39'); // 35 until Dec 24
			expect(ageBand('2010-01-01', now)).toBe('0–19');
			expect(ageBand('1950-06-01', now)).toBe('70+');
			expect(ageBand('', now)).toBe('');
		});
	});

	// Berlin moves its clocks on 29 March 2026: the days, weeks and weekdays still follow the calendar.
	inZone('Europe/Berlin', () => {
		it('places purchases in their local day, week and weekday across a clock change', () => {
			const { buy, people, keeper } = shop();
			buy(0, at(2026, 3, 28, 23), [['Oolong', 1, 1_000]]); // Saturday, late
			buy(1, at(2026, 3, 29, 0), [['Oolong', 1, 2_000]]); // Sunday, first hour (23 hours long)
			buy(1, at(2026, 3, 31, 23), [['Oolong', 1, 4_000]]); // Tuesday, the month's last hour
			buy(2, at(2026, 4, 1, 0), [['Oolong', 1, 8_000]]); // Wednesday, the next month
			const index = new InsightsIndex(keeper.columns(), []);
			expect(index.days().keys).toEqual(['2026-03-28', '2026-03-29', '2026-03-31', '2026-04-01']);
			const run = (rows: PivotSpec['rows'], columns: PivotSpec['columns']) =>
				pivotReport(index, people, [], {
					rows,
					columns,
					measure: 'revenue',
					period: null,
					customerIds: null,
					now: at(2026, 12, 6)
				});
			const byMonth = run('month', 'weekday');
			expect(byMonth.rowKeys).toEqual(['2026-03', '2026-04']);
			expect(byMonth.columnKeys).toEqual(['1', '2', '5', '6']);
			expect(byMonth.values).toEqual([
				[4_000, 0, 1_000, 2_000, 7_000],
				[0, 8_000, 0, 0, 8_000],
				[4_000, 8_000, 1_000, 2_000, 15_000]
			]);
			const byWeek = run('week', null);
			expect(byWeek.rowKeys).toEqual(['2026-03-23', '2026-03-30']);
			expect(byWeek.values).toEqual([[3_000], [12_000], [15_000]]);
			keeper.stop();
		});
	});
});
