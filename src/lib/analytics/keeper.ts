import * as Y from 'yjs';
import type { WorkspaceDoc } from '../crdt/workspace-doc';
import { AnalyticsSnapshot, type AnalyticsColumns } from './snapshot';

/**
 * Keeps the analytics columns of a doc, built ahead in slices once the archive is open
 * (`warmUp`) or on first request, and then brought up to date with the events changed since,
 * one row each. A merge of customers moves whole histories: the columns are then built again.
 */
export class AnalyticsKeeper {
	#snapshot: AnalyticsSnapshot | null = null;
	readonly #purchases = new Set<string>();
	readonly #interactions = new Set<string>();
	#watching = false;

	constructor(private readonly ws: WorkspaceDoc) {}

	/** The columns as of now; interactions only when asked for (see AnalyticsSnapshot). */
	columns(parts: { interactions: boolean } = { interactions: true }): AnalyticsColumns {
		if (!this.#watching) this.#watch();
		if (!this.#snapshot) {
			this.#purchases.clear();
			this.#interactions.clear();
			const started = performance.now();
			this.#snapshot = new AnalyticsSnapshot(this.ws);
			performance.measure('clientbook:analytics-build', { start: started });
		} else if (this.#purchases.size + this.#interactions.size > 0) {
			this.#snapshot.update({ purchases: this.#purchases, interactions: this.#interactions });
			this.#purchases.clear();
			this.#interactions.clear();
		}
		const started = performance.now();
		const columns = this.#snapshot.columns(parts);
		performance.measure('clientbook:analytics-copy', { start: started });
		return columns;
	}

	/**
	 * Builds the columns ahead of the first request, a slice at a time between `nextTask`s, so
	 * the worker keeps answering the page meanwhile; a request that comes first finishes the
	 * build itself. Does nothing once they are built.
	 */
	async warmUp(nextTask: () => Promise<void>, sliceMs = 8): Promise<void> {
		if (this.#snapshot) return;
		if (!this.#watching) this.#watch();
		this.#purchases.clear();
		this.#interactions.clear();
		const started = performance.now();
		const snapshot = new AnalyticsSnapshot(this.ws, { inSlices: true });
		this.#snapshot = snapshot;
		// A merge meanwhile drops the snapshot (see #onCustomers): the next request builds anew.
		while (this.#snapshot === snapshot && !snapshot.readSome(performance.now() + sliceMs)) {
			await nextTask();
		}
		performance.measure('clientbook:analytics-warm-up', { start: started });
	}

	stop(): void {
		if (!this.#watching) return;
		this.#watching = false;
		this.ws.purchases.unobserve(this.#onPurchases);
		this.ws.interactions.unobserve(this.#onInteractions);
		this.ws.eventTombstones.unobserve(this.#onTombstones);
		this.ws.customers.unobserveDeep(this.#onCustomers);
		this.ws.products.unobserveDeep(this.#onProducts);
	}

	#watch(): void {
		this.#watching = true;
		this.ws.purchases.observe(this.#onPurchases);
		this.ws.interactions.observe(this.#onInteractions);
		this.ws.eventTombstones.observe(this.#onTombstones);
		this.ws.customers.observeDeep(this.#onCustomers);
		this.ws.products.observeDeep(this.#onProducts);
	}

	#onPurchases = (event: Y.YMapEvent<unknown>) => {
		for (const id of event.keysChanged) this.#purchases.add(id);
	};

	#onInteractions = (event: Y.YMapEvent<unknown>) => {
		for (const id of event.keysChanged) this.#interactions.add(id);
	};

	/** A tombstone deletes or restores an event of either kind: both look again. */
	#onTombstones = (event: Y.YMapEvent<unknown>) => {
		for (const id of event.keysChanged) {
			this.#purchases.add(id);
			this.#interactions.add(id);
		}
	};

	/**
	 * Whose events are whose changes with a merge (a customer's `mergedInto` or `deletedAt`, or
	 * a customer that arrives already merged); sales of which product, with a product merge.
	 */
	#onCustomers = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		if (events.some((event) => changesMerges(event))) {
			this.#snapshot = null;
			return;
		}
		// A customer added (typed in, imported, synced) or taken away whole (an undone create):
		// whether their sales count changes, though nobody's events move.
		for (const event of events) {
			if (event.path.length !== 0) continue;
			for (const id of (event as Y.YMapEvent<unknown>).keysChanged)
				this.#snapshot?.noteCustomer(id);
		}
	};

	#onProducts = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		if (events.some((event) => changesMerges(event))) this.#snapshot = null;
	};
}

/** Whether a change to an entity root may move records between ids (a merge, added or undone). */
function changesMerges(event: Y.YEvent<Y.AbstractType<unknown>>): boolean {
	const keys = (event as Y.YMapEvent<unknown>).keysChanged;
	if (event.path.length === 0) {
		// Records added or replaced whole: one may arrive merged already.
		return [...keys].some((id) => {
			const record = (event.target as Y.Map<unknown>).get(id);
			return record instanceof Y.Map && record.has('mergedInto');
		});
	}
	return event.path.length === 1 && (keys.has('mergedInto') || keys.has('deletedAt'));
}
