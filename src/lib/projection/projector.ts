import * as Y from 'yjs';
import {
	ROOT_OF_KIND,
	readTombstone,
	tombstoneCustomerId
} from '../features/activity/event-tombstones';
import { eventCustomerId } from '../features/activity/event-values';
import { latestFieldEdits, readFieldEdit } from '../features/customers/field-edit-entries';
import {
	customerMergedInto,
	eventOwner,
	isDeleted,
	readCustomer,
	resolveCustomerId,
	type WorkspaceDoc,
	entityOf
} from '../crdt/workspace-doc';
import { EMPTY_METRICS, type CustomerMetrics } from '../features/customers/rules/customer-metrics';
import { type EventCounts } from './activity-rows';
import { EventIndex, type CustomerEvents, type DeletedEvents, type EventKind } from './event-index';
import { metricsFromRows } from './event-rows';
import {
	PROJECTION_STATE_KEY,
	type CustomerRow,
	type InteractionRow,
	type ProjectionDb,
	type PurchaseRow
} from './db';
import type { UnwrittenCustomers } from './unwritten-rows';
import { readStored, rootOf, type TableKind } from '../core/record-kind';
import { APP_TABLE_KINDS } from '../workspace/record-kinds';
import { projectionTables, putInChunks, splitRows, tableOf, writeRows } from './row-writes';
import {
	PROJECTOR_VERSION,
	type RebuildProgress,
	lastChanged,
	loadRowBuilders,
	projectionState,
	rebuildProjection,
	rowsOfKind,
	staleKinds
} from './rebuild';
import { SMALL_CHANGE, prefersRebuild } from './rebuild-decision';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export interface ProjectorEvents {
	/** A write to IndexedDB failed (e.g. the disk is full). The doc still holds every change. */
	onWriteError?: (error: unknown) => void;
	/** A write succeeded after an earlier failure. */
	onWriteRecovered?: () => void;
	/** A full rebuild is under way (null when it has finished). */
	onRebuildProgress?: (progress: RebuildProgress | null) => void;
	/** Purchases or interactions changed (told once per batch, after its projection). */
	onEventsChanged?: () => void;
	/**
	 * Customers' rows computed but not written because the write failed (null once written):
	 * the list shows them meanwhile, so a customer made on a full disk does not vanish from it.
	 */
	onUnwrittenCustomers?: (unwritten: UnwrittenCustomers | null) => void;
}

const FIRST_RETRY_MS = 1_000;

const LAST_RETRY_MS = 30_000;

export type { UnwrittenCustomers };

/**
 * Keeps the Dexie projection in step with the doc. Every transaction — local command, other
 * tab, remote peer — arrives through the same observers; the records it touched are re-read
 * from the doc and written in one Dexie transaction together with the doc's state vector.
 * A purchase or interaction also marks its customer (before and after the change), whose
 * metrics are then recomputed from its events in the doc (found through the EventIndex, which
 * also answers the screens that show events), read at the same instant as the state vector.
 */
export class Projector {
	#customers = new Set<string>();
	#addedCustomers = new Set<string>();
	/** Who has which events; built on first need, then kept in step by the observers. */
	#events: EventIndex | null = null;
	#purchases = new Set<string>();
	#interactions = new Set<string>();
	/** Records of each table kind changed since the last flush, by kind. */
	readonly #kindChanges: Map<TableKind, Set<string>>;
	/** Each table kind's observer on its root, to stop them again. */
	readonly #kindObservers: Array<() => void> = [];
	/** Customers whose purchases or interactions changed. */
	#metricsStale = new Set<string>();
	/** Each customer's newest field edit (see `lastChanged`); built on first need, like #events. */
	#lastEdits: Map<string, number> | null = null;
	/**
	 * Customers whose `mergedInto` link (see `customerMergedInto`) may have changed, with the
	 * link they had before the pending changes: events that name them, or customers merged into
	 * them, may count for another customer now.
	 */
	#linksBefore = new Map<string, string | undefined>();
	#queue: Promise<void> = Promise.resolve();
	#flushScheduled = false;
	#rebuildFailed = false;
	#running = false;
	#lastError: unknown = null;
	/**
	 * How many purchases and interactions the projection's state row says, while the event
	 * index is not built: a flush that touches no customer and no event (a colleague's name, a
	 * tag colour) need not parse every event in the archive to say the same again.
	 */
	#eventCounts: EventCounts | null = null;
	/**
	 * At most how many customers and events the doc holds, once the pending changes are many
	 * (see `#rebuildIsCertain`): counted once, then raised by the keys each later transaction
	 * changed (each adds at most one record), until the pending changes are taken. Null when not
	 * counted.
	 */
	#archiveBound: number | null = null;
	/** The transaction `#archiveBound` already counts. */
	#boundedTransaction: Y.Transaction | null = null;
	/** What the last failed writes left out of the projection (see `onUnwrittenCustomers`). */
	#unwritten: UnwrittenCustomers | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#retryDelay = FIRST_RETRY_MS;
	/** Table kinds whose rows are of an older version, waiting to be rebuilt alone. */
	readonly #staleKinds = new Set<TableKind>();
	/** The table versions the stored projection holds (see `#versions`). */
	#storedVersions: Record<string, number> = {};
	/** Open holds on rebuilds (see `holdRebuilds`), and who waits for them to end. */
	#rebuildHolds = 0;
	#holdsEnded: Array<() => void> = [];

