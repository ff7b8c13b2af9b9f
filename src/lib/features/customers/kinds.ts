import type { TableKind } from '../../core/record-kind';
import { readChange } from '../activity/activity-records';
import type { ChangeRow } from '../../projection/db';

/** Each customer's field edits, for their history (see field-edit-entries.ts). */
export const changeKind: TableKind<ChangeRow> = {
	root: 'changes',
	storage: 'value',
	read: readChange,
	table: { name: 'changes', schema: 'id, customerId', version: 1 }
};
