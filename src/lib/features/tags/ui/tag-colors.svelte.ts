import { liveQuery } from 'dexie';
import type { TagColor } from '../rules/tags';
import type { ProjectionDb } from '../../../projection/db';

/** Each tag's colour, following changes made here or by colleagues. */
class TagColorsState {
	byTag = $state.raw<ReadonlyMap<string, TagColor>>(new Map());
	#connected = false;

	connect(db: ProjectionDb): void {
		if (this.#connected) return;
		this.#connected = true;
		liveQuery(() => db.tagColors.toArray()).subscribe((rows) => {
			this.byTag = new Map(rows.map((row) => [row.tag, row.color]));
		});
	}

	of(tag: string): TagColor {
		return this.byTag.get(tag) ?? 'gray';
	}
}

export const tagColors = new TagColorsState();
