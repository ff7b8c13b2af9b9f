import * as Y from 'yjs';
import { readStored, type RecordKind } from '../../core/record-kind';
import { entityOf, eventOwner, workspaceDoc, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { ERASURES_ROOT, readErasure, type ErasureRow } from './erasure-records';
import { personalRecordsOf } from './personal-records';

/**
 * Erasing a customer for good (see docs/privacy.md). Everything the record kinds declare as
 * theirs is removed from the doc — the customer, the customers merged into them, and every
 * record about them or part of those — and an erasure record is written per customer id, so
 * that data of theirs arriving later (an old device, a sync file, a backup) is removed again.
 * Removing a key is not yet forgetting its bytes: the caller then drops the undo history,
 * garbage-collects the doc and compacts what is stored (`forgetDeleted`, and the worker's own
 * compaction).
 */

export interface ErasureOutcome {
	/** The customer ids erased: the customer and those merged into them. */
	customers: string[];
	/** How many records went, the customers' own included. */
	records: number;
}

export type ErasureRefusal = 'notFound' | 'merged';

export function eraseCustomer(
	ws: WorkspaceDoc,
	kinds: readonly RecordKind[],
	customerId: string,
	stamp: { at: number; by: string; origin: object }
): ErasureOutcome | ErasureRefusal {
	const map = entityOf(ws.customers, customerId);
	if (!map) return 'notFound';
	// A merged customer's data is the customer's they were merged into: erase that one.
	if (typeof map.get('mergedInto') === 'string') return 'merged';
	const found = personalRecordsOf(
		ws,
		kinds,
		(about) => about === customerId || eventOwner(ws, about) === customerId
	);
	const customers = [...(found.get('customers')?.keys() ?? [])];
	if (!customers.includes(customerId)) customers.push(customerId);
	const parentRoots = new Set(
		kinds.flatMap((kind) => (kind.personal.about === 'part' ? [kind.personal.parentRoot] : []))
	);
	const parents: Record<string, string[]> = {};
	for (const root of parentRoots) {
		const ids = found.get(root);
		if (ids && ids.size > 0) parents[root] = [...ids.keys()];
	}
	let records = 0;
	ws.doc.transact(() => {
		for (const [root, ids] of found) {
			const map = ws.doc.getMap<unknown>(root);
			for (const id of ids.keys()) map.delete(id);
			records += ids.size;
		}
		ws.customers.delete(customerId);
		const erasures = ws.doc.getMap<unknown>(ERASURES_ROOT);
		for (const id of customers) erasures.set(id, { at: stamp.at, by: stamp.by, parents });
	}, stamp.origin);
	return { customers, records };
}

/** Every erasure recorded in the doc, by customer id. */
export function erasuresOf(ws: WorkspaceDoc): Map<string, ErasureRow> {
	const erasures = new Map<string, ErasureRow>();
	for (const [id, stored] of ws.doc.getMap<unknown>(ERASURES_ROOT).entries()) {
		const erasure = readErasure(id, stored);
		if (erasure) erasures.set(id, erasure);
	}
	return erasures;
}

/**
 * Removes whatever the doc holds of erased customers: records a colleague wrote offline before
 * the erasure reached them, or that an old device or a file brought back. `only` limits the
 * look to these keys by root (what a transaction changed); without it, every root is read.
 * Returns how many records went.
 */
export function eraseReturned(
	ws: WorkspaceDoc,
	kinds: readonly RecordKind[],
	origin: object,
	only?: ReadonlyMap<string, ReadonlySet<string>>
): number {
	const erasures = erasuresOf(ws);
	if (erasures.size === 0) return 0;
	const erasedParents = new Map<string, Set<string>>();
	for (const erasure of erasures.values()) {
		for (const [root, ids] of Object.entries(erasure.parents)) {
			let set = erasedParents.get(root);
			if (!set) erasedParents.set(root, (set = new Set()));
			for (const id of ids) set.add(id);
		}
	}
	const doomed: [Y.Map<unknown>, string][] = [];
	for (const kind of kinds) {
		const personal = kind.personal;
		if (personal.about !== 'customer' && personal.about !== 'part') continue;
		const root = ws.doc.getMap<unknown>(kind.root);
		const keys = only ? only.get(kind.root) : root.keys();
		if (!keys) continue;
		for (const id of keys) {
			const stored = root.get(id);
			if (stored === undefined) continue;
			if (kind.root === 'customers' && erasures.has(id)) {
				doomed.push([root, id]);
				continue;
			}
			const row = readStored(kind, id, stored);
			if (!row) continue;
			const theirs =
				personal.about === 'customer'
					? erasures.has(personal.customerOf(row))
					: (erasedParents.get(personal.parentRoot)?.has(personal.parentOf(row)) ?? false);
			if (theirs) doomed.push([root, id]);
		}
	}
	if (doomed.length === 0) return 0;
	ws.doc.transact(() => {
		for (const [root, id] of doomed) root.delete(id);
	}, origin);
	return doomed.length;
}

/**
 * Frees the bytes of everything deleted, in memory: Yjs forgets a deleted value's content when
 * the transaction that deleted it ends, unless an undo history keeps it to restore, so the
 * caller clears its undo history first. Deleted keys keep only ids (record ids, customer ids).
 */
export function forgetDeleted(doc: Y.Doc): void {
	Y.tryGc(Y.createDeleteSetFromStructStore(doc.store), doc.store, doc.gcFilter);
}

/**
 * A backup (or any whole archive) without the customers `erasures` names: their records are
 * removed and the erasures written in, so restoring an older backup cannot bring them back.
 * Returns the archive to store and how many erased customers it held.
 */
export function withoutErased(
	update: Uint8Array,
	erasures: ReadonlyMap<string, ErasureRow>,
	kinds: readonly RecordKind[]
): { update: Uint8Array; customers: number } {
	if (erasures.size === 0) return { update, customers: 0 };
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	const ws = workspaceDoc(doc);
	const customers = [...erasures.keys()].filter((id) => ws.customers.has(id)).length;
	const origin = {};
	doc.transact(() => {
		const stored = doc.getMap<unknown>(ERASURES_ROOT);
		for (const [id, erasure] of erasures) {
			if (!stored.has(id))
				stored.set(id, { at: erasure.at, by: erasure.by, parents: erasure.parents });
		}
	}, origin);
	eraseReturned(ws, kinds, origin);
	forgetDeleted(doc);
	// Encoded from a doc of its own: the backup's deleted values were never loaded with content.
	const clean = new Y.Doc();
	Y.applyUpdate(clean, Y.encodeStateAsUpdate(doc));
	return { update: Y.encodeStateAsUpdate(clean), customers };
}

/** Erases each of these customers as `eraseCustomer` does, counting what went and what not. */
export function eraseMany(
	ws: WorkspaceDoc,
	kinds: readonly RecordKind[],
	customerIds: readonly string[],
	stamp: { at: number; by: string; origin: object }
) {
	const done = { erased: 0, records: 0, customers: 0, refused: [] as ErasureRefusal[] };
	for (const customerId of new Set(customerIds)) {
		const outcome = eraseCustomer(ws, kinds, customerId, stamp);
		if (typeof outcome === 'string') {
			done.refused.push(outcome);
			continue;
		}
		done.erased++;
		done.records += outcome.records;
		done.customers += outcome.customers.length;
	}
	return done;
}
