import type { CustomerRow } from './db';

/** Customer rows the projection lacks for now: rows to show, and customers to leave out. */
export interface UnwrittenCustomers {
	rows: CustomerRow[];
	removed: string[];
}

/**
 * The stored customer rows as they would be with the rows a failed write left out: those
 * replace or join the stored ones, and removed customers leave. The stored list itself when
 * nothing is left out, so the usual case costs nothing.
 */
export function withUnwritten(
	stored: readonly CustomerRow[],
	unwritten: UnwrittenCustomers | null
): readonly CustomerRow[] {
	if (!unwritten || unwritten.rows.length + unwritten.removed.length === 0) return stored;
	const replaced = new Map(unwritten.rows.map((row) => [row.id, row]));
	const removed = new Set(unwritten.removed);
	const rows: CustomerRow[] = [];
	for (const row of stored) {
		if (removed.has(row.id)) continue;
		const newer = replaced.get(row.id);
		rows.push(newer ?? row);
		replaced.delete(row.id);
	}
	rows.push(...replaced.values());
	return rows;
}
