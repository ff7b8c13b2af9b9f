import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '../../../projection/db';
import type { SegmentRow } from '../rules/segment';

/** The saved segments, by name, following every change (a colleague's too). */
export class SegmentListState {
	rows = $state.raw<readonly SegmentRow[]>([]);
	loaded = $state(false);
	#subscription: Subscription | null = null;

	connect(db: ProjectionDb): () => void {
		this.#subscription ??= liveQuery(() => db.segments.orderBy('name').toArray()).subscribe({
			next: (rows) => {
				this.rows = rows;
				this.loaded = true;
			},
			error: (error: unknown) => console.error('Clientbook could not read segments', error)
		});
		return () => {
			this.#subscription?.unsubscribe();
			this.#subscription = null;
		};
	}
}
