import { readStored, type RecordKind } from '../../core/record-kind';
import type { WorkspaceDoc } from '../../crdt/workspace-doc';

/** By root, by id: the records found, as their kinds read them. */
export type FoundRecords = Map<string, Map<string, object>>;

/**
 * Every record the kinds declare as belonging to the customers `isTheirs` accepts: records
 * about them (the `customers` root's own included), then records that are part of those.
 * Reads every root once; a kind added later is found without a change here.
 */
export function personalRecordsOf(
	ws: WorkspaceDoc,
	kinds: readonly RecordKind[],
	isTheirs: (customerId: string) => boolean
): FoundRecords {
	const found: FoundRecords = new Map();
	const keep = (root: string, id: string, row: object) => {
		let ids = found.get(root);
		if (!ids) found.set(root, (ids = new Map()));
		ids.set(id, row);
	};
	for (const kind of kinds) {
		const personal = kind.personal;
		if (personal.about !== 'customer') continue;
		for (const [id, stored] of ws.doc.getMap<unknown>(kind.root).entries()) {
			const row = readStored(kind, id, stored);
			if (!row) continue;
			const about = personal.customerOf(row);
			if (about && isTheirs(about)) keep(kind.root, id, row);
		}
	}
	for (const kind of kinds) {
		const personal = kind.personal;
		if (personal.about !== 'part') continue;
		const parents = found.get(personal.parentRoot);
		if (!parents) continue;
		for (const [id, stored] of ws.doc.getMap<unknown>(kind.root).entries()) {
			const row = readStored(kind, id, stored);
			if (row && parents.has(personal.parentOf(row))) keep(kind.root, id, row);
		}
	}
	return found;
}
