import { isRecentlyDeleted } from '../activity/rules/event-changes';
import { REMOVED_WITH_DEMO } from '../../crdt/stamps';
import { entitiesOf, num, str, type WorkspaceDoc } from '../../crdt/workspace-doc';

/** A reader for "Recently deleted": kept apart from the commands that delete and restore. */
export interface DeletedCustomer {
	id: string;
	name: string;
	phone: string;
	deletedAt: number;
	/** The member who deleted them. */
	deletedBy: string;
}

/**
 * Customers deleted in the last 30 days (not merged ones), latest first. Older ones stay
 * deleted in the doc but are no longer offered.
 */
export function recentlyDeletedCustomers(ws: WorkspaceDoc, now: number): DeletedCustomer[] {
	const found: DeletedCustomer[] = [];
	for (const [id, map] of entitiesOf(ws.customers)) {
		const deletedAt = map.get('deletedAt');
		if (typeof deletedAt !== 'number' || map.has('mergedInto')) continue;
		// "Remove the demo data" deletes ~300 made-up customers at once; listing them would bury
		// the shop's own. Their Undo is in the removal's notice.
		if (map.get(REMOVED_WITH_DEMO) === true) continue;
		if (!isRecentlyDeleted(deletedAt, now)) continue;
		found.push({
			id,
			name: str(map, 'name'),
			phone: str(map, 'phone'),
			deletedAt: num(map, 'deletedAt'),
			deletedBy: str(map, 'deletedBy')
		});
	}
	return found.sort((a, b) => b.deletedAt - a.deletedAt || (a.id < b.id ? -1 : 1));
}
