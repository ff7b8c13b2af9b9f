import * as Y from 'yjs';
import { readStored, rootOf, type TableKind } from '../../core/record-kind';
import { readPointsEntry } from '../loyalty/points-entries';
import { isWellFormedEvent } from '../activity/activity-records';
import { readTombstone } from '../activity/event-tombstones';
import type { WorkspaceDoc } from '../../crdt/workspace-doc';

/** How many records of one root the app skips because they cannot be read. */
export interface SkippedRecords {
	root: string;
	skipped: number;
}

/**
 * What of the archive the app leaves out because it is not well-formed (written by another
 * program, a much older or newer app, or anyone with access to the relay), by root; only roots
 * with something skipped. Reading never fails on such a record: it is counted here instead.
 */
export function dataHealth(ws: WorkspaceDoc, kinds: readonly TableKind[]): SkippedRecords[] {
	const counts: SkippedRecords[] = [
		{ root: 'customers', skipped: countWhere(ws.customers, (value) => !(value instanceof Y.Map)) },
		{ root: 'purchases', skipped: countWhere(ws.purchases, (value) => !isWellFormedEvent(value)) },
		{
			root: 'interactions',
			skipped: countWhere(ws.interactions, (value) => !isWellFormedEvent(value))
		},
		{
			root: 'eventTombstones',
			skipped: countWhere(ws.eventTombstones, (value) => readTombstone(value) === null)
		},
		{
			root: 'pointsLedger',
			skipped: countWhere(ws.pointsLedger, (value, id) => readPointsEntry(id, value) === null)
		},
		...kinds.map((kind) => ({
			root: kind.root,
			skipped: countWhere(rootOf(ws.doc, kind), (value, id) => !readStored(kind, id, value))
		}))
	];
	return counts.filter((count) => count.skipped > 0);
}

function countWhere(
	root: Y.Map<unknown>,
	skipped: (value: unknown, id: string) => boolean
): number {
	let count = 0;
	for (const [id, value] of root.entries()) if (skipped(value, id)) count++;
	return count;
}
