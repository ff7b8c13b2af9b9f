/** Whether two reads of the customers hold the same rows, field by field (order aside). */
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

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every(
		(key) =>
			Object.hasOwn(b, key) &&
			sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
	);
}
