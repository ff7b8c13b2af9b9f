import type { RecordKind } from '../../core/record-kind';
import { readPointsEntry, type StoredPointsEntry } from './points-entries';

/** Points entries, an append-only ledger kept in the doc only (see loyalty-index.ts). */
export const pointsEntryKind: RecordKind<StoredPointsEntry> = {
	root: 'pointsLedger',
	storage: 'value',
	read: readPointsEntry,
	personal: { about: 'customer', customerOf: (entry) => entry.customerId }
};
