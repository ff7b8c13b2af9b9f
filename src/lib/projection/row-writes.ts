/** Writing projection rows: in chunks, a few writes in flight, and the tables a write spans. */
import type { Table } from 'dexie';
import { type ProjectionDb } from './db';
import { type TableKind } from '../core/record-kind';

const WRITE_CHUNK = 1000;

/** Writes rows a chunk at a time, the next chunks handed over while those before are written. */
export function putInChunks<T>(
	table: { bulkPut(rows: T[]): Promise<unknown> },
	rows: T[],
	onChunk?: (written: T[]) => void
): Promise<void> {
	return putAsProduced(table, inChunks(rows, WRITE_CHUNK), onChunk);
}

/**
 * How many chunks a rebuild may have handed to IndexedDB and not yet seen written. One write
 * behind, the worker waited for each write before computing the next chunk: at 20,000 customers
 * after a first sync it sat idle about a second of a 3.1–3.5 s customers' write, and the list
 * showed that much later (see docs/performance.md, 2026-12-06).
 */
const WRITES_IN_FLIGHT = 4;

/**
 * Writes chunks as they are produced, a few writes behind: the next chunks are produced (their
 * rows computed, then copied into the request) while the storage process writes those before,
 * so in a rebuild the worker's share and IndexedDB's share overlap instead of taking turns.
 * Only Dexie's promises are awaited, so the transaction stays open; each await also lets the
 * worker answer messages.
 */
export async function putAsProduced<T>(
	table: { bulkPut(rows: T[]): Promise<unknown> },
	chunks: Iterable<T[]>,
	onChunk?: (written: T[]) => void
): Promise<void> {
	const writing: Promise<void>[] = [];
	for (const chunk of chunks) {
		const write = table.bulkPut(chunk).then(() => onChunk?.(chunk));
		// Awaited in turn below; a failure aborts the transaction, and the first awaited reports it.
		write.catch(() => undefined);
		writing.push(write);
		if (writing.length > WRITES_IN_FLIGHT) await writing.shift();
	}
	for (const write of writing) await write;
}

function* inChunks<T>(rows: readonly T[], size: number): Generator<T[]> {
	for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

export function projectionTables(db: ProjectionDb, kinds: readonly TableKind[]) {
	return [db.customers, ...kinds.map((kind) => tableOf(db, kind)), db.projectionState];
}

/** A kind's table in the projection (declared to Dexie in db.ts, or for a test's own kinds). */
export function tableOf(db: ProjectionDb, kind: TableKind): Table<object, string> {
	return db.table(kind.table.name);
}

export function splitRows<T>(ids: string[], read: (id: string) => T | null) {
	const upserts: T[] = [];
	const removals: string[] = [];
	for (const id of ids) {
		const row = read(id);
		if (row) upserts.push(row);
		else removals.push(id);
	}
	return { upserts, removals };
}

export async function writeRows<T>(
	table: { bulkPut(rows: T[]): Promise<unknown>; bulkDelete(ids: string[]): Promise<void> },
	rows: { upserts: T[]; removals: string[] }
) {
	if (rows.removals.length > 0) await table.bulkDelete(rows.removals);
	await putInChunks(table, rows.upserts);
}
