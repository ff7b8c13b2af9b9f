import {
	readDeletedInteraction,
	readDeletedMoment,
	readDeletedPurchase,
	readEventMoment,
	readInteraction,
	readPurchase,
	type DeletedMark
} from '../features/activity/activity-records';
import {
	liveEventValue,
	readTombstone,
	ROOT_OF_KIND,
	TOMBSTONE_KIND
} from '../features/activity/event-tombstones';
import { isRecentlyDeleted } from '../features/activity/rules/event-changes';
import { customerMergedInto, eventOwner, type WorkspaceDoc } from '../crdt/workspace-doc';
import type { InteractionRow, PurchaseRow } from './db';
import { toInteractionRow, toPurchaseRow } from './event-rows';

export type EventKind = 'purchases' | 'interactions';

/** One customer's purchases and interactions, each list ordered by id. */
export interface CustomerEvents {
	purchases: PurchaseRow[];
	interactions: InteractionRow[];
}

/** One customer's deleted purchases and interactions, as they were, with who deleted them when. */
export interface DeletedEvents {
	purchases: Array<PurchaseRow & DeletedMark>;
	interactions: Array<InteractionRow & DeletedMark>;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Which valid events of one kind each customer has, and each event's customer and moment. */
class Owners {
	readonly #ofCustomer = new Map<string, Set<string>>();
	readonly #ofEvent = new Map<string, { customerId: string; at: number }>();

	set(eventId: string, event: { customerId: string; at: number } | null): void {
		const before = this.#ofEvent.get(eventId)?.customerId;
		if (before !== undefined && before !== event?.customerId) {
			const events = this.#ofCustomer.get(before)!;
			events.delete(eventId);
			if (events.size === 0) this.#ofCustomer.delete(before);
		}
		if (event === null) {
			this.#ofEvent.delete(eventId);
			return;
		}
		this.#ofEvent.set(eventId, { customerId: event.customerId, at: event.at });
		if (before === event.customerId) return;
		const events = this.#ofCustomer.get(event.customerId);
		if (events) events.add(eventId);
		else this.#ofCustomer.set(event.customerId, new Set([eventId]));
	}

	eventsOf(customerId: string): Iterable<string> {
		return this.#ofCustomer.get(customerId) ?? [];
	}

	hasCustomer(customerId: string): boolean {
		return this.#ofCustomer.has(customerId);
	}

	/** The customers named by at least one event. */
	customers(): Iterable<string> {
		return this.#ofCustomer.keys();
	}

	customerOf(eventId: string): string | null {
		return this.#ofEvent.get(eventId)?.customerId ?? null;
	}

	/** The ids of the `count` latest events, latest first (ties: the larger id first). */
	latest(count: number): string[] {
		if (count <= 0) return [];
		const latest: Array<{ id: string; at: number }> = [];
		const later = (at: number, id: string, than: { id: string; at: number }) =>
			at > than.at || (at === than.at && id > than.id);
		for (const [id, { at }] of this.#ofEvent) {
			// Most events are older than the last one kept: skipped before any allocation.
			if (latest.length === count && !later(at, id, latest[count - 1]!)) continue;
			let low = 0;
			let high = latest.length;
			while (low < high) {
				const middle = (low + high) >> 1;
				if (later(latest[middle]!.at, latest[middle]!.id, { id, at })) low = middle + 1;
				else high = middle;
			}
			latest.splice(low, 0, { id, at });
			if (latest.length > count) latest.pop();
		}
		return latest.map((event) => event.id);
	}

