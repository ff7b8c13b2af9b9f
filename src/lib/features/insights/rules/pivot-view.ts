/**
 * How a pivot's numbers are shown: as they are, or as a share of their row, column or grand
 * total; rows in the order a column sorts them. Pure, so the table, its exports and its chart
 * show the same.
 */
export type ShowAs = 'value' | 'row' | 'column' | 'total';

/** values: rows × columns with each row's total last, and the columns' totals as the last row. */
export function shownValues(values: readonly (readonly (number | null)[])[], showAs: ShowAs) {
	const last = values.length - 1;
	return values.map((row) =>
		row.map((value, c) => {
			if (showAs === 'value' || value === null) return value;
			const whole =
				showAs === 'row'
					? row[row.length - 1]
					: showAs === 'column'
						? values[last]![c]
						: values[last]![row.length - 1];
			return whole ? value / whole : null;
		})
	);
}

/**
 * The order of the body's rows (not the totals row): by the label, or by a column's value
 * (nothing last, ties by label).
 */
export function rowOrder(
	labels: readonly string[],
	values: readonly (readonly (number | null)[])[],
	by: number | 'label',
	descending: boolean
): number[] {
	const order = labels.map((_, i) => i);
	const byLabel = (a: number, b: number) => labels[a]!.localeCompare(labels[b]!);
	if (by === 'label') return order.sort((a, b) => (descending ? -1 : 1) * byLabel(a, b));
	return order.sort((a, b) => {
		const x = values[a]![by] ?? null;
		const y = values[b]![by] ?? null;
		if (x === y) return byLabel(a, b);
		if (x === null) return 1;
		if (y === null) return -1;
		return (descending ? -1 : 1) * (x - y) || byLabel(a, b);
	});
}

/** A cell's place on the colour scale, 0–1, among the body's cells (totals left out). */
export function scaleOf(
	values: readonly (readonly (number | null)[])[]
): (value: number | null) => number {
	let low = Infinity;
	let high = -Infinity;
	for (const row of values.slice(0, -1)) {
		for (const value of row.slice(0, -1)) {
			if (value === null) continue;
			low = Math.min(low, value);
			high = Math.max(high, value);
		}
	}
	return (value) =>
		value === null || !Number.isFinite(low) || high === low ? 0 : (value - low) / (high - low);
}
