import {
	productNameKey,
	resolveProductId,
	type CatalogueProduct,
	type ProductFields
} from './product-catalogue';

export * from './product-catalogue';

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
