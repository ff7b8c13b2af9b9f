import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../src/lib/features/insights/dashboard';
import { chartTable, gridTable, tableSheet } from '../../src/lib/features/insights/chart-table';

const payments: ChartData = {
	id: 'payments',
	keys: ['cash', 'wechat_pay'],
	names: ['', ''],
	series: [
		{ id: 'revenue', unit: 'cents', values: [12_345, 100] },
		{ id: 'purchases', unit: 'count', values: [3, 1] }
	],
	totalPoints: 2
};

describe('a chart as a table', () => {
	it('has a row per point and a column per series, money exact in both exports', () => {
		const table = chartTable(payments, 'Payment', ['Cash', 'WeChat Pay'], ['Revenue', 'Purchases']);
		expect(table.head).toEqual(['Payment', 'Revenue', 'Purchases']);
		expect(tableSheet(table, 'csv')).toEqual([
			['Payment', 'Revenue', 'Purchases'],
			['Cash', '123.45', 3],
			['WeChat Pay', '1.00', 1]
		]);
		expect(tableSheet(table, 'xlsx')[1]).toEqual(['Cash', 123.45, 3]);
	});

	it('lays the heat map out as weekdays × hours', () => {
		const values = Array.from({ length: 7 * 24 }, (_, i) => i);
		const table = gridTable(
			values,
			'',
			['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
			[...Array(24).keys()].map(String)
		);
		expect(table.rows).toHaveLength(7);
		expect(table.rows[1]!.values[0]).toBe(24);
		expect(table.rows[6]!.values[23]).toBe(167);
	});
});
