import * as Y from 'yjs';
import type { WorkspaceDoc } from './workspace-doc';

/**
 * Applies an update from outside (a colleague's sync file) and says how many customers it
 * added or changed, counted from the doc's own change events: an update already applied
 * reports 0, whatever the file's size.
 */
export function applyCountingCustomers(
	ws: WorkspaceDoc,
	update: Uint8Array,
	origin: object
): number {
	const touched = new Set<string>();
	const collect = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		for (const event of events) {
			if (event.target === ws.customers) {
				for (const key of event.keys.keys()) touched.add(key);
			} else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
		}
	};
	ws.customers.observeDeep(collect);
	try {
		Y.applyUpdate(ws.doc, update, origin);
	} finally {
		ws.customers.unobserveDeep(collect);
	}
	return touched.size;
}
