/**
 * Hands `onUpdate` every update y-indexeddb has stored for the doc (its "updates" store), each
 * as soon as it is read and as y-indexeddb wrote it (already encoded: nothing to re-encode), and
 * resolves once all are. A colleague's device can apply the first while the rest are still
 * being read: at 10,000 customers the read takes over a second.
 *
 * IndexedDB runs a read only after the writes started before it, so when no change waits to be
 * stored (DurablePersistence's `unstored` is 0; callers check), the updates read hold at least
 * the doc as it is at this call. A change made after the call may be missing from them.
 */
export function streamStoredState(
	db: IDBDatabase,
	onUpdate: (update: Uint8Array) => void
): Promise<void> {
	const read = db.transaction('updates', 'readonly');
	const request = read.objectStore('updates').openCursor();
	return new Promise((resolve, reject) => {
		request.onsuccess = () => {
			const cursor = request.result;
			if (!cursor) return;
			if (cursor.value instanceof Uint8Array) onUpdate(cursor.value);
			cursor.continue();
		};
		read.oncomplete = () => resolve();
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
