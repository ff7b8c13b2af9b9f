import * as Y from 'yjs';
import type { WorkspaceDoc } from '../../crdt/workspace-doc';

/**
 * Two devices that run a rule while apart each write its task (and queued greeting) under the
 * same key (the result's id), and when they meet Yjs keeps one of the two. If the one dropped had been done, or the
 * task had been deleted, meanwhile, the other device's open copy would bring it back. This
 * watches colleagues' changes to tasks and settles such a task again, as a change of this
 * device's that is never undone (`origin`).
 */
export function settleResurrectedTasks(ws: WorkspaceDoc, origin: object): () => void {
	const observer = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
		if (transaction.local) return;
		const repairs: (() => void)[] = [];
		for (const [key, change] of event.changes.keys) {
			const current = ws.tasks.get(key);
			if (!(current instanceof Y.Map) || current.get('status') !== 'open') continue;
			// Only an automation's task has a key others can write too (random keys never meet),
			// and only a copy written without knowing ours (no origin) is such a double: an undo
			// or a deliberate re-creation knows what it replaces.
			const sourceId = current.get('sourceId');
			if (typeof sourceId !== 'string' || !key.startsWith(`${sourceId}.`)) continue;
			if (ws.tasks._map.get(key)?.origin !== null) continue;
			if (change.action === 'update' && change.oldValue instanceof Y.Map) {
				const done = keptValue(change.oldValue, 'status') === 'done';
				const doneAt = keptValue(change.oldValue, 'doneAt');
				if (done) {
					repairs.push(() => {
						current.set('status', 'done');
						if (typeof doneAt === 'number') current.set('doneAt', doneAt);
					});
				}
			} else if (change.action === 'add' && deletedBefore(ws.tasks, key, transaction)) {
				repairs.push(() => ws.tasks.delete(key));
			}
		}
		// After this transaction: a change inside an observer would be part of the colleague's.
		if (repairs.length > 0) {
			queueMicrotask(() => ws.doc.transact(() => repairs.forEach((repair) => repair()), origin));
		}
	};
	ws.tasks.observe(observer);
	// A queued greeting is one value: greeted (or dismissed) on one device, it can lose to the
	// other's still-waiting copy; then it is marked done again, as it was.
	const greetings = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
		if (transaction.local) return;
		const repairs: [string, string][] = [];
		for (const [key, change] of event.changes.keys) {
			const now = ws.greetingQueue.get(key);
			if (change.action !== 'update' || typeof change.oldValue !== 'string') continue;
			if (typeof now !== 'string' || isDone(now) || !isDone(change.oldValue)) continue;
			repairs.push([key, change.oldValue]);
		}
		if (repairs.length > 0) {
			queueMicrotask(() =>
				ws.doc.transact(() => {
					for (const [key, value] of repairs) ws.greetingQueue.set(key, value);
				}, origin)
			);
		}
	};
	ws.greetingQueue.observe(greetings);
	return () => {
		ws.tasks.unobserve(observer);
		ws.greetingQueue.unobserve(greetings);
	};
}

function isDone(value: string): boolean {
	try {
		return typeof (JSON.parse(value) as { doneAt?: unknown }).doneAt === 'number';
	} catch {
		return false;
	}
}

/**
 * A field of a map that lost to a colleague's copy in this very transaction: deleted now, its
 * values are still there until the transaction is cleaned up.
 */
function keptValue(map: Y.Map<unknown>, field: string): unknown {
	const item = map._map.get(field);
	return item ? item.content.getContent()[0] : undefined;
}

/** Whether this key held a task that was deleted before this transaction brought a new one. */
function deletedBefore(root: Y.Map<unknown>, key: string, transaction: Y.Transaction): boolean {
	for (let item = root._map.get(key)?.left ?? null; item; item = item.left) {
		// The copies of one key lie side by side; any deleted before this transaction was deleted
		// knowingly, here or by a colleague whose change arrived earlier.
		if (item.deleted && !Y.isDeleted(transaction.deleteSet, item.id)) return true;
	}
	return false;
}
