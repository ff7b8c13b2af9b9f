import type { TableKind } from '../../core/record-kind';
import { readFieldDef } from './field-def-records';
import type { RecordMap } from '../../crdt/workspace-doc';
import type { FieldDefRow } from '../../projection/db';

/** The shop's own customer fields. */
export const fieldDefKind: TableKind<FieldDefRow> = {
	root: 'fieldDefs',
	storage: 'entity',
	read: (id, map) => readFieldDef(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'fieldDefs', schema: 'id, order', version: 1 }
};
