import * as Y from 'yjs';

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction) => void;

/** The doc's 'update' listeners (storage, the tabs, colleagues), in the order they were added. */
function updateListeners(doc: Y.Doc): UpdateListener[] {
	// lib0's Observable keeps its listeners in `_observers`, which its types leave untyped; it
	// has no public way to list them.
	const observers = (doc as unknown as { _observers: Map<string, Set<UpdateListener>> })._observers;
	return [...(observers.get('update') ?? [])];
}

/** Yjs' own test for whether a transaction has an update to emit. */
function changedSomething(transaction: Y.Transaction): boolean {
	if (transaction.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of transaction.afterState) {
		if (transaction.beforeState.get(client) !== clock) return true;
	}
	return false;
}

const hasPending = (doc: Y.Doc) =>
	doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/**
 * Applies an update that arrived whole (a colleague's sync) and hands the doc's 'update'
 * listeners the bytes as they arrived. Left to itself, Yjs encodes every transaction again
 * for its listeners: for the 28 MB first sync of a 10,000-customer archive that re-encoding
 * was about half of the apply, only to store and pass on what had just been received.
 *
 * The received bytes hold at least what the transaction added, so storing or passing them on
 * loses nothing; they are handed on only when the doc changed (as Yjs does), so an update
 * that went round the team stops where it is already known. When the doc already waits for
 * missing parts of earlier updates, this update may complete them, and then only Yjs' own
 * encoding holds them all: that case takes the ordinary path. Changes an observer makes in
 * reaction, and whatever a failed apply changed, are encoded by Yjs as usual.
 */
export function applyReceivedUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
	const listeners = updateListeners(doc);
	if (listeners.length === 0 || hasPending(doc)) {
		Y.applyUpdate(doc, update, origin);
		return;
	}
	const transactions: Y.Transaction[] = [];
	const collect = (transaction: Y.Transaction) => void transactions.push(transaction);
	for (const listener of listeners) doc.off('update', listener);
	doc.on('afterTransaction', collect);
	let applied = false;
	try {
		Y.applyUpdate(doc, update, origin);
		applied = true;
	} finally {
		doc.off('afterTransaction', collect);
		for (const listener of listeners) doc.on('update', listener);
		const emit = (bytes: Uint8Array, transaction: Y.Transaction) => {
			for (const listener of listeners) listener(bytes, transaction.origin, doc, transaction);
		};
		const [own, ...later] = transactions;
		if (applied && own && (changedSomething(own) || hasPending(doc))) emit(update, own);
		const first = (applied ? later : transactions).find(changedSomething);
		if (first) emit(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(first.beforeState)), first);
	}
}
