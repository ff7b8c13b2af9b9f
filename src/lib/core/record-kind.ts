import * as Y from 'yjs';

/**
 * Whose data a kind of record holds. A customer's own copy of their data, and erasing it, find
 * that customer's records through these declarations rather than lists of their own, so a kind
 * added later is in both the day it lands.
 * - `customer`: each record is about one customer, the one `customerOf` names ('' for none);
 *   readers follow merges from there.
 * - `part`: each record belongs to a record of another root (a deal's moves, a complaint's
 *   steps), the one `parentOf` names, and goes wherever that record goes.
 * - `shop`: the shop's own settings, catalogue and rules: nobody's personal data.
 * - `team`: how colleagues are shown (names, colours): the team's data, not a customer's.
 */
export type PersonalData<Row> =
	| {
			about: 'customer';
			customerOf(row: Row): string;
			/** Fields that are the shop's secrets, not the customer's data: never in their copy. */
			withheld?: readonly string[];
	  }
	| { about: 'part'; parentRoot: string; parentOf(row: Row): string }
	| { about: 'shop' }
	| { about: 'team' };

/** One kind of record kept in the doc, read one record at a time and declared once. */
export interface RecordKind<Row extends object = object> {
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
	personal: PersonalData<Row>;
}

/**
 * A kind of record also projected into a table of its own: the projector, the rebuild, the undo
 * history, the backup summary and the tests that compare projections all go through these
 * descriptions rather than lists of their own.
 */
export interface TableKind<Row extends object = object> extends RecordKind<Row> {
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
	kind: RecordKind<Row>,
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

export function rootOf(doc: Y.Doc, kind: RecordKind): Y.Map<unknown> {
	return doc.getMap<unknown>(kind.root);
}
