/** The customers of `ids` (a day's tasks, a board's deals: a few), found in one pass without a map of everyone. */
export function customersAmong<Row extends { id: string }>(
	rows: readonly Row[],
	ids: ReadonlySet<string>
): ReadonlyMap<string, Row> {
	const found = new Map<string, Row>();
	for (const row of rows) {
		if (found.size === ids.size) break;
		if (ids.has(row.id)) found.set(row.id, row);
	}
	return found;
}
