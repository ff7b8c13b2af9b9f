import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	addPurchase,
	deletePurchase,
	editPurchase,
	logInteraction,
	restoreInteraction,
	restorePurchase
} from '../../src/lib/features/activity/activity-commands';
import { readPurchase } from '../../src/lib/features/activity/activity-records';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { type CommandContext } from '../../src/lib/core/command-context';
import { readTombstone } from '../../src/lib/features/activity/event-tombstones';
import { encodeEventValue } from '../../src/lib/features/activity/event-values';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import type { PurchaseFields } from '../../src/lib/features/activity/rules/activity';
import { EventIndex } from '../../src/lib/projection/event-index';
import { Projector } from '../../src/lib/projection/projector';
import { customer, memberContext } from './helpers';
import {
	PROJECTION_CONTENTS,
	rebuiltRows,
	rowsByTable,
	useProjectionDbs
} from './projection-helpers';

const freshDb = useProjectionDbs('test-tombstones');

const AT = Date.UTC(2026, 5, 1, 10);

const sale = (customerId: string, over: Partial<PurchaseFields> = {}): PurchaseFields => ({
	customerId,
	at: AT,
	lines: [{ product: '乌龙茶', quantity: 1, unitPriceCents: 10000 }],
	discountCents: 0,
	payment: 'cash',
	channel: 'in_store',
	note: '',
	...over
});

function newCustomer(ctx: CommandContext, name: string): string {
	const created = createCustomer(ctx, customer({ name }));
	if (!created.ok) throw new Error('no customer');
	return created.value;
}

function bought(ctx: CommandContext, customerId: string, over: Partial<PurchaseFields> = {}) {
	const result = addPurchase(ctx, sale(customerId, over));
	if (!result.ok) throw new Error('not added');
	return result.value;
}

/** A colleague's device with a copy of `ctx`'s doc, its client id chosen (which write wins ties). */
function colleague(ctx: CommandContext, clientID: number, memberId = 'member-b'): CommandContext {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(ctx.ws.doc));
	return memberContext(memberId, doc);
}

function exchange(a: CommandContext, b: CommandContext) {
	const fromA = Y.encodeStateAsUpdate(a.ws.doc, Y.encodeStateVector(b.ws.doc));
	const fromB = Y.encodeStateAsUpdate(b.ws.doc, Y.encodeStateVector(a.ws.doc));
	Y.applyUpdate(b.ws.doc, fromA, 'remote');
	Y.applyUpdate(a.ws.doc, fromB, 'remote');
}

/** Two devices that share one customer and one purchase, and then go offline. */
function twoDevices(clientA: number, clientB: number) {
	const doc = new Y.Doc();
	doc.clientID = clientA;
	const a = memberContext('member-a', doc);
	const customerId = newCustomer(a, '王芳');
	const id = bought(a, customerId);
	return { a, b: colleague(a, clientB), customerId, id };
}

