import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { COMPACT_AFTER, DurablePersistence } from '../../src/lib/workspace/durable-persistence';

let counter = 0;
const newName = () => `durable-test-${counter++}`;
const opened: IndexeddbPersistence[] = [];

afterEach(async () => {
	vi.restoreAllMocks();
	for (const persistence of opened.splice(0)) await persistence.clearData();
});

async function openDurable(name: string, events = {}) {
	const doc = new Y.Doc();
	const persistence = new DurablePersistence(name, doc, events);
	opened.push(persistence);
	await persistence.whenSynced;
	persistence.storeUpdates(true);
	return { doc, persistence };
}

/** What a fresh start reads back from storage. */
async function readBack(name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const reader = new IndexeddbPersistence(name, doc);
	await reader.whenSynced;
	await reader.destroy();
	return doc;
}

async function storedRecords(persistence: IndexeddbPersistence): Promise<number> {
	const db = await persistence._db;
	return new Promise((resolve, reject) => {
		const request = db.transaction('updates', 'readonly').objectStore('updates').count();
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/** Makes every write to the updates store fail as a full disk does, until the returned undo. */
function fillTheDisk(): () => void {
	const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function () {
		throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
	});
	return () => add.mockRestore();
}

describe('DurablePersistence', () => {
	it('confirms each change once it is stored, and a fresh start reads it back', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		doc.getMap('customers').set('a', 'Ann');
		expect(persistence.unstored).toBe(1);
		expect(await persistence.confirmed()).toBeNull();
		expect(persistence.unstored).toBe(0);
		expect((await readBack(name)).getMap('customers').get('a')).toBe('Ann');
	});

	it('keeps refused changes, says so, and stores them all once space is back', async () => {
		const name = newName();
		const onFailure = vi.fn();
		const onRecovered = vi.fn();
		const { doc, persistence } = await openDurable(name, { onFailure, onRecovered });
		const customers = doc.getMap('customers');
		customers.set('before', 1);
		expect(await persistence.confirmed()).toBeNull();

		const freeSpace = fillTheDisk();
		customers.set('during', 2);
		const refusal = await persistence.confirmed();
		expect(refusal).toBeInstanceOf(DOMException);
		expect((refusal as DOMException).name).toBe('QuotaExceededError');
		expect(onFailure).toHaveBeenCalledTimes(1);
		// A later change of this device depends on the refused one: it waits behind it.
		customers.set('later', 3);
		expect(await persistence.confirmed()).not.toBeNull();
		expect(persistence.unstored).toBe(2);

		freeSpace();
		expect(await persistence.retryNow()).toBeNull();
		expect(onRecovered).toHaveBeenCalledTimes(1);
		customers.set('after', 4);
		expect(await persistence.confirmed()).toBeNull();
		const stored = (await readBack(name)).getMap('customers').toJSON();
		expect(stored).toEqual({ before: 1, during: 2, later: 3, after: 4 });
	});

	it('says when everything is stored only once storage has taken the refused changes', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		await expect(persistence.whenStored()).resolves.toBeUndefined();
		const freeSpace = fillTheDisk();
		doc.getMap('customers').set('during', 1);
		let stored = false;
		const whenStored = persistence.whenStored().then(() => (stored = true));
		expect(await persistence.confirmed()).not.toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(stored).toBe(false);
		freeSpace();
		await persistence.retryNow();
		await whenStored;
		expect(stored).toBe(true);
	});

	it('tries refused changes again by itself', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			const name = newName();
			const { doc, persistence } = await openDurable(name);
			const freeSpace = fillTheDisk();
			doc.getMap('customers').set('during', 1);
			expect(await persistence.confirmed()).not.toBeNull();
			freeSpace();
			await vi.advanceTimersByTimeAsync(1_000);
			expect(await persistence.confirmed()).toBeNull();
			expect((await readBack(name)).getMap('customers').get('during')).toBe(1);
		} finally {
			vi.useRealTimers();
		}
	});

	it('compacts the store after many writes, losing nothing written meanwhile by it or another tab', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		const customers = doc.getMap('customers');
		for (let i = 0; i < COMPACT_AFTER; i++) {
			customers.set(`c${i}`, i);
			expect(await persistence.confirmed()).toBeNull();
		}
		// Before the compaction runs: this tab edits again, and another tab stores an update.
		customers.set('during', 'this tab');
		const otherTab = new Y.Doc();
		otherTab.getMap('customers').set('other', 'another tab');
		const other = new IndexeddbPersistence(name, otherTab);
		await other.whenSynced;
		otherTab.getMap('customers').set('other later', 'another tab');
		await new Promise((resolve) => setTimeout(resolve, 50));
		await other.destroy();
		expect(await persistence.confirmed()).toBeNull();

		await vi.waitFor(async () => expect(await storedRecords(persistence)).toBeLessThan(10), {
			timeout: 5_000
		});
		const stored = (await readBack(name)).getMap('customers');
		expect(stored.size).toBe(COMPACT_AFTER + 3);
		expect(stored.get('during')).toBe('this tab');
		expect(stored.get('other later')).toBe('another tab');
	});

	it('stores an update that arrives as a write ends, before saying it is stored', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		const customers = doc.getMap('customers');
		customers.set('first', 1);
		// Between the write's last look at the queue and its end.
		void persistence.confirmed().then(() => customers.set('second', 2));
		await persistence.confirmed();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(await persistence.confirmed()).toBeNull();
		expect((await readBack(name)).getMap('customers').toJSON()).toEqual({ first: 1, second: 2 });
	});

	it('stores nothing while not asked to (the archive loading what is already stored)', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		const records = await storedRecords(persistence);
		persistence.storeUpdates(false);
		doc.getMap('customers').set('a', 1);
		expect(persistence.unstored).toBe(0);
		expect(await persistence.confirmed()).toBeNull();
		expect(await storedRecords(persistence)).toBe(records);
		persistence.storeUpdates(true);
		doc.getMap('customers').set('b', 2);
		expect(persistence.unstored).toBe(1);
	});
});

