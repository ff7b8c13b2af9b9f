import { IndexeddbPersistence } from 'y-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { lacksMostOf, streamStoredState } from '../../src/lib/crdt/stored-state';

let dbCount = 0;

/** A doc stored by y-indexeddb, as the workspace keeps it. */
async function storedDoc() {
	const doc = new Y.Doc();
	const persistence = new IndexeddbPersistence(`stored-state-${dbCount++}`, doc);
	await persistence.whenSynced;
	return { doc, db: persistence.db!, persistence };
}

/** Everything the stream hands over. */
async function readStored(db: IDBDatabase) {
	const updates: Uint8Array[] = [];
	await streamStoredState(db, (update) => updates.push(update));
	return updates;
}

/** What a colleague who had nothing ends up with. */
function rebuilt(updates: Uint8Array[], rest: Uint8Array) {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	Y.applyUpdate(doc, rest);
	return doc.getMap('customers').toJSON();
}

describe('reading what is stored of a doc', () => {
	it('returns the stored updates as y-indexeddb wrote them', async () => {
		const { doc, db, persistence } = await storedDoc();
		const written: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => written.push(update));
		doc.getMap('customers').set('c1', 'Li');
		doc.getMap('customers').set('c2', 'Wang');
		const stored = await readStored(db);
		// (y-indexeddb also stores the empty doc it started with.)
		expect(stored).toEqual(expect.arrayContaining(written));
		expect(rebuilt(stored, new Uint8Array([0, 0]))).toEqual({ c1: 'Li', c2: 'Wang' });
		await persistence.destroy();
	});

	it('hands over each stored update as it is read, in the order they were stored', async () => {
		const { doc, db, persistence } = await storedDoc();
		doc.getMap('customers').set('c1', 'Li');
		doc.getMap('customers').set('c2', 'Wang');
		const seen: string[] = [];
		const colleague = new Y.Doc();
		const reading = streamStoredState(db, (update) => {
			Y.applyUpdate(colleague, update);
			seen.push(Object.keys(colleague.getMap('customers').toJSON()).join());
		});
		await reading;
		// The empty doc y-indexeddb stored first, then each change as it was made.
		expect(seen).toEqual(['', 'c1', 'c1,c2']);
		await persistence.destroy();
	});

	it('holds at least the doc as it was when the read started', async () => {
		const { doc, db, persistence } = await storedDoc();
		doc.getMap('customers').set('c1', 'Li');
		const reading = readStored(db);
		// y-indexeddb starts storing this only after the read began: it may be missing from it
		// (remote-sync-server.ts sends such changes in step 2).
		doc.getMap('customers').set('c2', 'Wang');
		const stored = await reading;
		expect(rebuilt(stored, new Uint8Array([0, 0]))).toMatchObject({ c1: 'Li' });
		await persistence.destroy();
	});
});

describe('whether a colleague lacks most of the archive', () => {
	const ours = new Map([
		[1, 800],
		[2, 200]
	]);

	it('is true for a new device, which knows nothing of ours (only its own changes)', () => {
		expect(lacksMostOf(ours, new Map([[9, 3]]))).toBe(true);
	});

	it('is false for a colleague who is mostly up to date', () => {
		expect(
			lacksMostOf(
				ours,
				new Map([
					[1, 700],
					[2, 200]
				])
			)
		).toBe(false);
	});

	it('weighs what is missing against the whole archive', () => {
		expect(lacksMostOf(ours, new Map([[2, 200]]))).toBe(true);
		expect(lacksMostOf(ours, new Map([[1, 800]]))).toBe(false);
		expect(lacksMostOf(ours, new Map([[1, 400]]))).toBe(true);
	});

	it('is false when there is nothing to send', () => {
		expect(lacksMostOf(new Map(), new Map())).toBe(false);
	});
});
