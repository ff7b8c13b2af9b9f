import type { RecordKind, TableKind } from '../../core/record-kind';
import { readCustomer, type RecordMap } from '../../crdt/workspace-doc';
import type { CustomerRecord } from './rules/customer';
import { readChange } from '../activity/activity-records';
import type { ChangeRow } from '../../projection/db';

/** Each customer's field edits, for their history (see field-edit-entries.ts). */
export const changeKind: TableKind<ChangeRow> = {
	root: 'changes',
	storage: 'value',
	read: readChange,
	personal: { about: 'customer', customerOf: (change) => change.customerId },
	table: { name: 'changes', schema: 'id, customerId', version: 1 }
};

/**
 * Customers themselves. Their rows carry metrics from their events, so the projector writes
 * them itself rather than through a table kind; this declaration serves what reads every kind.
 */
export const customerKind: RecordKind<CustomerRecord> = {
	root: 'customers',
	storage: 'entity',
	read: (id, map) => readCustomer(id, map as RecordMap),
	personal: { about: 'customer', customerOf: (customer) => customer.id }
};
