import * as Y from 'yjs';
import type { WorkspaceDoc } from './workspace-doc';

/**
 * Undo/redo of this member's own changes only: remote and tab-sync updates carry other origins
 * and are never undone here. Each command is one transaction and one undo step.
 */
export function createUndoManager(ws: WorkspaceDoc, localOrigin: object): Y.UndoManager {
	return new Y.UndoManager(
		[
			ws.customers,
			ws.purchases,
			ws.interactions,
			ws.tasks,
			ws.fieldDefs,
			ws.tagColors,
			ws.changes,
			ws.products,
			ws.eventTombstones,
			ws.pointsLedger,
			ws.couponCodes,
			ws.couponRedemptions,
			ws.greetingQueue
		],
		{
			trackedOrigins: new Set([localOrigin]),
			captureTimeout: 0
		}
	);
}