describe('deleting an event (v8 tombstones)', () => {
	it('removes its key, so an app that reads only the keys no longer sees it', () => {
		const { a, id } = twoDevices(1, 2);
		expect(deletePurchase(a, id)).toBe(true);
		// An app older than v8 reads the purchases map and nothing else.
		expect([...a.ws.purchases.keys()]).not.toContain(id);
		expect(readTombstone(a.ws.eventTombstones.get(id))).toMatchObject({
			kind: 'purchase',
			deletedBy: 'member-a'
		});
		expect(restorePurchase(a, id)).toBe(true);
		expect(a.ws.eventTombstones.has(id)).toBe(false);
		expect(readPurchase(id, a.ws.purchases.get(id))?.lines[0]?.unitPriceCents).toBe(10000);
	});

	it('is one undo step, key and tombstone together', () => {
		const { a, customerId, id } = twoDevices(1, 2);
		const undo = createUndoManager(a.ws, a.origin);
		deletePurchase(a, id);
		undo.undo();
		expect(a.ws.eventTombstones.has(id)).toBe(false);
		expect(new EventIndex(a.ws).eventsOf(customerId).purchases.map((row) => row.id)).toEqual([id]);
	});

	it.each([
		[1, 2],
		[2, 1]
	])(
		'wins over an edit made offline on another device, which a restore brings back (clients %i, %i)',
		(clientA, clientB) => {
			const { a, b, customerId, id } = twoDevices(clientA, clientB);
			expect(deletePurchase(a, id)).toBe(true);
			const edited = editPurchase(b, id, sale(customerId, { discountCents: 2500, note: 'B' }));
			expect(edited).toEqual({ ok: true, value: 3 });
			exchange(a, b);

			for (const device of [a, b]) {
				const index = new EventIndex(device.ws);
				expect(index.eventsOf(customerId).purchases).toEqual([]);
				expect(index.counts().purchases).toBe(0);
				const deleted = index.deletedEventsOf(customerId, Date.now()).purchases;
				// "Recently deleted" shows what a restore brings back: the edited version.
				expect(deleted.map((row) => [row.id, row.discountCents, row.note])).toEqual([
					[id, 2500, 'B']
				]);
			}
			expect(a.ws.purchases.get(id)).toEqual(b.ws.purchases.get(id));

			// Restoring on either device brings back B's edit.
			for (const [restorer, other] of [
				[a, b],
				[b, a]
			] as const) {
				const copy = colleague(restorer, restorer.ws.doc.clientID + 10, restorer.memberId);
				const otherCopy = colleague(other, other.ws.doc.clientID + 10, other.memberId);
				expect(restorePurchase(copy, id)).toBe(true);
				exchange(copy, otherCopy);
				for (const device of [copy, otherCopy]) {
					const rows = new EventIndex(device.ws).eventsOf(customerId).purchases;
					expect(rows.map((row) => [row.id, row.discountCents, row.note])).toEqual([
						[id, 2500, 'B']
					]);
				}
			}
			// B's edit stays in the history.
			const edits = [...a.ws.changes.values()].filter(
				(value) => (value as { event?: unknown }).event
			);
			expect(edits).toHaveLength(1);
		}
	);

	it('keeps reading a v7 delete (deletedAt inside the record) as deleted, and restores it', () => {
		const { a, customerId, id } = twoDevices(1, 2);
		const record = JSON.parse(a.ws.purchases.get(id) as string) as object;
		a.ws.purchases.set(id, encodeEventValue({ ...record, deletedAt: AT, deletedBy: 'old' }));
		const index = new EventIndex(a.ws);
		expect(index.eventsOf(customerId).purchases).toEqual([]);
		expect(index.deletedEventsOf(customerId, AT).purchases.map((row) => row.deletedBy)).toEqual([
			'old'
		]);
		expect(deletePurchase(a, id)).toBe(false);
		expect(restorePurchase(a, id)).toBe(true);
		expect(JSON.parse(a.ws.purchases.get(id) as string)).toEqual(record);
	});

	it('skips anything in the tombstone root that is not a tombstone, without throwing', async () => {
		const ctx = memberContext();
		const customerId = newCustomer(ctx, '李娜');
		const kept = bought(ctx, customerId);
		const alsoKept = bought(ctx, customerId, { note: 'second' });
		const logged = logInteraction(ctx, {
			customerId,
			at: AT,
			kind: 'call',
			direction: 'out',
			summary: 'hi',
			outcome: '',
			nextStep: '',
			followUpDate: '',
			products: []
		});
		if (!logged.ok) throw new Error('not logged');
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		ctx.ws.doc.transact(() => {
			const root = ctx.ws.eventTombstones;
			root.set(kept, 42);
			root.set(alsoKept, [1, 2, 3]);
			root.set('no-such-event', { kind: 'purchase', deletedAt: AT, record: 7 });
			root.set('wrong-kind', { kind: 'order', deletedAt: AT, record: '{}' });
			root.set('bad-date', { kind: 'purchase', deletedAt: 'yesterday' });
			root.set('text', 'not json {');
			root.set('null', null);
			root.set('map', new Y.Map());
			// A tombstone of the other kind under an interaction's id does not delete it.
			root.set(logged.value.interactionId, { kind: 'purchase', deletedAt: AT, record: '{}' });
		}, 'remote');
		await projector.idle();

		const index = new EventIndex(ctx.ws);
		expect(index.counts()).toEqual({ purchases: 2, interactions: 1 });
		expect(index.deletedEventsOf(customerId, AT)).toEqual({ purchases: [], interactions: [] });
		expect(projector.eventsOf(customerId)).toEqual(index.eventsOf(customerId));
		expect((await db.customers.get(customerId))?.purchaseCount).toBe(2);
		expect(restorePurchase(ctx, 'no-such-event')).toBe(false);
		expect(restorePurchase(ctx, 'wrong-kind')).toBe(false);
		expect(restoreInteraction(ctx, logged.value.interactionId)).toBe(false);
		expect(await rowsByTable(db)).toEqual(await rebuiltRows(ctx.ws, freshDb()));
		// A real delete still works next to the garbage (it replaces the value there).
		expect(deletePurchase(ctx, kept)).toBe(true);
		await projector.idle();
		expect((await db.customers.get(customerId))?.purchaseCount).toBe(1);
	});
});

