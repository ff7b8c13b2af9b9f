import { afterEach } from 'vitest';
import type { WorkspaceDoc } from '../../src/lib/crdt/workspace-doc';
import { eventCounts } from '../../src/lib/projection/activity-queries';
import { ProjectionDb } from '../../src/lib/projection/db';
import { rebuildProjection } from '../../src/lib/projection/rebuild';
import { APP_TABLE_KINDS } from '../../src/lib/workspace/record-kinds';

/** Every table the projector writes: the customers', and each table kind's. */
export const PROJECTION_TABLES = [
	'customers',
	...APP_TABLE_KINDS.map((kind) => kind.table.name)
] as const;

/** What a projection holds: every table, and the event counts kept in its state row. */
export const PROJECTION_CONTENTS = [...PROJECTION_TABLES, 'eventCounts'] as const;

/**
 * A factory for throw-away projection databases (fake-indexeddb), deleted after each test.
 * Call it once at the top of a test file.
 */
export function useProjectionDbs(prefix: string): () => ProjectionDb {
	const opened: ProjectionDb[] = [];
	let counter = 0;
	afterEach(async () => {
		for (const db of opened.splice(0)) await db.delete();
	});
	return () => {
		const db = new ProjectionDb(`${prefix}-${counter++}`);
		opened.push(db);
		return db;
	};
}

/** The projection a fresh rebuild of this doc produces, table by table. */
export async function rebuiltRows(ws: WorkspaceDoc, db: ProjectionDb) {
	await rebuildProjection(ws, db);
	return rowsByTable(db);
}

export async function rowsByTable(db: ProjectionDb) {
	const rows: Record<string, unknown[]> = {};
	for (const table of PROJECTION_TABLES) rows[table] = await db.table(table).toArray();
	// The event counts are kept by difference on every write; a rebuild counts them afresh.
	rows.eventCounts = [await eventCounts(db)];
	return rows;
}
