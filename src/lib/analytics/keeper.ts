import type * as Y from 'yjs';
import type { WorkspaceDoc } from '../crdt/workspace-doc';
import { AnalyticsSnapshot, type AnalyticsColumns } from './snapshot';

/**
 * Keeps the analytics columns of a doc, made on first request (a device that never opens an
 * analysis pays nothing) and then brought up to date with the events changed since, one row
 * each. A merge of customers moves whole histories: the columns are then built again.
 */
export class AnalyticsKeeper {
	#snapshot: AnalyticsSnapshot | null = null;
	readonly #purchases = new Set<string>();
	readonly #interactions = new Set<string>();
	#watching = false;

	constructor(private readonly ws: WorkspaceDoc) {}

	columns(): AnalyticsColumns {
		if (!this.#watching) this.#watch();
		if (!this.#snapshot) {
			this.#purchases.clear();
			this.#interactions.clear();
			this.#snapshot = new AnalyticsSnapshot(this.ws);
		} else if (this.#purchases.size + this.#interactions.size > 0) {
			this.#snapshot.update({ purchases: this.#purchases, interactions: this.#interactions });
			this.#purchases.clear();
			this.#interactions.clear();
		}
		return this.#snapshot.columns();
	}

	stop(): void {
		if (!this.#watching) return;
		this.#watching = false;
		this.ws.purchases.unobserve(this.#onPurchases);
		this.ws.interactions.unobserve(this.#onInteractions);
		this.ws.eventTombstones.unobserve(this.#onTombstones);
		this.ws.customers.unobserveDeep(this.#onCustomers);
	}

	#watch(): void {
		this.#watching = true;
		this.ws.purchases.observe(this.#onPurchases);
		this.ws.interactions.observe(this.#onInteractions);
		this.ws.eventTombstones.observe(this.#onTombstones);
		this.ws.customers.observeDeep(this.#onCustomers);
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

	#onCustomers = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		for (const event of events) {
			const keys = (event as Y.YMapEvent<unknown>).keysChanged;
			if (event.path.length === 1 && (keys.has('mergedInto') || keys.has('deletedAt'))) {
				this.#snapshot = null;
				return;
			}
		}
	};
}
