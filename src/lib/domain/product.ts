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

/** The catalogue product a typed name refers to (same name, ignoring case and spaces around). */
export function findProduct<T extends { name: string }>(
	products: readonly T[],
	typed: string
): T | undefined {
	const wanted = typed.trim().toLowerCase();
	return wanted === ''
		? undefined
		: products.find((product) => product.name.trim().toLowerCase() === wanted);
}
