import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import type { AutomationRow } from '../rules/automations';

/** The shop's automation rules, following colleagues' changes. */
export class AutomationsState {
	rows = $state.raw<readonly AutomationRow[]>([]);
	loaded = $state(false);
	#subscription: Subscription | null = null;

	connect(db: ProjectionDb): () => void {
		this.#subscription ??= liveQuery(() => db.automations.orderBy('name').toArray()).subscribe({
			next: (rows) => {
				this.rows = rows;
				this.loaded = true;
			},
			error: (error: unknown) => console.error('Clientbook could not read automations', error)
		});
		return () => {
			this.#subscription?.unsubscribe();
			this.#subscription = null;
		};
	}
}
