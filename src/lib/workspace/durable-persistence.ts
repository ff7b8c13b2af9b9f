import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';

/** Stored records after which the store is compacted into one (y-indexeddb's own threshold). */
export const COMPACT_AFTER = 500;
/** How long the store must be quiet before it is compacted (y-indexeddb's own delay). */
const COMPACT_DELAY_MS = 1_000;
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

export interface DurableStoreEvents {
	/** A write was refused (a full disk, an evicted or closed database): the updates are kept. */
	onFailure?: (error: unknown) => void;
	/** Everything kept after a failure is stored now. */
	onRecovered?: () => void;
}

/**
 * y-indexeddb's persistence, with every write confirmed. The library writes each update in a
 * transaction of its own and never looks at the outcome: on a full disk the update was refused
 * without a word, and the later updates of the device, which depend on it, could not be read
 * back either. Here each update waits in memory until its transaction has committed; a refused
 * write is reported, kept and tried again (sooner when the page asks), and `confirmed()` tells
 * a command whether its change is stored.
 *
 * Loading stays the library's (its public `whenSynced` and `db`); only its update listener is
 * replaced. That listener is a field the library does not document (`_storeUpdate`), so the
 * version is pinned and a unit test fails if the listener stops being the one that stores.
 */
export class DurablePersistence extends IndexeddbPersistence {
	#queue: Uint8Array[] = [];
	#writing: Promise<void> | null = null;
	#failure: unknown = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#compactTimer: ReturnType<typeof setTimeout> | null = null;
	/** Who waits for everything so far to be stored, however many refusals that takes. */
	#storedWaiters: Array<() => void> = [];
	#retryDelay = FIRST_RETRY_MS;
	#records = 0;
	#storing = false;
	#destroyed = false;
	/** Set while the stored records are being replaced (see `pause`): nothing is written. */
	#paused = false;
	#endPause: () => void = () => {};
	#pauseEnded: Promise<void> = Promise.resolve();
	readonly #events: DurableStoreEvents;

