import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import { customerList } from '$lib/features/customers/ui/customer-list.svelte';
import type { PipelineRow } from '$lib/features/deals/rules/pipeline';
import type { ConsentRow } from '../rules/consent';
import {
	inboxCounts,
	leadInbox,
	leadStates,
	type InboxView,
	type LeadEventRow
} from '../rules/lead';

/**
 * The leads inbox: customers at the lead stage (from the list the app already follows) with
 * what was decided about them, their consents and whether a deal was made of them, each
 * following colleagues' changes.
 */
export class LeadsInbox {
	view = $state<InboxView>('open');
	#events = $state.raw<readonly LeadEventRow[]>([]);
	#consents = $state.raw<readonly ConsentRow[]>([]);
	// Replaced whole on every change ($state.raw): no reactivity inside.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#customersWithDeals = $state.raw<ReadonlySet<string>>(new Set());
	pipelines = $state.raw<readonly PipelineRow[]>([]);
	#read = $state({ events: false, deals: false });
	readonly loaded = $derived(this.#read.events && this.#read.deals && customerList.loaded);

	readonly states = $derived(leadStates(this.#events));
	readonly leads = $derived(
		leadInbox(customerList.rows, this.states, this.#customersWithDeals, this.view)
	);
	readonly counts = $derived(inboxCounts(customerList.rows, this.states, this.#customersWithDeals));
	/** Each customer's consent entries, oldest first. */
	readonly consents = $derived.by(() => {
		// Made afresh on every change and never changed after: no reactivity inside.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const byCustomer = new Map<string, ConsentRow[]>();
		for (const row of [...this.#consents].sort((a, b) => a.at - b.at)) {
			const rows = byCustomer.get(row.customerId);
			if (rows) rows.push(row);
			else byCustomer.set(row.customerId, [row]);
		}
		return byCustomer;
	});

	connect(db: ProjectionDb): () => void {
		const failed = (error: unknown) => console.error('Clientbook could not read leads', error);
		const subscriptions: Subscription[] = [
			liveQuery(() => db.leadEvents.toArray()).subscribe({
				next: (rows) => {
					this.#events = rows;
					this.#read.events = true;
				},
				error: failed
			}),
			liveQuery(() => db.pipelines.toArray()).subscribe({
				// The first made comes first, as on the board.
				next: (rows) => (this.pipelines = [...rows].sort((a, b) => a.createdAt - b.createdAt)),
				error: failed
			}),
			liveQuery(() => db.consents.toArray()).subscribe({
				next: (rows) => (this.#consents = rows),
				error: failed
			}),
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, as above
			liveQuery(async () => new Set(await db.deals.orderBy('customerId').uniqueKeys())).subscribe({
				next: (ids) => {
					this.#customersWithDeals = ids as ReadonlySet<string>;
					this.#read.deals = true;
				},
				error: failed
			})
		];
		return () => {
			for (const subscription of subscriptions) subscription.unsubscribe();
		};
	}
}
