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

	it('compacts the store into one record after many writes, losing nothing', async () => {
		const name = newName();
		const { doc, persistence } = await openDurable(name);
		const customers = doc.getMap('customers');
		for (let i = 0; i < COMPACT_AFTER; i++) {
			customers.set(`c${i}`, i);
			await persistence.confirmed();
		}
		expect(await storedRecords(persistence)).toBeLessThan(10);
		expect((await readBack(name)).getMap('customers').size).toBe(COMPACT_AFTER);
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
