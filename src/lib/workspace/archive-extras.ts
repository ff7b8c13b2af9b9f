import * as Y from 'yjs';
import { AUDIT_ROOT } from '../core/audit-action';
import { readStored, rootOf } from '../core/record-kind';
import { stampSchemaVersion, workspaceDoc, type WorkspaceDoc } from '../crdt/workspace-doc';
import { roleKind, type RoleEntry } from '../features/roles/role-entries';

// Kept out of workspace-core.ts, which is the worker's first load (part of the first route's
// budget): each is loaded the first time a screen asks for it.

/**
 * Whether the doc holds any record a team would receive on joining: anything beyond the schema
 * stamp, shop settings (`meta`), member names and the audit log (who did what, not whose data
 * is here). Deleted customers count: they are still in the doc and would be shared.
 */
export function holdsRecords(doc: Y.Doc): boolean {
	for (const [name, type] of doc.share) {
		if (name === 'meta' || name === 'members' || name === AUDIT_ROOT) continue;
		// A root's kind is unknown until someone calls getMap/getArray on it, so its own fields
		// are read: entries of a map-like root (tombstones included), items of a list-like one.
		if (type._length > 0 || type._map.size > 0) return true;
	}
	return false;
}

/** An empty archive holding only this member's name and colour, as an update. */
export function emptyArchiveUpdate(ws: WorkspaceDoc, memberId: string): Uint8Array {
	const fresh = workspaceDoc(new Y.Doc());
	stampSchemaVersion(fresh);
	const profile = ws.members.get(memberId);
	if (profile !== undefined) {
		// A plain value: a deep copy, so nothing of the old doc's types travels with it.
		fresh.doc.transact(() => fresh.members.set(memberId, structuredClone(profile)));
	}
	const update = Y.encodeStateAsUpdate(fresh.doc);
	fresh.doc.destroy();
	return update;
}

/** The team's role decisions as stored; each device checks their signatures (features/roles). */
export function roleEntriesOf(doc: Y.Doc): RoleEntry[] {
	return [...rootOf(doc, roleKind).entries()]
		.map(([id, stored]) => readStored(roleKind, id, stored))
		.filter((entry): entry is RoleEntry => entry !== null);
}
