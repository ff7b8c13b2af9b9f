import * as Y from 'yjs';
import { readStored, rootOf, type TableKind } from '../../core/record-kind';
import { isDeleted, workspaceDoc, type WorkspaceDoc, entityMaps } from '../../crdt/workspace-doc';
import { checkFileSize } from '../../domain/file-limits';
import {
	isSealedWithPassphrase,
	sealFile,
	SealedFileError,
	unsealFile,
	type SealedFormat
} from './sealed-file';

/**
 * A backup file: the whole workspace (the Y.Doc state) with a format version and a summary,
 * optionally encrypted with a passphrase, in the sealed-file container (see sealed-file.ts).
 */
export const BACKUP_FORMAT: SealedFormat = {
	magic: 'CLIENTBOOK-BACKUP',
	format: 'clientbook-backup',
	version: 1
};
export const BACKUP_EXTENSION = '.clientbook';

export interface BackupSummary {
	createdAt: number;
	customers: number;
	purchases: number;
	interactions: number;
	tasks: number;
	schemaVersion: number;
	/** Well-formed records of each kind that has a label in the summary (see `TableKind`). */
	records?: Record<string, number>;
}

/** Counts what a workspace holds (live customers, events, open and done tasks). */
export function summariseWorkspace(
	ws: WorkspaceDoc,
	createdAt = Date.now(),
	kinds: readonly TableKind[] = []
): BackupSummary {
	let customers = 0;
	for (const map of entityMaps(ws.customers)) if (!isDeleted(map)) customers++;
	const schemaVersion = ws.meta.get('schemaVersion');
	return {
		createdAt,
		customers,
		purchases: ws.purchases.size,
		interactions: ws.interactions.size,
		tasks: ws.tasks.size,
		schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0,
		records: Object.fromEntries(
			kinds.flatMap((kind) => (kind.summary ? [[kind.summary, countWellFormed(ws, kind)]] : []))
		)
	};
}

function countWellFormed(ws: WorkspaceDoc, kind: TableKind): number {
	let count = 0;
	for (const [id, stored] of rootOf(ws.doc, kind).entries()) {
		if (readStored(kind, id, stored)) count++;
	}
	return count;
}

export async function writeBackup(
	ws: WorkspaceDoc,
	options: {
		passphrase?: string;
		iterations?: number;
		now?: number;
		kinds?: readonly TableKind[];
	} = {}
): Promise<{ bytes: Uint8Array; summary: BackupSummary }> {
	const summary = summariseWorkspace(ws, options.now, options.kinds);
	const bytes = await sealFile(BACKUP_FORMAT, summary, Y.encodeStateAsUpdate(ws.doc), options);
	return { bytes, summary };
}

/** Whether the file needs a passphrase to open (throws when it is not a backup at all). */
export function isEncryptedBackup(bytes: Uint8Array): boolean {
	checkFileSize('backup', bytes.length);
	return isSealedWithPassphrase(BACKUP_FORMAT, bytes);
}

export interface OpenedBackup {
	summary: BackupSummary;
	update: Uint8Array;
}

/**
 * Opens a backup: decrypts it when needed and checks that its content really is a workspace
 * (by loading it into a scratch doc), so a damaged file is refused before anything is touched.
 */
export async function openBackup(bytes: Uint8Array, passphrase?: string): Promise<OpenedBackup> {
	checkFileSize('backup', bytes.length);
	const { info, update } = await unsealFile(BACKUP_FORMAT, bytes, passphrase);
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, update);
	} catch {
		throw new SealedFileError('damaged');
	}
	// A truncated update can leave parts pending instead of failing: that is damage too.
	if (scratch.store.pendingStructs || scratch.store.pendingDs) throw new SealedFileError('damaged');
	const stated = (typeof info === 'object' && info !== null ? info : {}) as Partial<BackupSummary>;
	// Counts come from the content itself; only the date is taken from the summary.
	const summary = summariseWorkspace(workspaceDoc(scratch), Number(stated.createdAt) || 0);
	scratch.destroy();
	return { summary, update };
}
