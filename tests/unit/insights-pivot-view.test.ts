import { describe, expect, it } from 'vitest';
import { rowOrder, scaleOf, shownValues } from '../../src/lib/features/insights/rules/pivot-view';

// Two rows × two columns, each row's total last; the columns' totals last.
const values = [
	[10, 30, 40],
	[50, null, 50],
	[60, 30, 90]
];

describe('a pivot as shown', () => {
	it('shows shares of the row, the column or the grand total', () => {
		expect(shownValues(values, 'row')[0]).toEqual([0.25, 0.75, 1]);
		expect(shownValues(values, 'column')[1]).toEqual([50 / 60, null, 50 / 90]);
		expect(shownValues(values, 'total')[2]).toEqual([60 / 90, 30 / 90, 1]);
		expect(shownValues(values, 'value')).toEqual(values);
		expect(
			shownValues(
				[
					[0, 0],
					[0, 0]
				],
				'row'
			)[0]
		).toEqual([null, null]);
	});

	it('sorts rows by a column, nothing last, or by label', () => {
		expect(rowOrder(['b', 'a'], values, 0, true)).toEqual([1, 0]);
		expect(rowOrder(['b', 'a'], values, 1, true)).toEqual([0, 1]);
		expect(rowOrder(['b', 'a'], values, 1, false)).toEqual([0, 1]);
		expect(rowOrder(['b', 'a'], values, 'label', false)).toEqual([1, 0]);
	});

	it('scales cells between the smallest and the largest of the body', () => {
		const scale = scaleOf(values);
		expect(scale(10)).toBe(0);
		expect(scale(50)).toBe(1);
		expect(scale(30)).toBe(0.5);
		expect(scale(null)).toBe(0);
	});
});
