import { liveQuery } from 'dexie';
import { likelyDuplicateProducts, unmergedProducts } from '../rules/product-catalogue';
import type { ProductRow, ProjectionDb } from '../../../projection/db';

/** The product catalogue, sorted by name, following every change. */
class ProductsState {
	/** Every product row, merged ones too: sales that name a merged product resolve through it. */
	rows = $state.raw<ProductRow[]>([]);
	/** The catalogue as the shop sees it: a product merged into another is no longer one. */
	readonly all = $derived(unmergedProducts(this.rows));
	/** What the purchase form suggests; archived products keep their sales but are not offered. */
	readonly active = $derived(this.all.filter((product) => product.active));
	/** Same-named products, e.g. added by two colleagues offline: offered for merging. */
	readonly duplicates = $derived(likelyDuplicateProducts(this.rows));
	#connected = false;

	connect(db: ProjectionDb): void {
		if (this.#connected) return;
		this.#connected = true;
		liveQuery(() => db.products.orderBy('name').toArray()).subscribe((rows) => (this.rows = rows));
	}
}

export const products = new ProductsState();
