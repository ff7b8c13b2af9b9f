import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import type { DealRow } from '../rules/deal';
import type { PipelineRow } from '../rules/pipeline';
import type { DealMoveRow } from '../kinds';

/** The shop's pipelines and deals, following colleagues' changes. */
export class DealsState {
	pipelines = $state.raw<readonly PipelineRow[]>([]);
	deals = $state.raw<readonly DealRow[]>([]);
	/** Every stage change, once `followMoves` was asked (the funnel's): the board needs none. */
	moves = $state.raw<readonly DealMoveRow[]>([]);
	loaded = $state(false);
	#subscriptions: Subscription[] = [];

	connect(db: ProjectionDb, withMoves = false): () => void {
		let pipelinesRead = false;
		let dealsRead = false;
		let movesRead = !withMoves;
		const settle = () => (this.loaded = pipelinesRead && dealsRead && movesRead);
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
		if (withMoves)
			this.#subscriptions.push(
				liveQuery(() => db.dealMoves.toArray()).subscribe({
					next: (rows) => {
						this.moves = rows;
						movesRead = true;
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
