import { liveQuery } from 'dexie';
import type { FieldDefRow, ProjectionDb } from '../../../projection/db';

/** The shop's live custom fields, in display order, following every change. */
class FieldDefsState {
	defs = $state.raw<FieldDefRow[]>([]);
	#connected = false;

	connect(db: ProjectionDb): void {
		if (this.#connected) return;
		this.#connected = true;
		liveQuery(() => db.fieldDefs.orderBy('order').toArray()).subscribe((rows) => {
			this.defs = rows.filter((row) => !row.removed);
		});
	}
}

export const fieldDefs = new FieldDefsState();
