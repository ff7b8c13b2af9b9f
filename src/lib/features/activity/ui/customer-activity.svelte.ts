import { liveQuery, type Subscription } from 'dexie';
import type {
	ChangeRow,
	InteractionRow,
	ProjectionDb,
	PurchaseRow,
	TaskRow
} from '../../../projection/db';
import type { CustomerEvents, DeletedEvents } from '../../../projection/event-index';

/** Where a customer's purchases and interactions come from: the workspace worker. */
export interface EventSource {
	/** Moves on whenever purchases or interactions change anywhere in the archive. */
	readonly eventsVersion: number;
	eventsOf(customerId: string): Promise<CustomerEvents>;
	/** Their purchases and interactions deleted in the last 30 days. */
	deletedEventsOf(customerId: string): Promise<DeletedEvents>;
}

/**
 * A customer's purchases, interactions, tasks and change history, kept current. Tasks and
 * changes come from the projection; purchases and interactions from the worker, which reads
 * them from the doc (they are not copied into the projection: see EventIndex).
 */
export class CustomerActivityState {
	purchases = $state.raw<PurchaseRow[]>([]);
	interactions = $state.raw<InteractionRow[]>([]);
	tasks = $state.raw<TaskRow[]>([]);
	changes = $state.raw<ChangeRow[]>([]);
	/** Purchases and interactions deleted in the last 30 days, which can be restored. */
	deleted = $state.raw<DeletedEvents>({ purchases: [], interactions: [] });
	/** True until the customer's purchases and interactions first arrive. */
	eventsLoading = $state(true);
	/** Set when they could not be read (the archive failed to open); the data is untouched. */
	eventsFailed = $state(false);
	#subscriptions: Subscription[];
	#stopEvents: () => void;
	#latestRead = 0;

	constructor(events: EventSource, db: ProjectionDb, customerId: string) {
		this.#subscriptions = [
			liveQuery(() => db.tasks.where('customerId').equals(customerId).toArray()).subscribe(
				(rows) => (this.tasks = rows)
			),
			liveQuery(() => db.changes.where('customerId').equals(customerId).toArray()).subscribe(
				(rows) => (this.changes = rows)
			)
		];
		this.#stopEvents = $effect.root(() => {
			$effect(() => {
				// Read again whenever the archive's events change.
				void events.eventsVersion;
				void this.#readEvents(events, customerId);
			});
		});
	}

	async #readEvents(events: EventSource, customerId: string): Promise<void> {
		const read = ++this.#latestRead;
		try {
			const [found, deleted] = await Promise.all([
				events.eventsOf(customerId),
				events.deletedEventsOf(customerId)
			]);
			// A later read (or close) supersedes this one.
			if (read !== this.#latestRead) return;
			this.purchases = found.purchases;
			this.interactions = found.interactions;
			this.deleted = deleted;
			this.eventsFailed = false;
		} catch (error) {
			if (read !== this.#latestRead) return;
			this.eventsFailed = true;
			console.error('Clientbook could not read this customer’s purchases', error);
		}
		this.eventsLoading = false;
	}

	close(): void {
		this.#latestRead++;
		this.#stopEvents();
		for (const subscription of this.#subscriptions) subscription.unsubscribe();
	}
}
