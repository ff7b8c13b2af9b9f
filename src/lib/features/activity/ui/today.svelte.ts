import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb, TaskRow } from '../../../projection/db';

/** Open tasks that show up on or before a day (overdue and due), from the projection. */
export class DueTasksState {
	tasks = $state.raw<TaskRow[]>([]);
	loaded = $state(false);
	#subscription: Subscription;

	constructor(db: ProjectionDb, todayKey: string) {
		this.#subscription = liveQuery(() =>
			db.tasks
				.where('[status+effectiveDue]')
				.between(['open', ''], ['open', todayKey], true, true)
				.toArray()
		).subscribe((rows) => {
			this.tasks = [...rows].sort(
				(a, b) => a.effectiveDue.localeCompare(b.effectiveDue) || a.dueTime.localeCompare(b.dueTime)
			);
			this.loaded = true;
		});
	}

	close(): void {
		this.#subscription.unsubscribe();
	}
}
