/** ABC classes: the customers who make the first A% of revenue, the next B%, and the rest. */
export type AbcClass = 'A' | 'B' | 'C';

/**
 * Each customer's class by their revenue, biggest first: a customer is in A while the revenue
 * of those before them is under A% of the total, in B while under A + B%. Customers with the
 * same revenue share the class of the first of them, so the order of a tie never decides;
 * customers with no revenue are C.
 */
export function abcClasses(
	revenueCents: ArrayLike<number>,
	split: readonly [number, number]
): AbcClass[] {
	const n = revenueCents.length;
	const order = Array.from({ length: n }, (_, i) => i).sort(
		(a, b) => revenueCents[b]! - revenueCents[a]!
	);
	let total = 0;
	for (let i = 0; i < n; i++) total += Math.max(0, revenueCents[i]!);
	const classes: AbcClass[] = new Array<AbcClass>(n).fill('C');
	let before = 0;
	let tieClass: AbcClass = 'C';
	for (let i = 0; i < n; i++) {
		const customer = order[i]!;
		const revenue = revenueCents[customer]!;
		if (revenue <= 0) break;
		const share = (100 * before) / total;
		const own: AbcClass = share < split[0] ? 'A' : share < split[0] + split[1] ? 'B' : 'C';
		tieClass = i > 0 && revenue === revenueCents[order[i - 1]!] ? tieClass : own;
		classes[customer] = tieClass;
		before += revenue;
	}
	return classes;
}
