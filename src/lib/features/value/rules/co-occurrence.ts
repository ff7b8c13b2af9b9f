/**
 * "Customers who bought this also bought": products counted together across customers (each
 * customer's distinct products once), ranked by lift with a minimum support.
 *
 * lift(A, B) = customers · together(A, B) / (buyers(A) · buyers(B)): how many times more
 * often A and B share a customer than they would by chance. Support is the number of customers
 * who bought both, which is also the evidence shown ("bought together by 12 customers").
 */
export interface CoOccurrence {
	/** Customers with at least one product. */
	customers: number;
	/** Per product: customers who bought it. */
	buyers: Uint32Array;
	/** Customers who bought both, by pair key (see `pairKey`). */
	together: Map<number, number>;
	productCount: number;
}

/** Pairs with fewer customers than this are never suggested: one shared basket is chance. */
export const MIN_SUPPORT = 2;

const pairKey = (a: number, b: number, count: number) => (a < b ? a * count + b : b * count + a);

/** Counts, over each customer's distinct products, who bought what and what together. */
export function coOccurrence(
	baskets: Iterable<readonly number[]>,
	productCount: number
): CoOccurrence {
	const buyers = new Uint32Array(productCount);
	const together = new Map<number, number>();
	let customers = 0;
	for (const basket of baskets) {
		const products = [...new Set(basket)];
		if (products.length === 0) continue;
		customers++;
		for (let i = 0; i < products.length; i++) {
			buyers[products[i]!]!++;
			for (let j = i + 1; j < products.length; j++) {
				const key = pairKey(products[i]!, products[j]!, productCount);
				together.set(key, (together.get(key) ?? 0) + 1);
			}
		}
	}
	return { customers, buyers, together, productCount };
}

export interface Suggestion {
	product: number;
	/** Customers who bought both. */
	support: number;
	lift: number;
	/** The product it goes with (for a customer: one they bought). */
	with: number;
}

function pair(co: CoOccurrence, a: number, b: number): Suggestion | null {
	const support = co.together.get(pairKey(a, b, co.productCount)) ?? 0;
	if (support < MIN_SUPPORT) return null;
	const lift = (co.customers * support) / (co.buyers[a]! * co.buyers[b]!);
	return { product: b, support, lift, with: a };
}

const byStrength = (x: Suggestion, y: Suggestion) =>
	y.lift - x.lift || y.support - x.support || x.product - y.product;

/** What buyers of `product` also bought, strongest first; `available` as for `suggestFor`. */
export function alsoBought(
	co: CoOccurrence,
	product: number,
	limit = 5,
	available: (product: number) => boolean = () => true
): Suggestion[] {
	const found: Suggestion[] = [];
	for (let other = 0; other < co.productCount; other++) {
		if (other === product || !available(other)) continue;
		const suggestion = pair(co, product, other);
		if (suggestion) found.push(suggestion);
	}
	return found.sort(byStrength).slice(0, limit);
}

/**
 * Products a customer has not bought that go with ones they have, strongest first; each once,
 * with the product of theirs it goes with best. `available` leaves out products not for sale.
 */
export function suggestFor(
	co: CoOccurrence,
	owned: readonly number[],
	limit = 5,
	available: (product: number) => boolean = () => true
): Suggestion[] {
	const mine = new Set(owned);
	const best = new Map<number, Suggestion>();
	for (const product of mine) {
		for (let other = 0; other < co.productCount; other++) {
			if (mine.has(other) || !available(other)) continue;
			const suggestion = pair(co, product, other);
			if (!suggestion) continue;
			const before = best.get(other);
			if (!before || byStrength(suggestion, before) < 0) best.set(other, suggestion);
		}
	}
	return [...best.values()].sort(byStrength).slice(0, limit);
}
