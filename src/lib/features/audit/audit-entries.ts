import type * as Y from 'yjs';
import { AUDIT_ROOT, isAuditAction, type AuditAction } from '../../core/audit-action';
import { readStored, type RecordKind } from '../../core/record-kind';
import { isMoment, plainFields, textField } from '../../core/stored-values';

/**
 * The audit log (issue: privacy): one plain value per sensitive action, under a random id, only
 * ever added — the app has no command that changes or removes one. Who (member id), when, on
 * which device, what kind of action and how many rows: never the personal data itself.
 */
export { AUDIT_ROOT };

export interface AuditEntry {
	id: string;
	at: number;
	/** The member (device profile) that did it. */
	by: string;
	/** The device as its browser names it ("Chrome on Android"), not an identifier. */
	device: string;
	action: AuditAction;
	/** The command's or file kind's name: which export, which merge. */
	what: string;
	rows?: number;
}

export function readAuditEntry(id: string, stored: unknown): AuditEntry | null {
	const fields = plainFields(stored);
	if (!fields || !isMoment(fields['at']) || !isAuditAction(fields['action'])) return null;
	const rows = fields['rows'];
	return {
		id,
		at: fields['at'],
		by: textField(fields, 'by', 80),
		device: textField(fields, 'device', 80),
		action: fields['action'],
		what: textField(fields, 'what', 60),
		...(typeof rows === 'number' && Number.isSafeInteger(rows) && rows >= 0 ? { rows } : {})
	};
}

export const auditKind: RecordKind<AuditEntry> = {
	root: AUDIT_ROOT,
	storage: 'value',
	read: readAuditEntry,
	// Who did what, when: the team's data; an entry never names a customer.
	personal: { about: 'team' }
};

/** Every well-formed entry, newest first (what a stranger wrote that is not one is skipped). */
export function auditEntriesOf(doc: Y.Doc): AuditEntry[] {
	const entries: AuditEntry[] = [];
	for (const [id, stored] of doc.getMap<unknown>(AUDIT_ROOT).entries()) {
		const entry = readStored(auditKind, id, stored);
		if (entry) entries.push(entry);
	}
	return entries.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
}