describe('an edit racing a merge', () => {
	it.each([
		[1, 2],
		[2, 1]
	])(
		'leaves the purchase counted for the kept customer (clients %i, %i)',
		async (clientA, clientB) => {
			const doc = new Y.Doc();
			doc.clientID = clientA;
			const a = memberContext('member-a', doc);
			const keptId = newCustomer(a, '王芳');
			const mergedId = newCustomer(a, '王 芳');
			const id = bought(a, mergedId);
			const b = colleague(a, clientB);
			const db = freshDb();
			const projector = new Projector(a.ws, db);
			await projector.start();

			const merged = mergeCustomers(a, keptId, mergedId, liveCustomer(a.ws, keptId)!);
			expect(merged.ok).toBe(true);
			// B, offline, edits the sale: its rewrite names the customer it knew.
			editPurchase(b, id, sale(mergedId, { discountCents: 1000 }));
			exchange(a, b);
			await projector.idle();

			for (const device of [a, b]) {
				const index = new EventIndex(device.ws);
				const rows = index.eventsOf(keptId).purchases;
				expect(rows.map((row) => [row.id, row.customerId])).toEqual([[id, keptId]]);
				expect(index.eventsOf(mergedId).purchases).toEqual([]);
				expect(index.allPurchases().map((row) => row.customerId)).toEqual([keptId]);
			}
			const row = await db.customers.get(keptId);
			expect(row?.purchaseCount).toBe(1);
			const total = readPurchase(id, a.ws.purchases.get(id))!.discountCents === 1000 ? 9000 : 10000;
			expect(row?.totalSpentCents).toBe(total);
			const rebuilt = await rebuiltRows(a.ws, freshDb());
			const incremental = await rowsByTable(db);
			for (const table of PROJECTION_CONTENTS) expect(incremental[table]).toEqual(rebuilt[table]);

			// Edited again from the kept customer's page, it names them.
			expect(editPurchase(a, id, sale(keptId, { note: 'again' })).ok).toBe(true);
			expect(readPurchase(id, a.ws.purchases.get(id))?.customerId).toBe(keptId);
		}
	);

	it('restores a deleted purchase of a merged-away customer to the kept one', () => {
		const ctx = memberContext();
		const keptId = newCustomer(ctx, 'Kept');
		const mergedId = newCustomer(ctx, 'Merged');
		const id = bought(ctx, mergedId);
		deletePurchase(ctx, id);
		mergeCustomers(ctx, keptId, mergedId, liveCustomer(ctx.ws, keptId)!);
		const index = new EventIndex(ctx.ws);
		expect(index.deletedEventsOf(keptId, Date.now()).purchases.map((row) => row.id)).toEqual([id]);
		expect(restorePurchase(ctx, id)).toBe(true);
		expect(readPurchase(id, ctx.ws.purchases.get(id))?.customerId).toBe(keptId);
	});

	it('settles a loop of merges (two devices merging two customers into each other) without hanging', () => {
		const ctx = memberContext();
		const one = newCustomer(ctx, 'One');
		const two = newCustomer(ctx, 'Two');
		const id = bought(ctx, one);
		const other = colleague(ctx, ctx.ws.doc.clientID + 1);
		mergeCustomers(ctx, one, two, liveCustomer(ctx.ws, one)!);
		mergeCustomers(other, two, one, liveCustomer(other.ws, two)!);
		exchange(ctx, other);
		const index = new EventIndex(ctx.ws);
		// The loop settles on its smallest id, on every device; both customers are deleted, so
		// no customer row counts the sale.
		const [first, second] = [one, two].sort() as [string, string];
		expect(index.ownerOf('purchases', id)).toBe(first);
		expect(index.eventsOf(first).purchases.map((row) => row.id)).toEqual([id]);
		expect(index.eventsOf(second).purchases).toEqual([]);
		expect(new EventIndex(other.ws).ownerOf('purchases', id)).toBe(first);
		expect(liveCustomer(ctx.ws, one) ?? liveCustomer(ctx.ws, two)).toBeNull();
	});
});
