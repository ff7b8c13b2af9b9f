import { liveQuery } from 'dexie';
import type { ProductRow, ProjectionDb } from '../projection/db';

/** The product catalogue, sorted by name, following every change. */
class ProductsState {
	all = $state.raw<ProductRow[]>([]);
	readonly active = $derived(this.all.filter((product) => product.active));
	#connected = false;

	connect(db: ProjectionDb): void {
		if (this.#connected) return;
		this.#connected = true;
		liveQuery(() => db.products.orderBy('name').toArray()).subscribe((rows) => (this.all = rows));
	}
}

export const products = new ProductsState();
