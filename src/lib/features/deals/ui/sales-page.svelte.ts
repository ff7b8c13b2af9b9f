import { t } from '$lib/i18n/i18n.svelte';
import { customerList } from '$lib/features/customers/ui/customer-list.svelte';
import { customersAmong } from '$lib/features/customers/rules/customers-among';
import { filterDeals } from '../rules/deal-filters';
import { sameEntries } from '$lib/core/same-rows';
import type { CustomerRow } from '$lib/projection/db';
import { DealsState } from './deals.svelte';
import { salesView } from './sales-view.svelte';

/** What the board and the list both read: the pipeline on screen, its deals, their customers. */
export class SalesPage {
	readonly book = new DealsState();
	readonly pipeline = $derived(
		this.book.pipelines.find((row) => row.id === salesView.pipelineId) ?? this.book.pipelines[0]
	);
	/** Every deal of the pipeline on screen. */
	readonly inPipeline = $derived(
		this.pipeline ? this.book.deals.filter((deal) => deal.pipelineId === this.pipeline!.id) : []
	);
	/** Those the filters let through. */
	readonly shown = $derived(
		this.pipeline ? filterDeals(this.book.deals, this.pipeline.id, salesView.filter) : []
	);
	/** The last lookup, handed out again while it holds the same customers (see below). */
	// A plain map, made once and never changed: a new one replaces it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#lastCustomers: ReadonlyMap<string, CustomerRow> = new Map();
	// Every card's label names its customer: a new lookup after each stored move (the same
	// customers) had all the board's labels worked out again, missing display frames at a drop.
	readonly #customers = $derived.by(() => {
		const found = customersAmong(
			customerList.rows,
			// A set made and read at once, never changed: nothing for reactivity to follow.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			new Set(this.book.deals.map((deal) => deal.customerId))
		);
		if (!sameEntries(found, this.#lastCustomers)) this.#lastCustomers = found;
		return this.#lastCustomers;
	});

	customerName = (id: string): string =>
		this.#customers.get(id)?.name ?? t('deals.unknownCustomer');
}
