import { liveQuery, type Subscription } from 'dexie';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import type { CampaignFigures, CampaignRow } from '../rules/coupons';

/** The shop's campaigns (following colleagues' changes) and their figures from the worker. */
export class CampaignsState {
	rows = $state.raw<readonly CampaignRow[]>([]);
	loaded = $state(false);
	figures = $state.raw<Record<string, CampaignFigures>>({});
	failure = $state<string | null>(null);
	#subscription: Subscription | null = null;
	#asked = 0;

	connect(session: WorkspaceSession): () => void {
		this.#subscription ??= liveQuery(() =>
			session.db.couponCampaigns.orderBy('name').toArray()
		).subscribe({
			next: (rows) => {
				this.rows = rows;
				this.loaded = true;
			},
			error: (error: unknown) =>
				(this.failure = error instanceof Error ? error.message : String(error))
		});
		return () => {
			this.#subscription?.unsubscribe();
			this.#subscription = null;
		};
	}

	/** Asks for the figures again; call from an effect that reads `eventsVersion`. */
	loadFigures(session: WorkspaceSession): void {
		const mine = ++this.#asked;
		session
			.couponFigures()
			.then((figures) => {
				if (mine === this.#asked) this.figures = figures;
			})
			.catch((error: unknown) => {
				if (mine === this.#asked)
					this.failure = error instanceof Error ? error.message : String(error);
			});
	}
}