	get size(): number {
		return this.#ofEvent.size;
	}
}

/**
 * Who has which purchases and interactions, kept in memory next to the doc. Events are not
 * copied into IndexedDB: at 10,000 customers they are 28 MB, and writing them was a third of
 * every projection rebuild. Screens ask the worker for a customer's events, which it reads from
 * the doc through this index; the projection keeps only what lists and sorts need (metrics).
 * Only valid, live records are indexed (key present, no tombstone: see event-tombstones.ts), so
 * counts and rows agree with what a rebuild projects. An event counts for the customer at the
 * end of its customer's `mergedInto` chain (`eventOwner`): the index keeps the customer each
 * event names, and resolves the few that were merged away when asked.
 */
export class EventIndex {
	readonly #owners: Record<EventKind, Owners> = {
		purchases: new Owners(),
		interactions: new Owners()
	};
	/** Deleted events by customer, for "Recently deleted"; never counted or summed. */
	readonly #deleted: Record<EventKind, Owners> = {
		purchases: new Owners(),
		interactions: new Owners()
	};
	/**
	 * Customers named by live events who were merged into another (an edit that raced the
	 * merge wrote the old customer again). May hold a few that no longer are; never misses one
	 * while the projector tells it of changed customers (`relink`).
	 */
	readonly #merged = new Set<string>();

	constructor(private readonly ws: WorkspaceDoc) {
		for (const id of ws.purchases.keys()) this.refresh('purchases', id);
		for (const id of ws.interactions.keys()) this.refresh('interactions', id);
		// Deleted events whose key is gone are known by their tombstone only.
		for (const [id, value] of ws.eventTombstones.entries()) {
			const tombstone = readTombstone(value);
			const kind = tombstone && ROOT_OF_KIND[tombstone.kind];
			if (kind && !ws[kind].has(id)) this.refresh(kind, id);
		}
	}

	/**
	 * Reads one event again from the doc after it changed (added, edited, moved, deleted,
	 * restored), and returns the customer it names now (null when deleted or not valid).
	 */
	refresh(kind: EventKind, eventId: string): string | null {
		const stored = this.ws[kind].get(eventId);
		const tombstoneValue = this.ws.eventTombstones.get(eventId);
		const tombstone =
			tombstoneValue !== undefined && readTombstone(tombstoneValue)?.kind === TOMBSTONE_KIND[kind]
				? tombstoneValue
				: undefined;
		const event = tombstone === undefined ? readEventMoment(eventId, stored) : null;
		// Whether a customer was merged away is read when their first event is indexed; later
		// changes of it come through `relink`.
		if (event && !this.#names(event.customerId)) {
			if (customerMergedInto(this.ws, event.customerId) !== undefined) {
				this.#merged.add(event.customerId);
			}
		}
		this.#owners[kind].set(eventId, event);
		// Only an event that is not live is read again (rare), and while nothing is deleted a
		// live one costs what it did before deleted events were kept.
		const deleted = event ? null : readDeletedMoment(eventId, stored, tombstone);
		if (deleted || this.#deleted[kind].size > 0) this.#deleted[kind].set(eventId, deleted);
		return event?.customerId ?? null;
	}

	/**
	 * Customers whose records changed: whether each was merged away (or no longer is) is read
	 * again, so their events count for the right customer.
	 */
	relink(customerIds: Iterable<string>): void {
		for (const id of customerIds) {
			if (this.#names(id) && customerMergedInto(this.ws, id) !== undefined) this.#merged.add(id);
			else this.#merged.delete(id);
		}
	}

	/** Whether any live event names this customer. */
	#names(customerId: string): boolean {
		return (
			this.#owners.purchases.hasCustomer(customerId) ||
			this.#owners.interactions.hasCustomer(customerId)
		);
	}

	/** The customer a live event naming `customerId` counts for. */
	#ownerOf(customerId: string): string {
		return this.#merged.has(customerId) ? eventOwner(this.ws, customerId) : customerId;
	}

	/** The live events of one kind that count for a customer. */
	#idsOf(kind: EventKind, customerId: string): Iterable<string> {
		const owners = this.#owners[kind];
		if (this.#merged.size === 0) return owners.eventsOf(customerId);
		if (this.#ownerOf(customerId) !== customerId) return [];
		const ids = [...owners.eventsOf(customerId)];
		for (const from of this.#merged) {
			if (from !== customerId && this.#ownerOf(from) === customerId)
				ids.push(...owners.eventsOf(from));
		}
		return ids;
	}

	/** The deleted events of one kind that count for a customer. */
	#deletedIdsOf(kind: EventKind, customerId: string): string[] {
		const owners = this.#deleted[kind];
		const ids: string[] = [];
		for (const named of owners.customers()) {
			if (eventOwner(this.ws, named) === customerId) ids.push(...owners.eventsOf(named));
		}
		return ids;
	}

	/** One customer's events deleted in the last 30 days, read from the doc now. */
	deletedEventsOf(customerId: string, now: number): DeletedEvents {
		const recent = <T extends DeletedMark>(row: T | null) =>
			row && isRecentlyDeleted(row.deletedAt, now) ? row : null;
		const tombstone = (kind: EventKind, id: string) => {
			const value = this.ws.eventTombstones.get(id);
			return readTombstone(value)?.kind === TOMBSTONE_KIND[kind] ? value : undefined;
		};
		return {
			purchases: rowsOf(this.#deletedIdsOf('purchases', customerId), (id) => {
				const stored = this.ws.purchases.get(id);
				const record = recent(readDeletedPurchase(id, stored, tombstone('purchases', id)));
				return record && { ...record, ...toPurchaseRow(record), customerId };
			}),
			interactions: rowsOf(this.#deletedIdsOf('interactions', customerId), (id) => {
				const stored = this.ws.interactions.get(id);
				const record = recent(readDeletedInteraction(id, stored, tombstone('interactions', id)));
				return record && { ...record, customerId };
			})
		};
	}

	/** The customer one event counts for, as last read (null when deleted or not valid). */
	ownerOf(kind: EventKind, eventId: string): string | null {
		const named = this.#owners[kind].customerOf(eventId);
		return named === null ? null : this.#ownerOf(named);
	}

	/** One customer's events as rows, read from the doc now. */
	eventsOf(customerId: string): CustomerEvents {
		return {
			purchases: this.#purchaseRows(this.#idsOf('purchases', customerId)),
			interactions: this.#interactionRows(this.#idsOf('interactions', customerId))
		};
	}

	hasEvents(customerId: string): boolean {
		const { purchases, interactions } = this.#owners;
		if (this.#merged.size === 0) {
			return purchases.hasCustomer(customerId) || interactions.hasCustomer(customerId);
		}
		return (
			[...this.#idsOf('purchases', customerId)].length > 0 ||
			[...this.#idsOf('interactions', customerId)].length > 0
		);
	}

	/** The `count` latest purchases (by their moment) as rows, ordered by id. */
	latestPurchases(count: number): PurchaseRow[] {
		return this.#purchaseRows(this.#owners.purchases.latest(count));
	}

	/** Every indexed purchase as a row, ordered by id. */
	allPurchases(): PurchaseRow[] {
		return this.#purchaseRows(this.ws.purchases.keys());
	}

	/** Every indexed interaction as a row, ordered by id. */
	allInteractions(): InteractionRow[] {
		return this.#interactionRows(this.ws.interactions.keys());
	}

	counts(): { purchases: number; interactions: number } {
		return { purchases: this.#owners.purchases.size, interactions: this.#owners.interactions.size };
	}

	#purchaseRows(ids: Iterable<string>): PurchaseRow[] {
		return rowsOf(ids, (id) => {
			const record = readPurchase(id, liveEventValue(this.ws, 'purchases', id));
			if (!record) return null;
			record.customerId = this.#ownerOf(record.customerId);
			return toPurchaseRow(record);
		});
	}

	#interactionRows(ids: Iterable<string>): InteractionRow[] {
		return rowsOf(ids, (id) => {
			const record = readInteraction(id, liveEventValue(this.ws, 'interactions', id));
			if (!record) return null;
			record.customerId = this.#ownerOf(record.customerId);
			return toInteractionRow(record);
		});
	}
}

/** The rows of these events that are valid records, ordered by id. */
function rowsOf<T extends { id: string }>(
	ids: Iterable<string>,
	read: (id: string) => T | null
): T[] {
	const rows: T[] = [];
	for (const id of ids) {
		const row = read(id);
		if (row) rows.push(row);
	}
	return rows.sort(byId);
}
