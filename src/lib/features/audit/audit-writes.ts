import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import type { AuditFacts } from '../../core/audit-action';
import { AUDIT_ROOT } from './audit-entries';
import { deviceLabel } from './rules/device-label';

/** This device as the log names it (a worker reads the same agent string as its page). */
export const thisDevice = (): string => deviceLabel(globalThis.navigator?.userAgent ?? '');

/** Who wrote an entry, and when. */
export interface AuditAuthor {
	at: number;
	by: string;
	device: string;
}

/** An entry as stored: a plain value, so a colleague's device reads it field by field. */
function storedEntry(facts: AuditFacts, author: AuditAuthor): Record<string, unknown> {
	return {
		at: author.at,
		by: author.by,
		device: author.device,
		action: facts.action,
		what: facts.what.slice(0, 60),
		...(facts.rows !== undefined ? { rows: facts.rows } : {})
	};
}

/** Adds one entry to the log, in a transaction of its own (never part of an undo step). */
export function appendAuditEntry(
	doc: Y.Doc,
	facts: AuditFacts,
	author: AuditAuthor,
	origin: object
): void {
	doc.transact(
		() => doc.getMap<unknown>(AUDIT_ROOT).set(nanoid(), storedEntry(facts, author)),
		origin
	);
}

/**
 * An entry as an update of its own, to be merged into an archive that is not open (a backup
 * replacing this one): written by a doc of its own, so it joins whatever the archive holds.
 */
export function auditEntryUpdate(facts: AuditFacts, author: AuditAuthor): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap<unknown>(AUDIT_ROOT).set(nanoid(), storedEntry(facts, author));
	return Y.encodeStateAsUpdate(doc);
}
