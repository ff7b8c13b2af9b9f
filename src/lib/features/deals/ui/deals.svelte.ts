import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import type { DealRow } from '../rules/deal';
import type { PipelineRow } from '../rules/pipeline';

/** The shop's pipelines and deals, following colleagues' changes. */
export class DealsState {
	pipelines = $state.raw<readonly PipelineRow[]>([]);
	deals = $state.raw<readonly DealRow[]>([]);
	loaded = $state(false);
	#subscriptions: Subscription[] = [];

	connect(db: ProjectionDb): () => void {
		let pipelinesRead = false;
		let dealsRead = false;
		const settle = () => (this.loaded = pipelinesRead && dealsRead);
		const failed = (error: unknown) => console.error('Clientbook could not read deals', error);
		this.#subscriptions.push(
			liveQuery(() => db.pipelines.orderBy('name').toArray()).subscribe({
				next: (rows) => {
					// The first made comes first: it is the shop's main pipeline.
					this.pipelines = [...rows].sort((a, b) => a.createdAt - b.createdAt);
					pipelinesRead = true;
					settle();
				},
				error: failed
			}),
			liveQuery(() => db.deals.toArray()).subscribe({
				next: (rows) => {
					this.deals = rows;
					dealsRead = true;
					settle();
				},
				error: failed
			})
		);
		return () => {
			for (const subscription of this.#subscriptions) subscription.unsubscribe();
			this.#subscriptions = [];
		};
	}
}