	constructor(name: string, doc: Y.Doc, events: DurableStoreEvents = {}) {
		super(name, doc);
		this.#events = events;
		doc.off('update', this._storeUpdate);
		void this.whenSynced.then(() => this.#countRecords());
	}

	/**
	 * Starts (or stops) storing the doc's updates. Loading changes nothing to store, and while
	 * anything listens Yjs encodes every transaction as an update, the loaded archive included.
	 */
	storeUpdates(on: boolean): void {
		if (on === this.#storing) return;
		this.#storing = on;
		if (on) this.doc.on('update', this.#onUpdate);
		else this.doc.off('update', this.#onUpdate);
	}

	#onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === this) return;
		this.#queue.push(update);
		void this.#drain();
	};

	/** How many updates wait to be stored. */
	get unstored(): number {
		return this.#queue.length;
	}

	/**
	 * Resolves with null once every update so far is stored, or with the refusal when storage
	 * refused them (they stay queued and are tried again).
	 */
	async confirmed(): Promise<unknown> {
		for (;;) {
			while (this.#writing) await this.#writing;
			if (this.#queue.length === 0) return null;
			if (this.#paused) {
				await this.#pauseEnded;
				continue;
			}
			if (this.#failure !== null) return this.#failure;
			if (this.#destroyed || !this.db) return new Error('the archive’s storage is closed');
			// An update that arrived as the last write was ending: write it before answering.
			void this.#drain();
		}
	}

	/**
	 * Stops every write (updates, retries, compaction) until the returned resume is called, once
	 * the write under way has ended, so the stored records can be replaced meanwhile (see
	 * stored-replacement.ts). Updates made meanwhile wait in memory.
	 */
	async pause(): Promise<() => void> {
		if (!this.#paused) {
			this.#paused = true;
			this.#pauseEnded = new Promise((resolve) => (this.#endPause = resolve));
		}
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		if (this.#compactTimer !== null) clearTimeout(this.#compactTimer);
		this.#retryTimer = this.#compactTimer = null;
		while (this.#writing) await this.#writing;
		return () => {
			if (!this.#paused) return;
			this.#paused = false;
			this.#endPause();
			if (this.#queue.length > 0) void this.#drain();
		};
	}

	/** Tries the refused updates again now (the user freed space, or the page came back). */
	retryNow(): Promise<unknown> {
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		void this.#drain();
		return this.confirmed();
	}

	#drain(): Promise<void> {
		this.#writing ??= this.#writeQueued().finally(() => {
			this.#writing = null;
			// Updates that arrived after the loop's last look wait for no one else.
			if (this.#queue.length > 0 && this.#failure === null && !this.#destroyed && !this.#paused) {
				void this.#drain();
			}
		});
		return this.#writing;
	}

	/** Writes what waits, batch after batch, until nothing waits or storage refuses. */
	async #writeQueued(): Promise<void> {
		let db = this.db;
		if (!db) return;
		let reopenedOnce = false;
		while (this.#queue.length > 0 && !this.#destroyed && !this.#paused) {
			const batch = this.#queue.slice();
			try {
				await addAll(db, batch);
			} catch (error) {
				// Once per attempt: a database that closes again at once is reported, then retried.
				const reopened = isClosedDatabase(error) && !reopenedOnce ? await this.#reopen() : null;
				if (reopened) {
					reopenedOnce = true;
					db = reopened;
					continue;
				}
				this.#failure = error;
				this.#events.onFailure?.(error);
				this.#scheduleRetry();
				return;
			}
			this.#queue.splice(0, batch.length);
			this.#records += batch.length;
			this.#retryDelay = FIRST_RETRY_MS;
			if (this.#failure !== null) {
				this.#failure = null;
				this.#events.onRecovered?.();
			}
		}
		if (this.#queue.length === 0) for (const resolve of this.#storedWaiters.splice(0)) resolve();
		if (this.#records >= COMPACT_AFTER) this.#scheduleCompaction(db);
	}

	/**
	 * Resolves once every update so far is stored, waiting through refusals until storage takes
	 * them (a colleague's sync is reported received only then).
	 */
	whenStored(): Promise<void> {
		if (this.#queue.length === 0 && !this.#writing) return Promise.resolve();
		return new Promise((resolve) => {
			this.#storedWaiters.push(resolve);
			void this.#drain();
		});
	}

	/**
	 * Compacts once the store has been quiet a moment, off the path of the command that wrote:
	 * encoding the whole archive takes a while. A refused compaction is tried again after as
	 * many writes again, never on every write.
	 */
	#scheduleCompaction(db: IDBDatabase): void {
		if (this.#compactTimer !== null || this.#destroyed || this.#paused) return;
		this.#records = 0;
		this.#compactTimer = setTimeout(() => {
			this.#compactTimer = null;
			if (!this.#destroyed && !this.#paused) void this.#compact(db);
		}, COMPACT_DELAY_MS);
	}

	#scheduleRetry(): void {
		if (this.#retryTimer !== null || this.#destroyed || this.#paused) return;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			void this.#drain();
		}, this.#retryDelay);
		this.#retryDelay = Math.min(this.#retryDelay * 2, LAST_RETRY_MS);
	}

	/** Compacts off the path of any write; a refusal waits for more writes (see below). */
	async #compact(db: IDBDatabase): Promise<void> {
		try {
			await this.#compactInto(db);
		} catch {
			// Nothing was lost: every record is still there; compaction waits for more writes.
		}
	}

	/**
	 * Compacts now and says whether it could: after an erasure the stored records must become
	 * the doc as it is, its deleted values forgotten. Throws when storage refused (the records
	 * are then as they were, the erased data among them: the caller says so and tries again).
	 */
	async compactNow(): Promise<void> {
		// A disk refusing writes now refuses the compaction too: said at once, never waited out
		// (the erasure's dialog would wait for room that may never come).
		const refused = await this.confirmed();
		if (refused !== null) throw refused;
		if (this.#compactTimer !== null) clearTimeout(this.#compactTimer);
		this.#compactTimer = null;
		while (this.#writing) await this.#writing;
		const db = this.db;
		if (this.#destroyed || this.#paused || !db) throw new Error('the archive’s storage is closed');
		await this.#compactInto(db);
	}

	/**
	 * Replaces every stored record by the doc's whole state, in one transaction that first reads
	 * them all: another tab's update stored meanwhile is applied to this doc before its record
	 * goes (as y-indexeddb's own `storeState` does). The transaction commits whole or not at
	 * all, so a refusal leaves the records as they were.
	 */
	async #compactInto(db: IDBDatabase): Promise<void> {
		const transaction = db.transaction('updates', 'readwrite');
		const store = transaction.objectStore('updates');
		const records = store.getAll();
		const keys = store.getAllKeys();
		keys.onsuccess = () => {
			Y.transact(
				this.doc,
				() => {
					for (const update of records.result as Uint8Array[]) Y.applyUpdate(this.doc, update);
				},
				this,
				false
			);
			store.add(Y.encodeStateAsUpdate(this.doc));
			const last = keys.result.at(-1);
			if (last !== undefined) store.delete(IDBKeyRange.upperBound(last));
		};
		await committed(transaction);
		this.#records = 1;
	}

	/**
	 * Opens the archive's database again after its connection was closed under it (the browser
	 * cleared the site's data, or another tab deleted it): retrying on the dead connection could
	 * never succeed. What the database held may be gone, so the whole doc is stored first, in
	 * place of the waiting updates it contains. Null when it cannot be opened (tried later).
	 */
	async #reopen(): Promise<IDBDatabase | null> {
		try {
			const db = await openUpdatesDatabase(this.name);
			this.db = db;
			// The library's own promise of its database (typed, undocumented; the version is
			// pinned): its destroy and clearData close and clear the connection it holds.
			this._db = Promise.resolve(db);
			this.#queue = [Y.encodeStateAsUpdate(this.doc)];
			return db;
		} catch {
			return null;
		}
	}

	async #countRecords(): Promise<void> {
		const db = this.db;
		if (!db) return;
		const transaction = db.transaction('updates', 'readonly');
		const counted = transaction.objectStore('updates').count();
		await committed(transaction).catch(() => undefined);
		this.#records += counted.result ?? 0;
	}

	override destroy(): Promise<void> {
		this.#destroyed = true;
		this.#paused = false;
		this.#endPause();
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		if (this.#compactTimer !== null) clearTimeout(this.#compactTimer);
		this.#retryTimer = this.#compactTimer = null;
		this.storeUpdates(false);
		return super.destroy();
	}
}

/** Whether a write failed because the connection it used is closed, not because of the disk. */
function isClosedDatabase(error: unknown): boolean {
	return error instanceof DOMException && error.name === 'InvalidStateError';
}

/** The archive's database as y-indexeddb lays it out: `updates` (and `custom`, unused here). */
function openUpdatesDatabase(name: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(name);
		request.onupgradeneeded = () => {
			const db = request.result;
			if (!db.objectStoreNames.contains('updates')) {
				db.createObjectStore('updates', { autoIncrement: true });
			}
			if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
		};
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/** Adds every update as a record of its own, in one transaction; resolves once it commits. */
function addAll(db: IDBDatabase, updates: Uint8Array[]): Promise<void> {
	let transaction: IDBTransaction;
	try {
		transaction = db.transaction('updates', 'readwrite');
		const store = transaction.objectStore('updates');
		for (const update of updates) store.add(update);
	} catch (error) {
		// A closed database throws here rather than failing the transaction.
		return Promise.reject(error);
	}
	return committed(transaction);
}

function committed(transaction: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		transaction.oncomplete = () => resolve();
		transaction.onabort = () =>
			reject(transaction.error ?? new DOMException('The write was aborted', 'AbortError'));
	});
}
