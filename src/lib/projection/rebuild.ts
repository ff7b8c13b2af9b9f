/** The whole projection made again from the doc, and which stored tables need that. */
import * as Y from 'yjs';
import { readEventMoment, readPurchaseFigures } from '../features/activity/activity-records';
import { tombstonedIds } from '../features/activity/event-tombstones';
import { latestFieldEdits } from '../features/customers/field-edit-entries';
import {
	customerMergedInto,
	isDeleted,
	readCustomer,
	resolveCustomerId,
	type WorkspaceDoc,
	entityMaps,
	entitiesOf
} from '../crdt/workspace-doc';
import type { CustomerRecord } from '../features/customers/rules/customer';
import { EMPTY_METRICS } from '../features/customers/rules/customer-metrics';
import { countEvents, groupActivity, type ActivityRow, type EventCounts } from './activity-rows';
import { metricsFromRows } from './event-rows';
import {
	PROJECTION_STATE_KEY,
	type CustomerRow,
	type ProjectionDb,
	type ProjectionState
} from './db';
import { readStored, rootOf, type TableKind } from '../core/record-kind';
import { APP_TABLE_KINDS } from '../workspace/record-kinds';
import { projectionTables, putAsProduced, putInChunks, tableOf } from './row-writes';

/**
 * Row builders carry the pinyin dictionary (about 140 KB gzip). They load the first time a row
 * has to be computed, so a cold start with an up-to-date projection never downloads them.
 */
let rowBuilders: Promise<typeof import('./customer-row')> | null = null;

export const loadRowBuilders = () => (rowBuilders ??= import('./customer-row'));

/**
 * Bump when rows, indexes or derived keys change: every device then rebuilds its projection.
 * 13: usual intervals count calendar days, and phone digits leave out an extension.
 * 14: tombstoned events (v8) are not counted, and an event counts for the customer its
 * customer was merged into.
 * 15: field edits in the compact form (v9) are read, and a customer's updatedAt is its newest.
 * 16: the usual interval is between purchase days: two purchases on one day no longer make it 1.
 */
export const PROJECTOR_VERSION = 16;

const COMPUTE_CHUNK = 500;

export interface RebuildProgress {
	done: number;
	total: number;
}

type RowBuilders = Awaited<ReturnType<typeof loadRowBuilders>>;

/**
 * Every customer's events, for their metrics: read once, never stored (see EventIndex). Events
 * with a tombstone are left out, and each counts for the customer its customer was merged into.
 */
function groupAllEvents(ws: WorkspaceDoc): ActivityRow[] {
	const tombstoned = tombstonedIds(ws);
	const mergedInto = new Map<string, string>();
	for (const id of ws.customers.keys()) {
		const into = customerMergedInto(ws, id);
		if (into !== undefined) mergedInto.set(id, into);
	}
	const owner = (customerId: string) =>
		mergedInto.size === 0 ? customerId : resolveCustomerId(customerId, (id) => mergedInto.get(id));
	return groupActivity(
		liveEvents(ws.purchases, tombstoned.purchases, owner, readPurchaseFigures),
		liveEvents(ws.interactions, tombstoned.interactions, owner, readEventMoment)
	);
}

function* liveEvents<T extends { customerId: string }>(
	events: Y.Map<unknown>,
	tombstoned: ReadonlySet<string>,
	owner: (customerId: string) => string,
	read: (id: string, stored: unknown) => T | null
): Generator<T> {
	for (const [id, stored] of events.entries()) {
		if (tombstoned.size > 0 && tombstoned.has(id)) continue;
		const event = read(id, stored);
		if (!event) continue;
		event.customerId = owner(event.customerId);
		yield event;
	}
}

/** Every well-formed record of a kind as its row (see `TableKind`). */
export function rowsOfKind(ws: WorkspaceDoc, kind: TableKind): object[] {
	const rows: object[] = [];
	for (const [id, stored] of rootOf(ws.doc, kind).entries()) {
		const row = readStored(kind, id, stored);
		if (row) rows.push(row);
	}
	return rows;
}

