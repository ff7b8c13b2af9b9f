import * as Y from 'yjs';
import { readPurchaseFigures } from '../activity/activity-records';
import { liveEventValue } from '../activity/event-tombstones';
import { customerMergedInto, eventOwner, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { readPointsEntry, type StoredPointsEntry } from './points-entries';

/** What loyalty takes from a purchase: when, and what was paid after discounts. */
export interface PaidPurchase {
	id: string;
	at: number;
	totalCents: number;
}

/**
 * Each customer's live purchases and points entries, read from the doc once and then kept in
 * step with it (the roots' observers mark what changed; it is read again on the next question).
 * Earning on a purchase needs the customer's tier then, and redeeming their balance: without an
 * index each would read every purchase of the archive, and an import of 10,000 sales would read
 * them 10,000 times. Records are kept under the customer they name; questions follow merges.
 */
export class LoyaltyIndex {
	readonly #purchases = new Map<string, Map<string, PaidPurchase>>();
	readonly #entries = new Map<string, Map<string, StoredPointsEntry>>();
	readonly #purchaseOwner = new Map<string, string>();
	readonly #entryOwner = new Map<string, string>();
	readonly #dirtyPurchases = new Set<string>();
	readonly #dirtyEntries = new Set<string>();
	/** Customers merged into another, by the one they count for; null until next needed. */
	#mergedInto: Map<string, string[]> | null = null;
	readonly #stop: () => void;

	constructor(private readonly ws: WorkspaceDoc) {
		for (const id of ws.purchases.keys()) this.#readPurchase(id);
		for (const id of ws.pointsLedger.keys()) this.#readEntry(id);
		const onPurchases = (event: Y.YMapEvent<unknown>) => {
			for (const id of event.keysChanged) this.#dirtyPurchases.add(id);
		};
		const onEntries = (event: Y.YMapEvent<unknown>) => {
			for (const id of event.keysChanged) this.#dirtyEntries.add(id);
		};
		ws.purchases.observe(onPurchases);
		ws.eventTombstones.observe(onPurchases);
		ws.pointsLedger.observe(onEntries);
		// Only a merge (or a customer arriving whole) can change whose records count for whom.
		const onCustomers = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
			if (this.#mergedInto === null) return;
			for (const event of events) {
				// Anything may sit in a customer (a stranger's array): only maps have keys.
				const keys = event instanceof Y.YMapEvent ? event.keysChanged : new Set<string>();
				if (event.target === ws.customers || keys.has('mergedInto') || keys.has('deletedAt')) {
					this.#mergedInto = null;
					return;
				}
			}
		};
		ws.customers.observeDeep(onCustomers);
		this.#stop = () => {
			ws.purchases.unobserve(onPurchases);
			ws.eventTombstones.unobserve(onPurchases);
			ws.pointsLedger.unobserve(onEntries);
			ws.customers.unobserveDeep(onCustomers);
		};
	}

	stop(): void {
		this.#stop();
	}

	/**
	 * Reads a purchase and an entry written in the transaction still open: observers hear of
	 * it only once the transaction ends, and an import writes a thousand sales in one, each of
	 * which must see the ones before it (a tier reached mid-chunk multiplies the rest).
	 */
	notePurchase(id: string): void {
		this.#readPurchase(id);
	}

	noteEntry(id: string): void {
		this.#readEntry(id);
	}

	#readPurchase(id: string): void {
		const before = this.#purchaseOwner.get(id);
		if (before !== undefined) this.#purchases.get(before)?.delete(id);
		this.#purchaseOwner.delete(id);
		const figures = readPurchaseFigures(id, liveEventValue(this.ws, 'purchases', id));
		if (!figures) return;
		this.#purchaseOwner.set(id, figures.customerId);
		let own = this.#purchases.get(figures.customerId);
		if (!own) this.#purchases.set(figures.customerId, (own = new Map()));
		own.set(id, { id, at: figures.at, totalCents: figures.totalCents });
	}

	#readEntry(id: string): void {
		const before = this.#entryOwner.get(id);
		if (before !== undefined) this.#entries.get(before)?.delete(id);
		this.#entryOwner.delete(id);
		const entry = readPointsEntry(id, this.ws.pointsLedger.get(id));
		if (!entry) return;
		this.#entryOwner.set(id, entry.customerId);
		let own = this.#entries.get(entry.customerId);
		if (!own) this.#entries.set(entry.customerId, (own = new Map()));
		own.set(id, entry);
	}

	#catchUp(): void {
		for (const id of this.#dirtyPurchases) this.#readPurchase(id);
		for (const id of this.#dirtyEntries) this.#readEntry(id);
		this.#dirtyPurchases.clear();
		this.#dirtyEntries.clear();
	}

	/** The customers whose records count for `customerId`: itself and those merged into it. */
	#namesOf(customerId: string): string[] {
		if (this.#mergedInto === null) {
			const merged = new Map<string, string[]>();
			for (const id of this.ws.customers.keys()) {
				if (!customerMergedInto(this.ws, id)) continue;
				const owner = eventOwner(this.ws, id);
				const sources = merged.get(owner);
				if (sources) sources.push(id);
				else merged.set(owner, [id]);
			}
			this.#mergedInto = merged;
		}
		return [customerId, ...(this.#mergedInto.get(customerId) ?? [])];
	}

	/** One customer's live purchases and points entries (their merged customers' included). */
	recordsOf(customerId: string): { purchases: PaidPurchase[]; entries: StoredPointsEntry[] } {
		this.#catchUp();
		const purchases: PaidPurchase[] = [];
		const entries: StoredPointsEntry[] = [];
		for (const name of this.#namesOf(customerId)) {
			for (const purchase of this.#purchases.get(name)?.values() ?? []) purchases.push(purchase);
			for (const entry of this.#entries.get(name)?.values() ?? []) entries.push(entry);
		}
		return { purchases, entries };
	}

	/** Every customer's records, by the customer they count for. */
	everyCustomer(): Map<string, { purchases: PaidPurchase[]; entries: StoredPointsEntry[] }> {
		this.#catchUp();
		const owners = new Map<string, string>();
		const ownerOf = (id: string) => {
			let owner = owners.get(id);
			if (owner === undefined) {
				owner = customerMergedInto(this.ws, id) ? eventOwner(this.ws, id) : id;
				owners.set(id, owner);
			}
			return owner;
		};
		const all = new Map<string, { purchases: PaidPurchase[]; entries: StoredPointsEntry[] }>();
		const of = (id: string) => {
			const owner = ownerOf(id);
			let records = all.get(owner);
			if (!records) all.set(owner, (records = { purchases: [], entries: [] }));
			return records;
		};
		for (const [id, own] of this.#purchases) {
			if (own.size === 0) continue;
			const records = of(id);
			for (const purchase of own.values()) records.purchases.push(purchase);
		}
		for (const [id, own] of this.#entries) {
			if (own.size === 0) continue;
			const records = of(id);
			for (const entry of own.values()) records.entries.push(entry);
		}
		return all;
	}
}

const indexes = new WeakMap<WorkspaceDoc['doc'], LoyaltyIndex>();

/** The doc's loyalty index, made on first need and kept for as long as the doc lives. */
export function loyaltyIndexOf(ws: WorkspaceDoc): LoyaltyIndex {
	let index = indexes.get(ws.doc);
	if (!index) indexes.set(ws.doc, (index = new LoyaltyIndex(ws)));
	return index;
}
