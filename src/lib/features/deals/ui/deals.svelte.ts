import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import type { DealRow } from '../rules/deal';
import type { PipelineRow } from '../rules/pipeline';
import type { DealMoveRow } from '../kinds';
import { keepUnchangedRows } from '$lib/core/same-rows';
import { readBoardDeals } from './board-deals';

export interface DealsReading {
	/** Every stage change too (the funnel's); the board and the list need none. */
	withMoves?: boolean;
	/**
	 * Only a pipeline's board (`followBoard` says which): its open deals and those closed
	 * lately, not every deal the shop ever had.
	 */
	boardOnly?: boolean;
}

/** The shop's pipelines and deals, following colleagues' changes. */
export class DealsState {
	pipelines = $state.raw<readonly PipelineRow[]>([]);
	deals = $state.raw<readonly DealRow[]>([]);
	/** Every stage change, once `withMoves` was asked (the funnel's): the board needs none. */
	moves = $state.raw<readonly DealMoveRow[]>([]);
	/** On a board: the pipeline's deals closed before the board's window, counted, not read. */
	closedEarlier = $state(0);
	/** On a board: how many deals its pipeline has in all. */
	pipelineTotal = $state(0);
	loaded = $state(false);
	#subscriptions: Subscription[] = [];
	#board: { key: string; subscription: Subscription } | null = null;
	#read = { pipelines: false, deals: false, moves: false };
	#boardOnly = false;

	connect(db: ProjectionDb, reading: DealsReading = {}): () => void {
		this.#read = { pipelines: false, deals: false, moves: !reading.withMoves };
		this.#boardOnly = reading.boardOnly === true;
		this.#subscriptions.push(
			liveQuery(() => db.pipelines.orderBy('name').toArray()).subscribe({
				next: (rows) => {
					// The first made comes first: it is the shop's main pipeline.
					this.pipelines = [...rows].sort((a, b) => a.createdAt - b.createdAt);
					this.#settle('pipelines');
				},
				error: failed
			})
		);
		if (!reading.boardOnly)
			this.#subscriptions.push(
				liveQuery(() => db.deals.toArray()).subscribe({
					next: (rows) => {
						this.deals = keepUnchangedRows(this.deals, rows);
						this.#settle('deals');
					},
					error: failed
				})
			);
		if (reading.withMoves)
			this.#subscriptions.push(
				liveQuery(() => db.dealMoves.toArray()).subscribe({
					next: (rows) => {
						this.moves = rows;
						this.#settle('moves');
					},
					error: failed
				})
			);
		return () => {
			for (const subscription of this.#subscriptions) subscription.unsubscribe();
			this.#subscriptions = [];
			this.#board?.subscription.unsubscribe();
			this.#board = null;
		};
	}

	/**
	 * Follows the board of `pipeline` as of `since` (see `closedShownSince`); again only when
	 * the pipeline, its stages or the day changed. No pipeline: nothing to read.
	 */
	followBoard(db: ProjectionDb, pipeline: PipelineRow | undefined, since: number): void {
		const key = pipeline
			? JSON.stringify([pipeline.id, pipeline.stages.map((s) => [s.id, s.kind]), since])
			: '';
		if (this.#board?.key === key) return;
		this.#board?.subscription.unsubscribe();
		this.#board = null;
		// Another pipeline's deals are not this one's: the board waits for its own.
		this.#read.deals = false;
		this.loaded = false;
		if (!pipeline) return;
		const subscription = liveQuery(() => readBoardDeals(db, pipeline, since)).subscribe({
			next: (board) => {
				// A drop re-reads the board: only the moved card is a new object to draw.
				this.deals = keepUnchangedRows(this.deals, board.deals);
				this.closedEarlier = board.closedEarlier;
				this.pipelineTotal = board.total;
				this.#settle('deals');
			},
			error: failed
		});
		this.#board = { key, subscription };
	}

	#settle(part: 'pipelines' | 'deals' | 'moves'): void {
		this.#read[part] = true;
		// A board of a shop without pipelines has no deals to wait for.
		const deals = this.#read.deals || (this.#boardOnly && this.pipelines.length === 0);
		this.loaded = this.#read.pipelines && deals && this.#read.moves;
	}
}

const failed = (error: unknown) => console.error('Clientbook could not read deals', error);
