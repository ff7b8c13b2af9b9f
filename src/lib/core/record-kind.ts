import * as Y from 'yjs';

/**
 * One kind of record kept in the doc and projected into a table of its own, described once:
 * the projector, the rebuild, the undo history, the backup summary and the tests that compare
 * projections all go through these descriptions rather than lists of their own.
 */
export interface TableKind<Row extends object = object> {
	/** The doc root holding this kind's records, by id. */
	root: string;
	/** Each record is a nested Y.Map of fields (`entity`), or one plain value (`value`). */
	storage: 'entity' | 'value';
	/**
	 * The record as its row, or null when there is none or it is not well-formed (from an old
	 * device, another program, a stranger on the relay): then it is skipped and counted, never
	 * thrown on. Entity records arrive as their Y.Map (see `readStored`).
	 */
	read(id: string, stored: unknown): Row | null;
	table: {
		name: string;
		/** Dexie's index list, the primary key first (the record's id, or what `read` keys it by). */
		schema: string;
		/** Raised when this kind's rows change shape: that table alone is rebuilt. */
		version: number;
	};
	/** Its label in the backup summary; left out when it is not worth counting there. */
	summary?: string;
}

/** Reads a record of `kind`, guarding its storage: an entity that is not a Y.Map is no record. */
export function readStored<Row extends object>(
	kind: TableKind<Row>,
	id: string,
	stored: unknown
): Row | null {
	if (stored === undefined) return null;
	if (kind.storage === 'entity' && !(stored instanceof Y.Map)) return null;
	try {
		return kind.read(id, stored);
	} catch {
		// A reader must not throw; if one does on a value nobody foresaw, the record is skipped.
		return null;
	}
}

export function rootOf(doc: Y.Doc, kind: TableKind): Y.Map<unknown> {
	return doc.getMap<unknown>(kind.root);
}
