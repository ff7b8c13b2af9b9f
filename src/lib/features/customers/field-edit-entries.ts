import type { ChangeValue, FieldChange } from './rules/field-changes';

/**
 * A customer's field edit in the history (`changes`), as written since schema v9: one array
 * `[customerId, at, by, [field, from, to], …]` instead of an object with named keys. Every
 * single edit travels to every colleague, and the names were a third of its bytes.
 *
 * The edit no longer stamps `updatedAt`/`updatedBy` on the customer either: the entry already
 * says when and by whom, so "last changed" is the later of the record's own stamp (creation,
 * older edits) and its newest entry (see `latestFieldEdits`).
 */
export type FieldEditEntry = [string, number, string, ...[string, ChangeValue, ChangeValue][]];

export function encodeFieldEdit(
	customerId: string,
	at: number,
	by: string,
	changes: readonly FieldChange[]
): FieldEditEntry {
	const triples = changes.map(({ field, from, to }): [string, ChangeValue, ChangeValue] => [
		field,
		from,
		to
	]);
	return [customerId, at, by, ...triples];
}

export interface FieldEdit {
	customerId: string;
	at: number;
	by: string;
	changes: FieldChange[];
}

function isChangeValue(value: unknown): value is ChangeValue {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * The edit a stored value records, or null when it is not one (an entry in the older object
 * form, or a colleague's garbage): a malformed field change is left out, never thrown on.
 */
export function readFieldEdit(stored: unknown): FieldEdit | null {
	if (!Array.isArray(stored) || stored.length < 3) return null;
	const [customerId, at, by, ...rest] = stored as unknown[];
	if (typeof customerId !== 'string' || customerId === '') return null;
	if (typeof at !== 'number' || !Number.isFinite(at) || typeof by !== 'string') return null;
	const changes: FieldChange[] = [];
	for (const change of rest) {
		if (!Array.isArray(change) || change.length !== 3) continue;
		const [field, from, to] = change as unknown[];
		if (typeof field !== 'string' || !isChangeValue(from) || !isChangeValue(to)) continue;
		changes.push({ field: field as FieldChange['field'], from, to });
	}
	return { customerId, at, by, changes };
}

/** The same entry naming another customer (a merge moves the history to the one kept). */
export function moveFieldEdit(stored: FieldEditEntry, customerId: string): FieldEditEntry {
	const [, at, by, ...changes] = stored;
	return [customerId, at, by, ...changes];
}

/**
 * When each customer's fields were last edited, by the field-edit entries in the history. Read
 * from the values as stored, so that an entry whose customer was merged away counts for the
 * customer it names (the merge re-pointed it).
 */
export function latestFieldEdits(entries: Iterable<unknown>): Map<string, number> {
	const latest = new Map<string, number>();
	for (const stored of entries) {
		const edit = readFieldEdit(stored);
		if (edit && edit.at > (latest.get(edit.customerId) ?? 0)) latest.set(edit.customerId, edit.at);
	}
	return latest;
}
