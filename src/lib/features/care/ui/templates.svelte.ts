import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import { STARTER_TEMPLATES, type TemplateRow } from '../rules/templates';

/** The starter templates as rows, offered while the shop has saved none of its own. */
export const STARTER_ROWS: readonly TemplateRow[] = STARTER_TEMPLATES.map((template, i) => ({
	...template,
	id: `starter-${i}`,
	createdAt: 0,
	updatedAt: 0
}));

/** The shop's message templates, following colleagues' changes. */
export class TemplatesState {
	rows = $state.raw<readonly TemplateRow[]>([]);
	loaded = $state(false);
	#subscription: Subscription | null = null;

	connect(db: ProjectionDb): () => void {
		this.#subscription ??= liveQuery(() => db.messageTemplates.orderBy('name').toArray()).subscribe(
			{
				next: (rows) => {
					this.rows = rows;
					this.loaded = true;
				},
				error: (error: unknown) => console.error('Clientbook could not read templates', error)
			}
		);
		return () => {
			this.#subscription?.unsubscribe();
			this.#subscription = null;
		};
	}

	/** What a greeting can use: the shop's own templates, else the starter ones. */
	get usable(): readonly TemplateRow[] {
		return this.rows.length > 0 ? this.rows : STARTER_ROWS;
	}
}
