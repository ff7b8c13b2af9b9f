import { decodeEventValue, encodeEventValue, type EventValue } from './event-values';
import type { WorkspaceDoc } from '../../crdt/workspace-doc';

/**
 * Deleted purchases and interactions (schema v8).
 *
 * Deleting an event removes its key from `purchases`/`interactions`, which is what every older
 * app understands as deleted, and writes a tombstone under the same id in `eventTombstones`:
 * what the record was, and who deleted it when. An event is live while its key is in its root
 * and it has no tombstone. So:
 *
 * - an edit made concurrently with the delete on another device wins the key (a set beats a
 *   concurrent delete in Yjs) but the tombstone keeps the event deleted: deletion wins, as for
 *   customers; restoring then brings back the edited version, so the edit is not lost;
 * - restoring deletes the tombstone and, if the key is absent, puts the tombstone's record back
 *   under the same id.
 *
 * Version 7 wrote `deletedAt`/`deletedBy` into the record itself; readers still take such a
 * record as deleted (see activity-records.ts). Anything else in this root is skipped.
 */

export type EventRoot = 'purchases' | 'interactions';
export type TombstoneKind = 'purchase' | 'interaction';

export const TOMBSTONE_KIND: Readonly<Record<EventRoot, TombstoneKind>> = {
	purchases: 'purchase',
	interactions: 'interaction'
};

export const ROOT_OF_KIND: Readonly<Record<TombstoneKind, EventRoot>> = {
	purchase: 'purchases',
	interaction: 'interactions'
};

export interface EventTombstone {
	kind: TombstoneKind;
	/** The record as it was when deleted: JSON text, unparsed (or whatever another client put). */
	record: unknown;
	deletedAt: number;
	deletedBy: string;
}

/**
 * A valid tombstone, or null. Checks the shape only (no parse of the record), so it is cheap
 * enough for every event of a rebuild; a value of any other shape is no tombstone.
 */
export function readTombstone(value: unknown): EventTombstone | null {
	if (value === undefined) return null;
	const tombstone = decodeEventValue(value);
	if (!tombstone) return null;
	const { kind, deletedAt, deletedBy } = tombstone;
	if (kind !== 'purchase' && kind !== 'interaction') return null;
	if (typeof deletedAt !== 'number' || !Number.isFinite(deletedAt)) return null;
	return {
		kind,
		record: tombstone.record,
		deletedAt,
		deletedBy: typeof deletedBy === 'string' ? deletedBy : ''
	};
}

/** The tombstone of this event of this root, or null. */
export function tombstoneOf(ws: WorkspaceDoc, root: EventRoot, id: string): EventTombstone | null {
	const tombstone = readTombstone(ws.eventTombstones.get(id));
	return tombstone && tombstone.kind === TOMBSTONE_KIND[root] ? tombstone : null;
}

/** The value stored for a live event (undefined when its key is absent or it is tombstoned). */
export function liveEventValue(ws: WorkspaceDoc, root: EventRoot, id: string): unknown {
	const stored = ws[root].get(id);
	return stored !== undefined && tombstoneOf(ws, root, id) ? undefined : stored;
}

/** Every tombstoned id, by root: read once for a pass over all events. */
export function tombstonedIds(ws: WorkspaceDoc): Record<EventRoot, Set<string>> {
	const ids: Record<EventRoot, Set<string>> = { purchases: new Set(), interactions: new Set() };
	for (const [id, value] of ws.eventTombstones.entries()) {
		const tombstone = readTombstone(value);
		if (tombstone) ids[ROOT_OF_KIND[tombstone.kind]].add(id);
	}
	return ids;
}

/** The tombstone written when an event is deleted. */
export function newTombstone(
	root: EventRoot,
	stored: unknown,
	record: EventValue,
	deletedAt: number,
	deletedBy: string
): EventValue {
	return {
		kind: TOMBSTONE_KIND[root],
		record: typeof stored === 'string' ? stored : encodeEventValue(record),
		deletedAt,
		deletedBy
	};
}

/** The customer a tombstone's record names, or null (the record is parsed). */
export function tombstoneCustomerId(value: unknown): string | null {
	const customerId = decodeEventValue(readTombstone(value)?.record)?.customerId;
	return typeof customerId === 'string' ? customerId : null;
}