	constructor(
		private readonly ws: WorkspaceDoc,
		private readonly db: ProjectionDb,
		private readonly events: ProjectorEvents = {},
		private readonly kinds: readonly TableKind[] = APP_TABLE_KINDS
	) {
		this.#kindChanges = new Map(kinds.map((kind) => [kind, new Set<string>()]));
	}

	/**
	 * Call once the doc has loaded from storage. Rebuilds when the stored projection was made
	 * by another projector version or does not match the doc (e.g. the tab closed mid-write).
	 */
	async start(): Promise<{ rebuilt: boolean }> {
		if (this.#running) return { rebuilt: false };
		this.#running = true;
		this.ws.customers.observeDeep(this.#onCustomers);
		for (const kind of this.kinds) this.#kindObservers.push(this.#observeKind(kind));
		this.ws.changes.observe(this.#onChanges);
		this.ws.purchases.observe(this.#onPurchases);
		this.ws.interactions.observe(this.#onInteractions);
		this.ws.eventTombstones.observe(this.#onTombstones);
		this.ws.doc.on('afterTransaction', this.#onTransaction);
		const stored = await this.db.projectionState.get(PROJECTION_STATE_KEY);
		const current = Y.encodeStateVector(this.ws.doc);
		const upToDate =
			stored !== undefined &&
			stored.projectorVersion === PROJECTOR_VERSION &&
			sameBytes(new Uint8Array(stored.stateVector), current);
		if (upToDate) {
			const { purchaseCount, interactionCount } = stored;
			if (typeof purchaseCount === 'number' && typeof interactionCount === 'number') {
				this.#eventCounts = { purchases: purchaseCount, interactions: interactionCount };
			}
			this.#storedVersions = stored.tableVersions ?? {};
			for (const kind of staleKinds(stored, this.kinds)) this.#staleKinds.add(kind);
			if (this.#staleKinds.size > 0) await this.#enqueue(() => this.#rebuildTables());
			return { rebuilt: false };
		}
		await this.#enqueue(() => this.#rebuild());
		return { rebuilt: true };
	}

	async #rebuild(): Promise<void> {
		this.#staleKinds.clear();
		this.#addedCustomers.clear();
		this.#lastEdits = null;
		for (const set of this.#allPending()) set.clear();
		this.#linksBefore.clear();
		this.#forgetArchiveBound();
		// An empty archive rebuilds in an instant: no progress screen for that.
		const report = this.ws.customers.size > 0 ? this.events.onRebuildProgress : undefined;
		report?.({ done: 0, total: this.ws.customers.size });
		try {
			this.#eventCounts = await rebuildProjection(this.ws, this.db, report, this.kinds);
			this.#rebuildFailed = false;
		} catch (error) {
			// The changes it carried are no longer pending: only another rebuild projects them.
			this.#rebuildFailed = true;
			throw error;
		} finally {
			report?.(null);
			this.events.onEventsChanged?.();
		}
	}

	/**
	 * Rebuilds the tables of kinds whose reader changed version, alone: the doc is what the
	 * projection was made from (same state vector), only those rows change shape.
	 */
	async #rebuildTables(): Promise<void> {
		const stale = [...this.#staleKinds];
		const rows = stale.map((kind) => rowsOfKind(this.ws, kind));
		const tables = stale.map((kind) => tableOf(this.db, kind));
		await this.db.transaction('rw', [...tables, this.db.projectionState], async () => {
			for (const [i, table] of tables.entries()) {
				await table.clear();
				await putInChunks(table, rows[i]!);
			}
			const state = await this.db.projectionState.get(PROJECTION_STATE_KEY);
			for (const kind of stale) this.#storedVersions[kind.table.name] = kind.table.version;
			if (state) await this.db.projectionState.put({ ...state, tableVersions: this.#versions() });
		});
		for (const kind of stale) this.#staleKinds.delete(kind);
	}

	/**
	 * The table versions the projection holds: each kind's own, but a stale kind's as stored until
	 * its table is rebuilt (a flush in between must not mark it current).
	 */
	#versions(): Record<string, number> {
		const versions: Record<string, number> = {};
		for (const kind of this.kinds) {
			const version = this.#staleKinds.has(kind)
				? this.#storedVersions[kind.table.name]
				: kind.table.version;
			if (version !== undefined) versions[kind.table.name] = version;
		}
		return versions;
	}

	stop(): void {
		if (!this.#running) return;
		this.#running = false;
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		this.ws.customers.unobserveDeep(this.#onCustomers);
		for (const stop of this.#kindObservers.splice(0)) stop();
		this.ws.changes.unobserve(this.#onChanges);
		this.ws.purchases.unobserve(this.#onPurchases);
		this.ws.interactions.unobserve(this.#onInteractions);
		this.ws.eventTombstones.unobserve(this.#onTombstones);
		this.ws.doc.off('afterTransaction', this.#onTransaction);
	}

	/**
	 * Until the returned release is called, a change that needs a rebuild waits (in the write
	 * queue, so `idle()` still means "projected"). A colleague's first sync arrives in parts,
	 * customers before events: rebuilding for each part wrote the archive to Dexie two or three
	 * times, while the received parts waited behind those writes to be stored. Releasing twice
	 * is harmless.
	 */
	holdRebuilds(): () => void {
		this.#rebuildHolds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			if (--this.#rebuildHolds > 0) return;
			for (const resume of this.#holdsEnded.splice(0)) resume();
		};
	}

	#rebuildsAllowed(): Promise<void> {
		if (this.#rebuildHolds === 0) return Promise.resolve();
		return new Promise((resume) => this.#holdsEnded.push(resume));
	}

	/** Resolves when every change seen so far is in Dexie. */
	async idle(): Promise<void> {
		let seen: Promise<void>;
		do {
			seen = this.#queue;
			await seen;
		} while (seen !== this.#queue);
	}

	/** The last write failure (e.g. a full disk), or null. The doc still holds the data. */
	get lastError(): unknown {
		return this.#lastError;
	}

	#allPending() {
		return [
			this.#customers,
			this.#purchases,
			this.#interactions,
			...this.#kindChanges.values(),
			this.#metricsStale
		];
	}

	#onCustomers = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		collectRecordIds(events, this.ws.customers, this.#customers);
		if (this.#rebuildIsCertain(events[0]!.transaction)) return;
		// Customers new to the doc have no projected row yet: the flush need not look one up.
		for (const event of events) {
			if (!(event instanceof Y.YMapEvent)) continue;
			if (event.target === this.ws.customers) {
				for (const [id, change] of event.changes.keys) {
					if (change.action !== 'add') continue;
					this.#addedCustomers.add(id);
					// One that arrives merged already (a colleague's) was merged into no one before.
					if (!this.#linksBefore.has(id) && customerMergedInto(this.ws, id) !== undefined) {
						this.#linksBefore.set(id, undefined);
					}
				}
			} else if (event.path.length === 1) {
				this.#noteLinkBefore(event);
			}
		}
	};

	/** Keeps a customer's merge link as it was before the pending changes, when it may change. */
	#noteLinkBefore(event: Y.YMapEvent<unknown>) {
		const id = event.path[0];
		if (typeof id !== 'string' || this.#linksBefore.has(id)) return;
		const keys = event.changes.keys;
		const deletedAt = keys.get('deletedAt');
		const mergedInto = keys.get('mergedInto');
		if (!deletedAt && !mergedInto) return;
		const map = event.target as Y.Map<unknown>;
		const wasDeleted = deletedAt ? typeof deletedAt.oldValue === 'number' : isDeleted(map);
		const into = mergedInto ? mergedInto.oldValue : map.get('mergedInto');
		this.#linksBefore.set(
			id,
			wasDeleted && typeof into === 'string' && into !== id ? into : undefined
		);
	}

	/** Notes which records of a table kind change; returns how to stop. */
	#observeKind(kind: TableKind): () => void {
		const root = rootOf(this.ws.doc, kind);
		const changed = this.#kindChanges.get(kind)!;
		if (kind.storage === 'value') {
			const onChange = (event: Y.YMapEvent<unknown>) => {
				for (const id of event.keysChanged) changed.add(id);
			};
			root.observe(onChange);
			return () => root.unobserve(onChange);
		}
		const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) =>
			collectRecordIds(events, root, changed);
		root.observeDeep(onChange);
		return () => root.unobserveDeep(onChange);
	}

	/**
	 * A field edit added, moved or removed (undone) changes when its customer was last changed:
	 * their row is projected again. One removed or moved sends the index to be counted afresh.
	 */
	#onChanges = (event: Y.YMapEvent<unknown>) => {
		if (this.#rebuildIsCertain(event.transaction)) {
			this.#lastEdits = null;
			return;
		}
		for (const [id, change] of event.changes.keys) {
			const before = readFieldEdit(change.oldValue);
			const after = readFieldEdit(this.ws.changes.get(id));
			if (before) {
				this.#customers.add(before.customerId);
				this.#lastEdits = null;
			}
			if (after) {
				this.#customers.add(after.customerId);
				const known = this.#lastEdits?.get(after.customerId) ?? 0;
				if (after.at > known) this.#lastEdits?.set(after.customerId, after.at);
			}
		}
	};

	#lastEditIndex(): Map<string, number> {
		return (this.#lastEdits ??= latestFieldEdits(this.ws.changes.values()));
	}

	#onPurchases = (event: Y.YMapEvent<unknown>) => {
		this.#collectEvents(event, 'purchases', this.#purchases);
	};

	#onInteractions = (event: Y.YMapEvent<unknown>) => {
		this.#collectEvents(event, 'interactions', this.#interactions);
	};

	/**
	 * A tombstone added or removed deletes or restores its event (see event-tombstones.ts): the
	 * customer its record names loses or regains it. A value that is no tombstone, before and
	 * after, changes nothing.
	 */
	#onTombstones = (event: Y.YMapEvent<unknown>) => {
		if (this.#rebuildIsCertain(event.transaction)) {
			for (const id of event.keysChanged) {
				this.#purchases.add(id);
				this.#interactions.add(id);
			}
			this.#events = null;
			return;
		}
		for (const [id, change] of event.changes.keys) {
			const now = this.ws.eventTombstones.get(id);
			const kinds = new Set<EventKind>();
			for (const value of [change.oldValue, now]) {
				const tombstone = readTombstone(value);
				if (tombstone) kinds.add(ROOT_OF_KIND[tombstone.kind]);
			}
			for (const kind of kinds) {
				(kind === 'purchases' ? this.#purchases : this.#interactions).add(id);
				// Whose the event was as last projected: its record's, if its key is there.
				const owner =
					eventCustomerId(this.ws[kind].get(id)) ??
					tombstoneCustomerId(change.oldValue) ??
					tombstoneCustomerId(now);
				if (owner) this.#metricsStale.add(owner);
				this.#events?.refresh(kind, id);
			}
		}
	};

	#collectEvents(event: Y.YMapEvent<unknown>, kind: EventKind, pending: Set<string>) {
		for (const id of event.keysChanged) pending.add(id);
		if (this.#rebuildIsCertain(event.transaction)) {
			// The rebuild reads every event anyway; the index is read again when next asked for.
			this.#events = null;
			return;
		}
		for (const [id, change] of event.changes.keys) {
			pending.add(id);
			const before = eventCustomerId(change.oldValue);
			if (before) this.#metricsStale.add(before);
			// Whose event it is now is read when the change is flushed (see #noteEventOwners).
			this.#events?.refresh(kind, id);
		}
	}

	/**
	 * Marks the customers who own these changed events now. Read at the flush rather than as
	 * each change arrives, because reading the doc parses the event's JSON text and a rebuild
	 * needs none of it: a first sync parsed all 100,000 events of the archive while applying
	 * them. The index, when built, has already read them (in `#collectEvents`, or when built).
	 */
	#noteEventOwners(kind: EventKind, ids: string[], stale: Set<string>) {
		const root = this.ws[kind] as Y.Map<unknown>;
		for (const id of ids) {
			const owner = this.#events ? this.#events.ownerOf(kind, id) : eventCustomerId(root.get(id));
			if (owner) stale.add(owner);
		}
	}

	/**
	 * Events count for the customer at the end of their customer's merge chain (`eventOwner`):
	 * the customers noted as stale so far are those events name, so their owners are added. A
	 * change of someone's merge link moves the events of everyone whose chain passes through
	 * them, from the end of that customer's chain before to its end now: both are added.
	 */
	#noteMergedOwners(stale: Set<string>, linksBefore: Map<string, string | undefined>) {
		for (const id of [...stale]) stale.add(eventOwner(this.ws, id));
		const before = (id: string) =>
			linksBefore.has(id) ? linksBefore.get(id) : customerMergedInto(this.ws, id);
		for (const id of linksBefore.keys()) {
			stale.add(resolveCustomerId(id, before));
			stale.add(eventOwner(this.ws, id));
		}
	}

	/**
	 * `prefersRebuild` for the pending changes. The archive is counted only when they are many:
	 * Y.Map counts its entries by walking them all, and counting 110,000 records on every flush
	 * made one edit at size M take 22 ms to project in Node instead of 1.3 ms.
	 */
	#prefersRebuildFor(changed: number, archive: () => number): boolean {
		return changed > SMALL_CHANGE && prefersRebuild(changed, archive());
	}

	#pendingRecords(): number {
		return this.#customers.size + this.#purchases.size + this.#interactions.size;
	}

	/** Called when the pending changes are taken; also lets go of the (maybe large) transaction. */
	#forgetArchiveBound(): void {
		this.#archiveBound = null;
		this.#boundedTransaction = null;
	}

	/** Customers and events in the doc. */
	#archiveSize(): number {
		const { customers, purchases, interactions } = this.ws;
		return customers.size + purchases.size + interactions.size;
	}

	/**
	 * Whether the changes pending already make the next flush a rebuild, which reads the whole
	 * doc: then what each change was (an added customer, an event's previous owner) is not worth
	 * working out. Applying a 10,000-customer archive in Node, the observers took a fifth of the
	 * apply (100 of 530 ms), mostly Yjs telling each key's change apart. Pending changes only
	 * grow, and faster than the archive, until the flush takes them, so the decision holds there.
	 * The first of a transaction's observers has not seen the others' keys yet; by the flush the
	 * pending changes hold those too.
	 */
	#rebuildIsCertain(transaction: Y.Transaction): boolean {
		const roots = new Set<unknown>([this.ws.customers, this.ws.purchases, this.ws.interactions]);
		let inTransaction = 0;
		for (const [type, keys] of transaction.changed) if (roots.has(type)) inTransaction += keys.size;
		if (this.#archiveBound !== null && this.#boundedTransaction !== transaction) {
			this.#archiveBound += inTransaction;
		}
		this.#boundedTransaction = transaction;
		return this.#prefersRebuildFor(
			Math.max(this.#pendingRecords(), inTransaction),
			() => (this.#archiveBound ??= this.#archiveSize())
		);
	}

	#onTransaction = (transaction: Y.Transaction) => {
		// Any change moves the state vector, which is stored with the rows, so always flush.
		if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return;
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		void this.#enqueue(() => this.#flush());
	};

	#enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(task).then(
			() => this.#written(),
			(error: unknown) => {
				this.#lastError = error;
				this.events.onWriteError?.(error);
				this.#scheduleRetry();
				console.error('Clientbook projection write failed; the doc is intact', error);
			}
		);
		this.#queue = run;
		return run;
	}

	/** After a write that succeeded: whatever a failed one left out is in the projection now. */
	#written(): void {
		if (this.#lastError !== null) {
			this.#lastError = null;
			this.events.onWriteRecovered?.();
		}
		this.#retryDelay = FIRST_RETRY_MS;
		if (this.#unwritten === null) return;
		this.#unwritten = null;
		this.events.onUnwrittenCustomers?.(null);
	}

	/**
	 * Writes the changes a failed write left pending, now (storage took writes again) rather
	 * than at the next change; false when nothing failed.
	 */
	retry(): boolean {
		if (this.#lastError === null || !this.#running) return false;
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		if (!this.#flushScheduled) {
			this.#flushScheduled = true;
			void this.#enqueue(() => this.#flush());
		}
		return true;
	}

	/** A failed write is tried again by itself, less often the longer it keeps failing. */
	#scheduleRetry(): void {
		if (this.#retryTimer !== null || !this.#running) return;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			this.retry();
		}, this.#retryDelay);
		this.#retryDelay = Math.min(this.#retryDelay * 2, LAST_RETRY_MS);
	}

	/** Keeps rows a failed write left out, over those an earlier failure left out. */
	#keepUnwritten(rows: CustomerRow[], removed: string[]): void {
		const byId = new Map<string, CustomerRow | null>();
		for (const row of this.#unwritten?.rows ?? []) byId.set(row.id, row);
		for (const id of this.#unwritten?.removed ?? []) byId.set(id, null);
		for (const row of rows) byId.set(row.id, row);
		for (const id of removed) byId.set(id, null);
		const kept: UnwrittenCustomers = { rows: [], removed: [] };
		for (const [id, row] of byId) {
			if (row) kept.rows.push(row);
			else kept.removed.push(id);
		}
		this.#unwritten = kept;
		this.events.onUnwrittenCustomers?.(kept);
	}

	async #flush(): Promise<void> {
		const { toCustomerRow } = await loadRowBuilders();
		this.#flushScheduled = false;
		// A table rebuild that failed (a full disk) is tried again before anything else.
		if (this.#staleKinds.size > 0 && !this.#rebuildFailed) await this.#rebuildTables();
		if (
			this.#rebuildFailed ||
			this.#prefersRebuildFor(this.#pendingRecords(), () => this.#archiveSize())
		) {
			// What arrives meanwhile joins the pending changes, and the rebuild takes them all.
			await this.#rebuildsAllowed();
			return this.#rebuild();
		}
		// Read the doc and its state vector at one instant, so the stored pair is consistent.
		const taken = {
			customers: [...this.#customers],
			purchases: [...this.#purchases],
			interactions: [...this.#interactions],
			kinds: [...this.#kindChanges].map(([kind, ids]) => ({ kind, ids: [...ids] })),
			metricsStale: new Set(this.#metricsStale),
			added: new Set(this.#addedCustomers),
			linksBefore: new Map(this.#linksBefore)
		};
		this.#addedCustomers.clear();
		for (const set of this.#allPending()) set.clear();
		this.#linksBefore.clear();
		this.#forgetArchiveBound();
		const stateVector = Y.encodeStateVector(this.ws.doc);
		this.#events?.relink(taken.customers);
		this.#noteEventOwners('purchases', taken.purchases, taken.metricsStale);
		this.#noteEventOwners('interactions', taken.interactions, taken.metricsStale);
		this.#noteMergedOwners(taken.metricsStale, taken.linksBefore);

		const kindRows = taken.kinds.map(({ kind, ids }) => {
			const root = rootOf(this.ws.doc, kind);
			return splitRows(ids, (id) => readStored(kind, id, root.get(id)));
		});
		const customerIds = [...new Set([...taken.customers, ...taken.metricsStale])];
		const records = customerIds.map((id) => {
			const map = entityOf(this.ws.customers, id);
			return map && !isDeleted(map)
				? lastChanged(readCustomer(id, map), this.#lastEditIndex())
				: null;
		});

		// Metrics from events are read at the same instant: customers whose events changed (owners
		// before, noted by the observers, and now, noted above), and any that may be new to the
		// projection with events that arrived before them (a colleague's purchase synced first).
		const eventMetrics = new Map<string, CustomerMetrics>();
		const eventsUntouched =
			customerIds.length === 0 && taken.purchases.length + taken.interactions.length === 0;
		const counts =
			(eventsUntouched ? this.#eventCounts : null) ??
			this.#readEvents(customerIds, taken.metricsStale, eventMetrics);

		const { db } = this;
		const customerRows: CustomerRow[] = [];
		const removals: string[] = [];
		try {
			await db.transaction('rw', projectionTables(db, this.kinds), async () => {
				for (const [i, { kind }] of taken.kinds.entries()) {
					await writeRows(tableOf(db, kind), kindRows[i]!);
				}
				const lookedUp = customerIds.filter((id) => !taken.added.has(id));
				const found = new Map(
					(await db.customers.bulkGet(lookedUp)).flatMap((row) => (row ? [[row.id, row]] : []))
				);
				const existing = customerIds.map((id) => found.get(id));
				for (const [i, id] of customerIds.entries()) {
					const record = records[i];
					if (!record) {
						removals.push(id);
						continue;
					}
					const known = existing[i];
					const metrics =
						known && !taken.metricsStale.has(id)
							? pickMetrics(known)
							: (eventMetrics.get(id) ?? EMPTY_METRICS);
					customerRows.push(toCustomerRow(record, metrics));
				}
				if (removals.length > 0) await db.customers.bulkDelete(removals);
				await putInChunks(db.customers, customerRows);
				await db.projectionState.put(projectionState(stateVector, counts, this.#versions()));
			});
			this.#eventCounts = counts;
		} catch (error) {
			if (customerRows.length + removals.length > 0) this.#keepUnwritten(customerRows, removals);
			// Keep the ids for the next flush; a later start() rebuilds if we never catch up.
			taken.customers.forEach((id) => this.#customers.add(id));
			taken.added.forEach((id) => this.#addedCustomers.add(id));
			taken.purchases.forEach((id) => this.#purchases.add(id));
			taken.interactions.forEach((id) => this.#interactions.add(id));
			for (const { kind, ids } of taken.kinds) {
				for (const id of ids) this.#kindChanges.get(kind)!.add(id);
			}
			taken.metricsStale.forEach((id) => this.#metricsStale.add(id));
			throw error;
		} finally {
			// Events are read from the doc, so they changed even if the write failed.
			if (taken.purchases.length + taken.interactions.length > 0) this.events.onEventsChanged?.();
		}
	}

	/**
	 * Fills `metrics` for the customers whose events may have changed (or who may be new with
	 * events that arrived before them), and says how many events the archive holds.
	 */
	#readEvents(
		customerIds: string[],
		metricsStale: Set<string>,
		metrics: Map<string, CustomerMetrics>
	): EventCounts {
		const index = this.#eventIndex();
		for (const id of customerIds) {
			if (metricsStale.has(id) || index.hasEvents(id)) {
				metrics.set(id, metricsOfEvents(index.eventsOf(id)));
			}
		}
		return index.counts();
	}

	/** Who has which events, built from the doc on first need (about 0.35 s at 100,000 events in Node). */
	#eventIndex(): EventIndex {
		return (this.#events ??= new EventIndex(this.ws));
	}

	/**
	 * Builds the event index ahead of a large batch (e.g. while the user maps an import's
	 * columns), so the batch's first flush does not wait for it.
	 */
	prepareForBulk(): void {
		this.#eventIndex();
	}

	/** One customer's purchases and interactions, read from the doc now. */
	eventsOf(customerId: string): CustomerEvents {
		return this.#eventIndex().eventsOf(customerId);
	}

	/** One customer's purchases and interactions deleted in the last 30 days before `now`. */
	deletedEventsOf(customerId: string, now: number): DeletedEvents {
		return this.#eventIndex().deletedEventsOf(customerId, now);
	}

	/** Every purchase, read from the doc now (export, the purchase import's duplicate check). */
	allPurchases(): PurchaseRow[] {
		return this.#eventIndex().allPurchases();
	}

	/** Every interaction, read from the doc now. */
	allInteractions(): InteractionRow[] {
		return this.#eventIndex().allInteractions();
	}

	/** The latest purchases (by their moment), read from the doc now. */
	latestPurchases(count: number): PurchaseRow[] {
		return this.#eventIndex().latestPurchases(count);
	}
}

function metricsOfEvents(events: CustomerEvents): CustomerMetrics {
	return metricsFromRows(events.purchases, events.interactions);
}

function collectRecordIds<T>(
	events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
	root: Y.Map<T>,
	pending: Set<string>
) {
	for (const event of events) {
		if (event instanceof Y.YMapEvent && event.target === root) {
			for (const id of event.keysChanged) pending.add(id);
		} else {
			const id = event.path[0];
			if (typeof id === 'string') pending.add(id);
		}
	}
}

function pickMetrics(row: CustomerRow): CustomerMetrics {
	return {
		totalSpentCents: row.totalSpentCents ?? 0,
		purchaseCount: row.purchaseCount ?? 0,
		averageOrderCents: row.averageOrderCents ?? 0,
		firstPurchaseAt: row.firstPurchaseAt ?? null,
		lastPurchaseAt: row.lastPurchaseAt ?? null,
		lastContactAt: row.lastContactAt ?? null,
		usualIntervalDays: row.usualIntervalDays ?? null
	};
}
