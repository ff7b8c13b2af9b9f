import { countsPurchase } from '../../analytics/pivot';
import type { InsightsIndex } from '../insights/insights-index';
import type { CatalogueEntry } from '../segments/segment-data';
import { alsoBought, coOccurrence, suggestFor, type CoOccurrence } from './rules/co-occurrence';

/** A product suggested, with its evidence. */
export interface Recommendation {
	/** The analytics key: a catalogue product's id, else `name:` and its name. */
	productKey: string;
	name: string;
	/** Customers who bought both. */
	support: number;
	lift: number;
	/** What it goes with. */
	withName: string;
}

/**
 * Recommendations over the archive's purchases as they are: every counted purchase line (of
 * customers in the archive; merged customers' under the one kept) gives its customer the
 * product, once however often bought.
 */
export class Recommender {
	readonly #co: CoOccurrence;
	readonly #owned: Map<string, number[]>;
	readonly #names: string[];
	readonly #active: (product: number) => boolean;

	constructor(
		readonly index: InsightsIndex,
		catalogue: readonly CatalogueEntry[]
	) {
		const { columns } = index;
		const { purchases, lines } = columns;
		const baskets = new Map<number, Set<number>>();
		for (let line = 0; line < lines.count; line++) {
			const row = lines.purchase[line]!;
			if (!countsPurchase(columns, row)) continue;
			const customer = purchases.customer[row]!;
			let basket = baskets.get(customer);
			if (!basket) baskets.set(customer, (basket = new Set()));
			basket.add(lines.product[line]!);
		}
		this.#co = coOccurrence(
			[...baskets.values()].map((basket) => [...basket]),
			columns.products.length
		);
		this.#owned = new Map(
			[...baskets].map(([customer, basket]) => [columns.customers[customer]!, [...basket]])
		);
		const byId = new Map(catalogue.map((entry) => [entry.id, entry]));
		this.#names = columns.products.map(
			(key, i) => byId.get(key)?.name ?? columns.productNames[i] ?? key
		);
		this.#active = (product) => byId.get(columns.products[product]!)?.active !== false;
	}

	#shown(suggestion: { product: number; support: number; lift: number; with: number }) {
		return {
			productKey: this.index.columns.products[suggestion.product]!,
			name: this.#names[suggestion.product]!,
			support: suggestion.support,
			lift: suggestion.lift,
			withName: this.#names[suggestion.with]!
		};
	}

	/** Products the customer has not bought that go with what they have. */
	forCustomer(customerId: string, limit = 5): Recommendation[] {
		const owned = this.#owned.get(customerId) ?? [];
		return suggestFor(this.#co, owned, limit, this.#active).map((s) => this.#shown(s));
	}

	/** What buyers of the product (by its analytics key) also bought. */
	forProduct(productKey: string, limit = 5): Recommendation[] {
		const product = this.index.columns.products.indexOf(productKey);
		if (product === -1) return [];
		return alsoBought(this.#co, product, limit, this.#active).map((s) => this.#shown(s));
	}
}
