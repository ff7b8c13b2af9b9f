import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '../../../projection/db';
import { readDefinition, type ConditionGroup, type SegmentRow } from '../rules/segment';

/** A saved segment with its conditions read (null when they cannot be read on this device). */
export interface SavedSegment extends SegmentRow {
	conditions: ConditionGroup | null;
}

/** The saved segments, by name, following every change (a colleague's too). */
export class SegmentListState {
	rows = $state.raw<readonly SavedSegment[]>([]);
	loaded = $state(false);
	#subscription: Subscription | null = null;

	connect(db: ProjectionDb): () => void {
		this.#subscription ??= liveQuery(() => db.segments.orderBy('name').toArray()).subscribe({
			next: (rows) => {
				this.rows = rows.map((row) => ({ ...row, conditions: readDefinition(row.definition) }));
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