/** The live customers' rows, computed a chunk at a time as the writer asks for the next. */
function* customerRowChunks(
	ws: WorkspaceDoc,
	activity: readonly ActivityRow[],
	builders: RowBuilders,
	onComputed: (customers: number) => void
): Generator<CustomerRow[]> {
	const { toCustomerRow } = builders;
	const activityOf = new Map(activity.map((row) => [row.customerId, row]));
	const lastEdits = latestFieldEdits(ws.changes.values());
	const entries = [...entitiesOf(ws.customers)];
	for (let start = 0; start < entries.length; start += COMPUTE_CHUNK) {
		const chunk = entries.slice(start, start + COMPUTE_CHUNK);
		const rows: CustomerRow[] = [];
		for (const [id, map] of chunk) {
			if (isDeleted(map)) continue;
			const events = activityOf.get(id);
			const metrics = events
				? metricsFromRows(events.purchases, events.interactions)
				: EMPTY_METRICS;
			rows.push(toCustomerRow(lastChanged(readCustomer(id, map), lastEdits), metrics));
		}
		onComputed(chunk.length);
		yield rows;
	}
}

/**
 * The record with `updatedAt` as the shop reads it: its own stamp (creation, or an edit before
 * v9) or its newest field edit in the history, whichever is later (see field-edit-entries.ts).
 */
export function lastChanged(record: CustomerRecord, lastEdits: ReadonlyMap<string, number>) {
	const edited = lastEdits.get(record.id);
	return edited !== undefined && edited > record.updatedAt
		? { ...record, updatedAt: edited }
		: record;
}

/**
 * Recreates every projection row from the doc, then writes them in one Dexie transaction so
 * readers never see a half-built projection. Resolves with the event counts it stored.
 */
export async function rebuildProjection(
	ws: WorkspaceDoc,
	db: ProjectionDb,
	onProgress?: (progress: RebuildProgress) => void,
	kinds: readonly TableKind[] = APP_TABLE_KINDS
): Promise<EventCounts> {
	// Marked so the benchmark (and the browser's performance panel) can see what a rebuild costs.
	const started = performance.now();
	const stateVector = Y.encodeStateVector(ws.doc);
	const builders = await loadRowBuilders();
	const activity = groupAllEvents(ws);
	const rows = kinds.map((kind) => rowsOfKind(ws, kind));
	let liveCustomers = 0;
	for (const map of entityMaps(ws.customers)) if (!isDeleted(map)) liveCustomers++;
	// Progress counts customers computed, then rows written: writing is the long part.
	const total =
		ws.customers.size + liveCustomers + rows.reduce((sum, list) => sum + list.length, 0);
	let done = 0;
	const advance = (count: number) => {
		done += count;
		onProgress?.({ done, total });
	};
	const wrote = (chunk: unknown[]) => advance(chunk.length);
	const counts = countEvents(activity);
	await db.transaction('rw', projectionTables(db, kinds), async () => {
		await Promise.all([db.customers.clear(), ...kinds.map((kind) => tableOf(db, kind).clear())]);
		await putAsProduced(db.customers, customerRowChunks(ws, activity, builders, advance), wrote);
		for (const [i, kind] of kinds.entries()) await putInChunks(tableOf(db, kind), rows[i]!, wrote);
		const versions = Object.fromEntries(kinds.map((kind) => [kind.table.name, kind.table.version]));
		await db.projectionState.put(projectionState(stateVector, counts, versions));
	});
	performance.measure('clientbook:rebuild', { start: started, end: performance.now() });
	return counts;
}

export function projectionState(
	stateVector: Uint8Array,
	counts: { purchases: number; interactions: number },
	tableVersions: Record<string, number>
): ProjectionState {
	return {
		key: PROJECTION_STATE_KEY,
		projectorVersion: PROJECTOR_VERSION,
		stateVector,
		purchaseCount: counts.purchases,
		interactionCount: counts.interactions,
		tableVersions
	};
}

/** The tables every projection from before per-table versions (2026-12) holds, at version 1. */
const LEGACY_TABLES = new Set([
	'tasks',
	'fieldDefs',
	'tagColors',
	'changes',
	'products',
	'members'
]);

/** The table kinds whose rows were made by another version of their reader than `kinds`'. */
export function staleKinds(state: ProjectionState, kinds: readonly TableKind[]): TableKind[] {
	// Projections from before per-table versions hold every table then known at its first
	// version; a table they do not name is new (or was never filled) and is built.
	const versions = state.tableVersions;
	return kinds.filter((kind) => {
		const stored = versions
			? versions[kind.table.name]
			: LEGACY_TABLES.has(kind.table.name)
				? 1
				: undefined;
		return stored !== kind.table.version;
	});
}
