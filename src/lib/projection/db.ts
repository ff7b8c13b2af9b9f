import Dexie, { type Table } from 'dexie';
import type { CustomerRecord } from '../domain/customer';

/** A customer as the UI reads it: the record plus keys derived for sorting and search. */
export interface CustomerRow extends CustomerRecord {
	sortName: string;
	searchText: string;
	phoneDigits: string;
}

/** Where the projection is up to: rebuild when the version or the doc's state vector differs. */
export interface ProjectionState {
	key: string;
	projectorVersion: number;
	stateVector: Uint8Array;
}

/**
 * The queryable projection of the workspace doc. Never written by UI code: only the projector
 * writes here, and everything can be dropped and rebuilt from the doc.
 */
export class ProjectionDb extends Dexie {
	customers!: Table<CustomerRow, string>;
	projectionState!: Table<ProjectionState, string>;

	constructor(name: string) {
		super(name);
		this.version(1).stores({
			customers: 'id, sortName, phoneDigits, *tags, stage, updatedAt',
			projectionState: 'key'
		});
	}
}

export function projectionDbName(workspaceId: string): string {
	return `clientbook-projection-${workspaceId}`;
}
