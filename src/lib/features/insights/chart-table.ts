import { centsToDecimal } from '../../domain/money';
import type { ChartData, SeriesUnit } from './dashboard';

/**
 * A chart's numbers as a table, the same for the screen's "Show as table" and for the CSV and
 * XLSX exports: one row per point, one column per series (the heat map: a row per weekday and
 * a column per hour).
 */
export interface ChartTable {
	/** The first column's heading, then each value column's. */
	head: string[];
	rows: { key: string; label: string; values: number[] }[];
	/** The unit of each value column. */
	units: SeriesUnit[];
}

export function chartTable(
	chart: ChartData,
	pointLabel: string,
	labels: readonly string[],
	seriesNames: readonly string[]
): ChartTable {
	return {
		head: [pointLabel, ...seriesNames],
		rows: chart.keys.map((key, i) => ({
			key,
			label: labels[i] ?? key,
			values: chart.series.map((series) => series.values[i] ?? 0)
		})),
		units: chart.series.map((series) => series.unit)
	};
}

/** The heat map's counts (row after row) as a table of rows × columns. */
export function gridTable(
	values: readonly number[],
	corner: string,
	rows: readonly string[],
	columns: readonly string[]
): ChartTable {
	return {
		head: [corner, ...columns],
		rows: rows.map((label, r) => ({
			key: String(r),
			label,
			values: columns.map((_, c) => values[r * columns.length + c] ?? 0)
		})),
		units: columns.map(() => 'count')
	};
}

/**
 * The table as spreadsheet rows: counts as numbers, money as a number of whole units with its
 * cents (a sheet sums them); the CSV writes money with exactly two decimals.
 */
export function tableSheet(table: ChartTable, as: 'xlsx' | 'csv'): (string | number)[][] {
	const money = (cents: number) => (as === 'csv' ? centsToDecimal(cents) : cents / 100);
	return [
		table.head,
		...table.rows.map((row) => [
			row.label,
			...row.values.map((value, i) => (table.units[i] === 'cents' ? money(value) : value))
		])
	];
}
