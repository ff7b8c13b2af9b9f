import { liveQuery, type Subscription } from 'dexie';
import { activityOf } from '../projection/activity-queries';
import type {
	ChangeRow,
	InteractionRow,
	ProjectionDb,
	PurchaseRow,
	TaskRow
} from '../projection/db';

/** A customer's purchases, interactions and tasks from the projection, kept current. */
export class CustomerActivityState {
	purchases = $state.raw<PurchaseRow[]>([]);
	interactions = $state.raw<InteractionRow[]>([]);
	tasks = $state.raw<TaskRow[]>([]);
	changes = $state.raw<ChangeRow[]>([]);
	#subscriptions: Subscription[];

	constructor(db: ProjectionDb, customerId: string) {
		this.#subscriptions = [
			liveQuery(() => activityOf(db, customerId)).subscribe((row) => {
				this.purchases = row.purchases;
				this.interactions = row.interactions;
			}),
			liveQuery(() => db.tasks.where('customerId').equals(customerId).toArray()).subscribe(
				(rows) => (this.tasks = rows)
			),
			liveQuery(() => db.changes.where('customerId').equals(customerId).toArray()).subscribe(
				(rows) => (this.changes = rows)
			)
		];
	}

	close(): void {
		for (const subscription of this.#subscriptions) subscription.unsubscribe();
	}
}
