import type { AnalyticsColumns } from '../../analytics/snapshot';
import { productNameKey } from '../products/rules/product-catalogue';
import type { BehaviourData } from './rules/segment-match';

/** A catalogue product as the matcher needs it. */
export interface CatalogueEntry {
	id: string;
	name: string;
	category: string;
	/** False for a product taken off sale (never suggested). */
	active?: boolean;
}

/**
 * The columns as the segment matcher reads them: each product's name and category as keys (a
 * product typed in by name has the category of the catalogue product of that name, if any),
 * and purchases of customers no longer in the archive left out.
 */
export function behaviourData(
	columns: AnalyticsColumns,
	catalogue: readonly CatalogueEntry[]
): BehaviourData {
	const byId = new Map(catalogue.map((product) => [product.id, product]));
	const categoryByName = new Map(
		catalogue.map((product) => [productNameKey(product.name), productNameKey(product.category)])
	);
	const productNameKeys = columns.products.map((key, i) => {
		const product = byId.get(key);
		return product ? productNameKey(product.name) : productNameKey(columns.productNames[i] ?? '');
	});
	const productCategoryKeys = columns.products.map((key, i) => {
		const product = byId.get(key);
		if (product) return productNameKey(product.category);
		return categoryByName.get(productNameKeys[i]!) ?? '';
	});
	const { purchases, interactions, customerLive } = columns;
	const live = new Uint8Array(purchases.count);
	for (let row = 0; row < purchases.count; row++) {
		live[row] = purchases.live[row] === 1 && customerLive[purchases.customer[row]!] === 1 ? 1 : 0;
	}
	return {
		customerIndex: new Map(columns.customers.map((id, i) => [id, i])),
		purchases: { ...purchases, live },
		lines: columns.lines,
		productNameKeys,
		productCategoryKeys,
		interactions
	};
}
