import type { RecordKind } from '../../core/record-kind';
import {
	readInteraction,
	readPurchase,
	type InteractionRecord,
	type PurchaseRecord
} from './activity-records';
import { readTombstone, type EventTombstone } from './event-tombstones';
import { decodeEventValue } from './event-values';

/**
 * Purchases, interactions and the tombstones of deleted ones: kept in the doc only (the worker
 * reads them there, see EventIndex), declared here for what reads every kind, such as a
 * customer's own copy of their data.
 */
export const purchaseKind: RecordKind<PurchaseRecord> = {
	root: 'purchases',
	storage: 'value',
	read: readPurchase,
	personal: { about: 'customer', customerOf: (purchase) => purchase.customerId }
};

export const interactionKind: RecordKind<InteractionRecord> = {
	root: 'interactions',
	storage: 'value',
	read: readInteraction,
	personal: { about: 'customer', customerOf: (interaction) => interaction.customerId }
};

export interface TombstoneRow extends EventTombstone {
	id: string;
	/** The customer of the deleted record, read from the record it keeps ('' when unreadable). */
	customerId: string;
}

export function readTombstoneRow(id: string, stored: unknown): TombstoneRow | null {
	const tombstone = readTombstone(stored);
	if (!tombstone) return null;
	const customerId = decodeEventValue(tombstone.record)?.customerId;
	return { ...tombstone, id, customerId: typeof customerId === 'string' ? customerId : '' };
}

export const tombstoneKind: RecordKind<TombstoneRow> = {
	root: 'eventTombstones',
	storage: 'value',
	read: readTombstoneRow,
	personal: { about: 'customer', customerOf: (tombstone) => tombstone.customerId }
};
