/**
 * The catalogue as the customer list and the workspace's first load need it: product names
 * compared, merged products followed, duplicates found. Matching a typed name, validation and
 * sales counts are in product.ts, which loads with the screens that use them.
 */

export interface ProductFields {
	name: string;
	category: string;
	priceCents: number;
	active: boolean;
}

/** A product to add to the catalogue while recording the purchase line with this index. */
export interface NewCatalogueProduct {
	line: number;
	fields: ProductFields;
}

/**
 * The form in which two product names are compared: NFKC folds full-width letters, digits and
 * spaces ("Ｏｏｌｏｎｇ", typed with a Chinese input method) into their usual forms; then case,
 * surrounding spaces and runs of inner spaces are ignored.
 */
export function productNameKey(name: string): string {
	return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** What the catalogue rules read of a product; only `name` is needed to match a typed name. */
export interface CatalogueProduct {
	id: string;
	name: string;
	active: boolean;
	createdAt: number;
	/** Set when the product was merged into another: the id that now stands for it. */
	mergedInto?: string;
}

/**
 * The product that now stands for `id`: follows `mergedInto` while the target exists. Two
 * colleagues may merge two products into each other offline; the loop that makes is settled
 * the same way on every device, by the smallest id in it.
 */
export function resolveProductId(
	id: string,
	mergedIntoOf: (id: string) => string | undefined | null
): string {
	const seen: string[] = [];
	let current = id;
	for (;;) {
		if (seen.includes(current)) {
			const loop = seen.slice(seen.indexOf(current));
			return loop.reduce((a, b) => (b < a ? b : a));
		}
		seen.push(current);
		const next = mergedIntoOf(current);
		if (next === undefined || next === null) return current;
		current = next;
	}
}

/** A lookup for `resolveProductId` over products in memory; a missing target ends the chain. */
export function mergedIntoLookup(
	products: readonly CatalogueProduct[]
): (id: string) => string | undefined {
	const byId = new Map(products.map((product) => [product.id, product]));
	return (id) => {
		const target = byId.get(id)?.mergedInto;
		return target !== undefined && byId.has(target) ? target : undefined;
	};
}

/**
 * The products that stand for themselves: neither merged into another nor lost in a loop. One
 * that still names a merge target (the one a loop of two offline merges settles on, or one whose
 * target was deleted meanwhile) was archived by that merge, yet now stands for the others: it is
 * offered again.
 */
export function unmergedProducts<T extends CatalogueProduct>(products: readonly T[]): T[] {
	const lookup = mergedIntoLookup(products);
	return products
		.filter((product) => resolveProductId(product.id, lookup) === product.id)
		.map((product) => {
			if (product.mergedInto === undefined) return product;
			const { mergedInto: _settled, ...standing } = product;
			return { ...standing, active: true } as T;
		});
}

/**
 * Products that are likely duplicates: groups of two or more (unmerged) products with the same
 * name, each group oldest first. Two colleagues adding "Oolong" offline make one.
 */
export function likelyDuplicateProducts<T extends CatalogueProduct>(products: readonly T[]): T[][] {
	const groups = new Map<string, T[]>();
	for (const product of unmergedProducts(products)) {
		const key = productNameKey(product.name);
		groups.set(key, [...(groups.get(key) ?? []), product]);
	}
	return [...groups.values()]
		.filter((group) => group.length > 1)
		.map((group) => group.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)));
}
