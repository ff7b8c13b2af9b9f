import * as Y from 'yjs';

/** What y-indexeddb holds of a doc, and the doc's state vector when it was read. */
export interface StoredState {
	/** The stored updates, as y-indexeddb wrote them (already encoded: nothing to re-encode). */
	updates: Uint8Array[];
	/** Everything the doc gained after this state vector may be missing from `updates`. */
	stateVector: Uint8Array;
}

/**
 * Reads every update y-indexeddb has stored for `doc` (its "updates" store). y-indexeddb starts
 * the write of each change in the same tick as the change, and IndexedDB runs a read only
 * after the writes started before it, so the updates read hold at least the doc as it is at
 * this call: the state vector taken now says from where a colleague needs the doc's own
 * encoding instead.
 */
export function readStoredState(db: IDBDatabase, doc: Y.Doc): Promise<StoredState> {
	const read = db.transaction('updates', 'readonly');
	const stateVector = Y.encodeStateVector(doc);
	const request = read.objectStore('updates').getAll();
	return new Promise((resolve, reject) => {
		read.oncomplete = () => {
			const updates = (request.result as unknown[]).flatMap((value) =>
				value instanceof Uint8Array ? [value] : []
			);
			resolve({ updates, stateVector });
		};
		read.onerror = read.onabort = () => reject(read.error);
	});
}

/**
 * Whether a colleague with state vector `theirs` lacks most of a doc with state vector `ours`,
 * counted in Yjs clock ticks (roughly, inserted items): a new device, or one that has been
 * away for most of the archive's life. Such a colleague is better sent what is stored whole
 * than a fresh encoding of nearly the entire doc.
 */
export function lacksMostOf(ours: Map<number, number>, theirs: Map<number, number>): boolean {
	let total = 0;
	let missing = 0;
	for (const [client, clock] of ours) {
		total += clock;
		missing += Math.max(0, clock - (theirs.get(client) ?? 0));
	}
	return total > 0 && missing * 2 > total;
}
