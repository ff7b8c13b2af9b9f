import {
	readDeletedInteraction,
	readDeletedMoment,
	readDeletedPurchase,
	readEventMoment,
	readInteraction,
	readPurchase,
	type DeletedMark
} from '../crdt/activity-records';
import { isRecentlyDeleted } from '../domain/event-changes';
import type { WorkspaceDoc } from '../crdt/workspace-doc';
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
 * Only valid records are indexed, so counts and rows agree with what a rebuild projects.
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

	constructor(private readonly ws: WorkspaceDoc) {
		for (const id of ws.purchases.keys()) this.refresh('purchases', id);
		for (const id of ws.interactions.keys()) this.refresh('interactions', id);
	}

	/**
	 * Reads one event again from the doc after it changed (added, edited, moved, deleted), and
	 * returns its customer now (null when deleted or not a valid record).
	 */
	refresh(kind: EventKind, eventId: string): string | null {
		const stored = this.ws[kind].get(eventId);
		const event = readEventMoment(eventId, stored);
		this.#owners[kind].set(eventId, event);
		// Only a record that is not live is read again (rare), and while nothing is deleted a
		// live one costs what it did before deleted events were kept.
		const deleted = event ? null : readDeletedMoment(eventId, stored);
		if (deleted || this.#deleted[kind].size > 0) this.#deleted[kind].set(eventId, deleted);
		return event?.customerId ?? null;
	}

	/** One customer's events deleted in the last 30 days, read from the doc now. */
	deletedEventsOf(customerId: string, now: number): DeletedEvents {
		const recent = <T extends DeletedMark>(row: T | null) =>
			row && isRecentlyDeleted(row.deletedAt, now) ? row : null;
		return {
			purchases: rowsOf(this.#deleted.purchases.eventsOf(customerId), (id) => {
				const record = recent(readDeletedPurchase(id, this.ws.purchases.get(id)));
				return record && { ...record, ...toPurchaseRow(record) };
			}),
			interactions: rowsOf(this.#deleted.interactions.eventsOf(customerId), (id) =>
				recent(readDeletedInteraction(id, this.ws.interactions.get(id)))
			)
		};
	}

	/** The customer of one event as last read (null when deleted or not a valid record). */
	ownerOf(kind: EventKind, eventId: string): string | null {
		return this.#owners[kind].customerOf(eventId);
	}

	/** One customer's events as rows, read from the doc now. */
	eventsOf(customerId: string): CustomerEvents {
		return {
			purchases: this.#purchaseRows(this.#owners.purchases.eventsOf(customerId)),
			interactions: this.#interactionRows(this.#owners.interactions.eventsOf(customerId))
		};
	}

	hasEvents(customerId: string): boolean {
		return (
			this.#owners.purchases.hasCustomer(customerId) ||
			this.#owners.interactions.hasCustomer(customerId)
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
		return purchaseRowsOf(this.ws, ids);
	}

	#interactionRows(ids: Iterable<string>): InteractionRow[] {
		return interactionRowsOf(this.ws, ids);
	}
}

/** These purchases as rows, read from the doc (invalid records left out), ordered by id. */
function purchaseRowsOf(ws: WorkspaceDoc, ids: Iterable<string>): PurchaseRow[] {
	return rowsOf(ids, (id) => {
		const record = readPurchase(id, ws.purchases.get(id));
		return record && toPurchaseRow(record);
	});
}

/** These interactions as rows, read from the doc (invalid records left out), ordered by id. */
function interactionRowsOf(ws: WorkspaceDoc, ids: Iterable<string>): InteractionRow[] {
	return rowsOf(ids, (id) => {
		const record = readInteraction(id, ws.interactions.get(id));
		return record && toInteractionRow(record);
	});
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