describe('y-indexeddb, as DurablePersistence relies on it (version pinned)', () => {
	it('stores the doc’s updates through its `_storeUpdate` listener alone', async () => {
		const name = newName();
		const doc = new Y.Doc();
		const persistence = new IndexeddbPersistence(name, doc);
		opened.push(persistence);
		await persistence.whenSynced;
		const before = await storedRecords(persistence);
		doc.getMap('customers').set('stored', 1);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await storedRecords(persistence)).toBe(before + 1);

		doc.off('update', persistence._storeUpdate);
		doc.getMap('customers').set('not stored', 2);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await storedRecords(persistence)).toBe(before + 1);
	});
});

describe('DurablePersistence when its database is closed under it', () => {
	it('opens it again and stores the change, not retrying the dead connection for ever', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		doc.getMap('customers').set('a', 'Ann');
		expect(await persistence.confirmed()).toBeNull();
		// Another tab deleting the database, or the browser clearing site data, closes it so.
		persistence.db!.close();
		doc.getMap('customers').set('b', 'Bo');
		expect(await persistence.confirmed()).toBeNull();
		const stored = (await readBack(name)).getMap('customers').toJSON();
		expect(stored).toEqual({ a: 'Ann', b: 'Bo' });
	});

	it('stores the whole archive again when what the database held is gone', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		doc.getMap('customers').set('a', 'Ann');
		expect(await persistence.confirmed()).toBeNull();
		persistence.db!.close();
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.deleteDatabase(name);
			request.onsuccess = () => resolve();
			request.onerror = () => reject(request.error);
		});
		doc.getMap('customers').set('b', 'Bo');
		expect(await persistence.confirmed()).toBeNull();
		expect((await readBack(name)).getMap('customers').toJSON()).toEqual({ a: 'Ann', b: 'Bo' });
	});
});
