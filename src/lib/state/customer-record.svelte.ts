import { liveQuery, type Subscription } from 'dexie';
import type { CustomerRow, ProjectionDb } from '../projection/db';

/** One customer from the projection, following changes made here or by colleagues. */
export class CustomerRecordState {
	/** undefined while loading; null when there is no such (live) customer. */
	row = $state.raw<CustomerRow | null | undefined>(undefined);
	#subscription: Subscription;

	constructor(db: ProjectionDb, id: string) {
		this.#subscription = liveQuery(() => db.customers.get(id)).subscribe({
			next: (row) => (this.row = row ?? null),
			error: () => (this.row = null)
		});
	}

	close(): void {
		this.#subscription.unsubscribe();
	}
}
