import { liveQuery, type Subscription } from 'dexie';
import type { DeletedCustomer } from '../deleted-customers';
import type { ProjectionDb } from '../../../projection/db';

/** Where the list comes from: the worker, which reads deleted customers from the doc. */
export interface DeletedCustomerSource {
	recentlyDeletedCustomers(): Promise<DeletedCustomer[]>;
}

/**
 * Customers deleted in the last 30 days, kept current. Deleted customers have no projected row,
 * so the worker is asked; it is asked again whenever the projected customers change, which is
 * what a delete or a restore (here or on a colleague's device) does.
 */
export class RecentlyDeletedState {
	customers = $state.raw<DeletedCustomer[]>([]);
	loaded = $state(false);
	/** Set when the list could not be read; nothing was changed. */
	failed = $state(false);
	#subscription: Subscription;
	#latestRead = 0;

	constructor(
		private readonly source: DeletedCustomerSource,
		db: ProjectionDb
	) {
		this.#subscription = liveQuery(() => db.customers.count()).subscribe(() => {
			void this.refresh();
		});
	}

	async refresh(): Promise<void> {
		const read = ++this.#latestRead;
		try {
			const customers = await this.source.recentlyDeletedCustomers();
			if (read !== this.#latestRead) return;
			this.customers = customers;
			this.failed = false;
		} catch (error) {
			if (read !== this.#latestRead) return;
			this.failed = true;
			console.error('Clientbook could not read the recently deleted customers', error);
		}
		this.loaded = true;
	}

	close(): void {
		this.#latestRead++;
		this.#subscription.unsubscribe();
	}
}
