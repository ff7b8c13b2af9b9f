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

export type ProductMessageKey =
	'validation.required' | 'validation.tooLong' | 'validation.amountInvalid';
export type ProductErrors = Partial<Record<keyof ProductFields, ProductMessageKey>>;

export function validateProduct(
	input: ProductFields
): { ok: true; value: ProductFields } | { ok: false; errors: ProductErrors } {
	const value = { ...input, name: input.name.trim(), category: input.category.trim() };
	const errors: ProductErrors = {};
	if (value.name === '') errors.name = 'validation.required';
	else if (value.name.length > 120) errors.name = 'validation.tooLong';
	if (value.category.length > 60) errors.category = 'validation.tooLong';
	if (!Number.isSafeInteger(value.priceCents) || value.priceCents < 0)
		errors.priceCents = 'validation.amountInvalid';
	return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
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

/** Active before archived, then the oldest: the product a name most likely means. */
function preferred<T extends Partial<CatalogueProduct>>(a: T, b: T): number {
	return (
		Number(b.active !== false) - Number(a.active !== false) ||
		(a.createdAt ?? 0) - (b.createdAt ?? 0) ||
		(a.id ?? '').localeCompare(b.id ?? '')
	);
}

/**
 * The catalogue product a typed name refers to (same name ignoring case, width and spaces around).
 * When several share it (two colleagues added it offline), the active and then the oldest one, so
 * every device links a sale to the same product.
 */
export function findProduct<T extends { name: string } & Partial<CatalogueProduct>>(
	products: readonly T[],
	typed: string
): T | undefined {
	const wanted = productNameKey(typed);
	if (wanted === '') return undefined;
	return products
		.filter((product) => productNameKey(product.name) === wanted)
		.sort(preferred)
		.at(0);
}

/**
 * The catalogue product a purchase line links to. A line being edited keeps the product it
 * was sold as while its text is unchanged, even if that product was renamed or got a namesake
 * since; only a changed text is looked up again (else editing a note would move the sale).
 */
export function lineProductId<T extends { name: string } & Partial<CatalogueProduct>>(
	products: readonly T[],
	typed: string,
	sold?: { product: string; productId?: string }
): string | undefined {
	if (sold?.productId !== undefined && typed.trim() === sold.product.trim()) return sold.productId;
	return findProduct(products, typed)?.id;
}

/**
 * The active product a new or renamed product's name would duplicate (a warning, not a block:
 * two products may share a name, e.g. a tea and its gift box).
 */
export function sameNamedActiveProduct<T extends CatalogueProduct>(
	products: readonly T[],
	name: string,
	exceptId?: string
): T | undefined {
	return findProduct(
		products.filter((product) => product.active && product.id !== exceptId),
		name
	);
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

/**
 * Sales per product, each counted for the product that now stands for the one it names: a merged
 * product's sales follow it. `saleProductIds` holds one entry per purchase line with a product.
 */
export function salesPerProduct(
	saleProductIds: Iterable<string>,
	mergedIntoOf: (id: string) => string | undefined | null
): Map<string, number> {
	const counts = new Map<string, number>();
	for (const id of saleProductIds) {
		const resolved = resolveProductId(id, mergedIntoOf);
		counts.set(resolved, (counts.get(resolved) ?? 0) + 1);
	}
	return counts;
}
