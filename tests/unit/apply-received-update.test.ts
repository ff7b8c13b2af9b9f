import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyReceivedUpdate } from '../../src/lib/crdt/apply-received-update';

const REMOTE = { remote: true };

/** A doc whose 'update' listener keeps what it is handed, as y-indexeddb stores it. */
function storedDoc() {
	const doc = new Y.Doc();
	const handed: Array<{ update: Uint8Array; origin: unknown }> = [];
	doc.on('update', (update: Uint8Array, origin: unknown) => handed.push({ update, origin }));
	/** What a reload from that storage would hold. */
	const reloaded = () => {
		const copy = new Y.Doc();
		for (const { update } of handed) Y.applyUpdate(copy, update);
		return copy;
	};
	return { doc, handed, reloaded };
}

/** Updates as a colleague's doc produces them, one per change. */
function colleague() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return { doc, updates, customers: doc.getMap<string>('customers') };
}

describe('applying an update that arrived whole', () => {
	it('hands the listeners the bytes as they arrived, with their origin', () => {
		const them = colleague();
		them.customers.set('c1', 'Li');
		const whole = Y.encodeStateAsUpdate(them.doc);
		const me = storedDoc();
		applyReceivedUpdate(me.doc, whole, REMOTE);
		expect(me.doc.getMap('customers').toJSON()).toEqual({ c1: 'Li' });
		expect(me.handed).toHaveLength(1);
		expect(me.handed[0]!.update).toBe(whole);
		expect(me.handed[0]!.origin).toBe(REMOTE);
	});

	it('hands on nothing for an update the doc already holds, so echoes stop', () => {
		const them = colleague();
		them.customers.set('c1', 'Li');
		const me = storedDoc();
		applyReceivedUpdate(me.doc, them.updates[0]!, REMOTE);
		applyReceivedUpdate(me.doc, them.updates[0]!, REMOTE);
		expect(me.handed).toHaveLength(1);
	});

	it('hands on a deletion, which moves no clock', () => {
		const them = colleague();
		them.customers.set('c1', 'Li');
		const me = storedDoc();
		applyReceivedUpdate(me.doc, them.updates[0]!, REMOTE);
		them.customers.delete('c1');
		applyReceivedUpdate(me.doc, them.updates[1]!, REMOTE);
		expect(me.handed).toHaveLength(2);
		expect(me.reloaded().getMap('customers').toJSON()).toEqual({});
	});

	it('keeps what arrives out of order: a reload from what was handed on equals the doc', () => {
		const them = colleague();
		them.customers.set('c1', 'Li');
		them.customers.set('c2', 'Wang');
		them.customers.set('c3', 'Zhao');
		const me = storedDoc();
		// The third change depends on the second, which arrives last.
		applyReceivedUpdate(me.doc, them.updates[0]!, REMOTE);
		applyReceivedUpdate(me.doc, them.updates[2]!, REMOTE);
		expect(me.doc.getMap('customers').toJSON()).toEqual({ c1: 'Li' });
		applyReceivedUpdate(me.doc, them.updates[1]!, REMOTE);
		const expected = { c1: 'Li', c2: 'Wang', c3: 'Zhao' };
		expect(me.doc.getMap('customers').toJSON()).toEqual(expected);
		expect(me.reloaded().getMap('customers').toJSON()).toEqual(expected);
	});

	it('keeps a part that waited from an ordinary apply once a received update completes it', () => {
		const them = colleague();
		them.customers.set('c1', 'Li');
		them.customers.set('c2', 'Wang');
		const me = storedDoc();
		// Another tab's update arrives first and cannot be integrated yet; Yjs stores nothing.
		Y.applyUpdate(me.doc, them.updates[1]!, { tab: true });
		expect(me.handed).toHaveLength(0);
		applyReceivedUpdate(me.doc, them.updates[0]!, REMOTE);
		expect(me.reloaded().getMap('customers').toJSON()).toEqual({ c1: 'Li', c2: 'Wang' });
	});

	it('hands on what an observer changes in reaction, as Yjs encodes it', () => {
		const them = colleague();
		them.customers.set('c1', 'Li');
		const me = storedDoc();
		const seen = me.doc.getMap<string>('seen');
		me.doc.getMap('customers').observe((event) => {
			if (event.keysChanged.has('c1') && !seen.has('c1')) seen.set('c1', 'yes');
		});
		applyReceivedUpdate(me.doc, them.updates[0]!, REMOTE);
		expect(seen.get('c1')).toBe('yes');
		expect(me.handed).toHaveLength(2);
		expect(me.handed[1]!.origin).toBeNull();
		expect(me.reloaded().getMap('seen').toJSON()).toEqual({ c1: 'yes' });
	});

	it('leaves the listeners in place when the update is broken', () => {
		const me = storedDoc();
		expect(() => applyReceivedUpdate(me.doc, new Uint8Array([200, 1, 2, 3, 4]), REMOTE)).toThrow();
		me.doc.getMap('customers').set('c1', 'Li');
		expect(me.handed).toHaveLength(1);
		expect(me.reloaded().getMap('customers').toJSON()).toEqual({ c1: 'Li' });
	});

	it('applies the update when nothing listens', () => {
		const them = colleague();
		them.customers.set('c1', 'Li');
		const doc = new Y.Doc();
		applyReceivedUpdate(doc, them.updates[0]!, REMOTE);
		expect(doc.getMap('customers').toJSON()).toEqual({ c1: 'Li' });
	});
});
