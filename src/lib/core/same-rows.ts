/** Whether two reads of a table hold the same rows, field by field (order aside). */
export function sameRows<Row extends { id: string }>(
	before: readonly Row[],
	after: readonly Row[]
): boolean {
	if (before.length !== after.length) return false;
	const byId = new Map(before.map((row) => [row.id, row]));
	return after.every((row) => {
		const other = byId.get(row.id);
		return other !== undefined && sameValue(other, row);
	});
}

/**
 * A new read of a table with each row that did not change replaced by the object read before,
 * so a screen keyed by row object redraws only what changed (a read-back after one deal moved
 * gives 1,000 new objects for one new value). Compared field by field: a timestamp alone would
 * miss a colleague's edit merged under the same one.
 */
export function keepUnchangedRows<Row extends { id: string }>(
	before: readonly Row[],
	after: readonly Row[]
): Row[] {
	if (before.length === 0) return [...after];
	const byId = new Map(before.map((row) => [row.id, row]));
	return after.map((row) => {
		const other = byId.get(row.id);
		return other !== undefined && sameValue(other, row) ? other : row;
	});
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every(
		(key) =>
			Object.hasOwn(b, key) &&
			sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
	);
}

/** Whether two lists hold the very same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
	return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Whether two maps hold the very same values under the same keys. */
export function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
	if (a.size !== b.size) return false;
	for (const [key, value] of a) if (b.get(key) !== value || !b.has(key)) return false;
	return true;
}
