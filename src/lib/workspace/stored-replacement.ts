/**
 * Replacing the stored archive (a backup restored in place of it) without a moment where it is
 * neither: the replacement is first written to a database of its own and read back, then takes
 * the place of every stored record in one transaction, which commits whole or not at all. A
 * full disk, a closed database or a crash on the way leaves the current archive as it was.
 */

const UPDATES = 'updates';

/** The database a replacement is written to and checked in before it takes the archive's place. */
export const stagingName = (docDbName: string) => `${docDbName}-replacing`;

export class ArchiveUnchangedError extends Error {
	constructor(readonly reason: unknown) {
		super(reason instanceof Error ? reason.message : String(reason));
		this.name = 'ArchiveUnchangedError';
	}
}

/**
 * Makes `update` the whole of the archive stored in `db` (a y-indexeddb database). Throws an
 * ArchiveUnchangedError when it could not, the stored archive then being untouched.
 */
export async function replaceStoredArchive(
	db: IDBDatabase,
	docDbName: string,
	update: Uint8Array
): Promise<void> {
	const staging = stagingName(docDbName);
	try {
		await deleteDatabase(staging);
		const beside = await openStaging(staging);
		try {
			await committed(writeOnly(beside, [update]));
			assertHolds(await readUpdates(beside), update);
		} finally {
			beside.close();
		}
		await committed(writeOnly(db, [update]));
	} catch (error) {
		await deleteDatabase(staging).catch(() => undefined);
		throw new ArchiveUnchangedError(error);
	}
	await deleteDatabase(staging).catch(() => undefined);
	assertHolds(await readUpdates(db), update);
}

/** A transaction that leaves `updates` as the only records of the store. */
function writeOnly(db: IDBDatabase, updates: Uint8Array[]): IDBTransaction {
	const transaction = db.transaction(UPDATES, 'readwrite');
	try {
		const store = transaction.objectStore(UPDATES);
		store.clear();
		for (const update of updates) store.add(update);
	} catch (error) {
		// Left alone, the transaction would commit the clear without what was to replace it.
		transaction.abort();
		throw error;
	}
	return transaction;
}

async function readUpdates(db: IDBDatabase): Promise<Uint8Array[]> {
	const transaction = db.transaction(UPDATES, 'readonly');
	const request = transaction.objectStore(UPDATES).getAll();
	await committed(transaction);
	return request.result as Uint8Array[];
}

/**
 * Throws unless the record written is among those read back (another tab may have stored an
 * update of its own since, which the next open applies on top).
 */
function assertHolds(records: Uint8Array[], written: Uint8Array): void {
	const same = (record: Uint8Array) =>
		record.length === written.length && record.every((byte, i) => byte === written[i]);
	if (!records.some(same)) throw new Error('the restored archive could not be read back');
}

function openStaging(name: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(name, 1);
		request.onupgradeneeded = () =>
			request.result.createObjectStore(UPDATES, { autoIncrement: true });
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
		request.onblocked = () => reject(new Error('another tab holds the restore’s database open'));
	});
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
		request.onblocked = () => resolve();
	});
}

function committed(transaction: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		transaction.oncomplete = () => resolve();
		transaction.onabort = () =>
			reject(transaction.error ?? new DOMException('The write was aborted', 'AbortError'));
	});
}
