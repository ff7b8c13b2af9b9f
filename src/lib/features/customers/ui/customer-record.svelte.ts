import { liveQuery, type Subscription } from 'dexie';
import type { CustomerRow, ProjectionDb } from '../../../projection/db';
import type { UnwrittenCustomers } from '../../../projection/unwritten-rows';

/**
 * One customer from the projection, following changes made here or by colleagues; while the
 * projection cannot take a change (a full disk), the row it could not take instead.
 */
export class CustomerRecordState {
	/** As stored: undefined while loading; null when there is no such (live) customer. */
	#stored = $state.raw<CustomerRow | null | undefined>(undefined);
	readonly row = $derived.by((): CustomerRow | null | undefined => {
		const unwritten = this.unwritten();
		if (unwritten?.removed.includes(this.id)) return null;
		return unwritten?.rows.find((row) => row.id === this.id) ?? this.#stored;
	});
	#subscription: Subscription;

	constructor(
		db: ProjectionDb,
		readonly id: string,
		private readonly unwritten: () => UnwrittenCustomers | null = () => null
	) {
		this.#subscription = liveQuery(() => db.customers.get(id)).subscribe({
			next: (row) => (this.#stored = row ?? null),
			error: () => (this.#stored = null)
		});
	}

	close(): void {
		this.#subscription.unsubscribe();
	}
}
