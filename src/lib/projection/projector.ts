import * as Y from 'yjs';
import { isDeleted, readCustomer, type WorkspaceDoc } from '../crdt/workspace-doc';
import { toCustomerRow } from './customer-row';
import type { CustomerRow, ProjectionDb } from './db';

/** Bump when rows, indexes or derived keys change: every device then rebuilds its projection. */
export const PROJECTOR_VERSION = 1;

const STATE_KEY = 'workspace';
const WRITE_CHUNK = 1000;
const COMPUTE_CHUNK = 500;

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export interface ProjectorEvents {
	/** A write to IndexedDB failed (e.g. the disk is full). The doc still holds every change. */
	onWriteError?: (error: unknown) => void;
	/** A write succeeded after an earlier failure. */
	onWriteRecovered?: () => void;
}

export interface RebuildProgress {
	done: number;
	total: number;
}

/**
 * Recreates every projection row from the doc. Rows are computed in chunks that yield to the
 * browser, then written in one Dexie transaction so readers never see a half-built table.
 */
export async function rebuildProjection(
	ws: WorkspaceDoc,
	db: ProjectionDb,
	onProgress?: (progress: RebuildProgress) => void
): Promise<number> {
	const stateVector = Y.encodeStateVector(ws.doc);
	const entries = [...ws.customers.entries()];
	const rows: CustomerRow[] = [];
	for (let start = 0; start < entries.length; start += COMPUTE_CHUNK) {
		for (const [id, map] of entries.slice(start, start + COMPUTE_CHUNK)) {
			if (!isDeleted(map)) rows.push(toCustomerRow(readCustomer(id, map)));
		}
		onProgress?.({ done: Math.min(start + COMPUTE_CHUNK, entries.length), total: entries.length });
		if (start + COMPUTE_CHUNK < entries.length) await yieldToBrowser();
	}
	await db.transaction('rw', db.customers, db.projectionState, async () => {
		await db.customers.clear();
		for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
			await db.customers.bulkPut(rows.slice(start, start + WRITE_CHUNK));
		}
		await db.projectionState.put({
			key: STATE_KEY,
			projectorVersion: PROJECTOR_VERSION,
			stateVector
		});
	});
	return rows.length;
}

/**
 * Keeps the Dexie projection in step with the doc. Every transaction — local command, other
 * tab, remote peer — arrives through the same observer; the customers it touched are re-read
 * from the doc and written in one Dexie transaction together with the doc's state vector.
 */
export class Projector {
	#pending = new Set<string>();
	#queue: Promise<void> = Promise.resolve();
	#flushScheduled = false;
	#running = false;
	#lastError: unknown = null;

	constructor(
		private readonly ws: WorkspaceDoc,
		private readonly db: ProjectionDb,
		private readonly events: ProjectorEvents = {}
	) {}

	/**
	 * Call once the doc has loaded from storage. Rebuilds when the stored projection was made
	 * by another projector version or does not match the doc (e.g. the tab closed mid-write).
	 */
	async start(): Promise<{ rebuilt: boolean }> {
		if (this.#running) return { rebuilt: false };
		this.#running = true;
		this.ws.customers.observeDeep(this.#onCustomersChanged);
		this.ws.doc.on('afterTransaction', this.#onTransaction);
		const stored = await this.db.projectionState.get(STATE_KEY);
		const current = Y.encodeStateVector(this.ws.doc);
		const upToDate =
			stored !== undefined &&
			stored.projectorVersion === PROJECTOR_VERSION &&
			sameBytes(new Uint8Array(stored.stateVector), current);
		if (upToDate) return { rebuilt: false };
		await this.#enqueue(async () => {
			this.#pending.clear();
			await rebuildProjection(this.ws, this.db);
		});
		return { rebuilt: true };
	}

	stop(): void {
		if (!this.#running) return;
		this.#running = false;
		this.ws.customers.unobserveDeep(this.#onCustomersChanged);
		this.ws.doc.off('afterTransaction', this.#onTransaction);
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

	#onCustomersChanged = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		for (const event of events) {
			if (event instanceof Y.YMapEvent && event.target === this.ws.customers) {
				for (const id of event.keysChanged) this.#pending.add(id);
			} else {
				const id = event.path[0];
				if (typeof id === 'string') this.#pending.add(id);
			}
		}
	};

	#onTransaction = (transaction: Y.Transaction) => {
		// Any change moves the state vector, which is stored with the rows, so always flush.
		if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return;
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		void this.#enqueue(() => this.#flush());
	};

	#enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(task).catch((error: unknown) => {
			this.#lastError = error;
			this.events.onWriteError?.(error);
			console.error('Clientbook projection write failed; the doc is intact', error);
		});
		this.#queue = run;
		return run;
	}

	async #flush(): Promise<void> {
		this.#flushScheduled = false;
		// Read the doc and its state vector at one instant, so the stored pair is consistent.
		const ids = [...this.#pending];
		this.#pending.clear();
		const stateVector = Y.encodeStateVector(this.ws.doc);
		const upserts: CustomerRow[] = [];
		const removals: string[] = [];
		for (const id of ids) {
			const map = this.ws.customers.get(id);
			if (!map || isDeleted(map)) removals.push(id);
			else upserts.push(toCustomerRow(readCustomer(id, map)));
		}
		try {
			await this.db.transaction('rw', this.db.customers, this.db.projectionState, async () => {
				if (removals.length > 0) await this.db.customers.bulkDelete(removals);
				for (let start = 0; start < upserts.length; start += WRITE_CHUNK) {
					await this.db.customers.bulkPut(upserts.slice(start, start + WRITE_CHUNK));
				}
				await this.db.projectionState.put({
					key: STATE_KEY,
					projectorVersion: PROJECTOR_VERSION,
					stateVector
				});
			});
			if (this.#lastError !== null) {
				this.#lastError = null;
				this.events.onWriteRecovered?.();
			}
		} catch (error) {
			// Keep the ids for the next flush; a later start() rebuilds if we never catch up.
			for (const id of ids) this.#pending.add(id);
			throw error;
		}
	}
}
