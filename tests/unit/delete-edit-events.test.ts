import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	addPurchase,
	deleteInteraction,
	deletePurchase,
	editInteraction,
	editPurchase,
	logInteraction,
	restoreInteraction,
	restorePurchase
} from '../../src/lib/features/activity/activity-commands';
import {
	readChange,
	readDeletedPurchase,
	readInteraction,
	readPurchase,
	readPurchaseFigures
} from '../../src/lib/features/activity/activity-records';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import type {
	InteractionFields,
	PurchaseFields
} from '../../src/lib/features/activity/rules/activity';
import {
	interactionChanges,
	lineText,
	purchaseChanges,
	readLineText
} from '../../src/lib/features/activity/rules/event-changes';
import { EventIndex } from '../../src/lib/projection/event-index';
import { customer, memberContext } from './helpers';

const AT = new Date(2026, 5, 1, 10, 30).getTime();
const NOW = new Date(2026, 5, 2, 9, 0).getTime();

function setup(memberId = 'member-a', doc = new Y.Doc()) {
	const ctx = { ...memberContext(memberId, doc), now: () => NOW };
	const created = createCustomer(ctx, customer({ name: '王芳' }));
	if (!created.ok) throw new Error('no customer');
	return { ctx, customerId: created.value };
}

const purchase = (customerId: string, over: Partial<PurchaseFields> = {}): PurchaseFields => ({
	customerId,
	at: AT,
	lines: [{ product: '乌龙茶', quantity: 1, unitPriceCents: 10000 }],
	discountCents: 0,
	payment: 'wechat_pay',
	channel: 'in_store',
	note: '',
	...over
});

const conversation = (
	customerId: string,
	over: Partial<InteractionFields> = {}
): InteractionFields => ({
	customerId,
	at: AT,
	kind: 'call',
	direction: 'out',
	summary: 'Asked about oolong',
	outcome: '',
	nextStep: '',
	followUpDate: '',
	products: [],
	...over
});

function added(result: { ok: boolean; value?: unknown }): string {
	if (!result.ok) throw new Error('not added');
	return result.value as string;
}

describe('deleting and restoring events', () => {
	it('a deleted purchase leaves every reader and the index, and comes back whole', () => {
		const { ctx, customerId } = setup();
		const id = added(addPurchase(ctx, purchase(customerId)));
		const before = ctx.ws.purchases.get(id);
		expect(deletePurchase(ctx, id)).toBe(true);
		const stored = ctx.ws.purchases.get(id);
		expect(readPurchase(id, stored)).toBeNull();
		expect(readPurchaseFigures(id, stored)).toBeNull();
		// Since v8 the key is removed (as older apps expect) and a tombstone keeps the record.
		expect(ctx.ws.purchases.has(id)).toBe(false);
		expect(readDeletedPurchase(id, stored, ctx.ws.eventTombstones.get(id))).toMatchObject({
			customerId,
			deletedAt: NOW,
			deletedBy: 'member-a'
		});
		const index = new EventIndex(ctx.ws);
		expect(index.eventsOf(customerId).purchases).toEqual([]);
		expect(index.counts().purchases).toBe(0);
		expect(index.deletedEventsOf(customerId, NOW).purchases.map((row) => row.id)).toEqual([id]);
		// Deleting twice does nothing more.
		expect(deletePurchase(ctx, id)).toBe(false);

		expect(restorePurchase(ctx, id)).toBe(true);
		expect(JSON.parse(ctx.ws.purchases.get(id) as string)).toEqual(JSON.parse(before as string));
		expect(restorePurchase(ctx, id)).toBe(false);
	});

	it('lists deleted events for 30 days only', () => {
		const { ctx, customerId } = setup();
		const id = added(addPurchase(ctx, purchase(customerId)));
		deletePurchase(ctx, id);
		const index = new EventIndex(ctx.ws);
		const day = 86_400_000;
		expect(index.deletedEventsOf(customerId, NOW + 30 * day).purchases).toHaveLength(1);
		expect(index.deletedEventsOf(customerId, NOW + 31 * day).purchases).toHaveLength(0);
	});

	it('restores a conversation after its undo step is long gone, but not for a deleted customer', () => {
		const { ctx, customerId } = setup();
		const created = logInteraction(ctx, conversation(customerId));
		if (!created.ok) throw new Error('not logged');
		const id = created.value.interactionId;
		expect(deleteInteraction(ctx, id)).toBe(true);
		expect(readInteraction(id, ctx.ws.interactions.get(id))).toBeNull();
		expect(restoreInteraction(ctx, id)).toBe(true);
		expect(readInteraction(id, ctx.ws.interactions.get(id))?.summary).toBe('Asked about oolong');

		deleteInteraction(ctx, id);
		deleteCustomer(ctx, customerId);
		expect(restoreInteraction(ctx, id)).toBe(false);
	});

	it('undo takes back a delete exactly', () => {
		const { ctx, customerId } = setup();
		const id = added(addPurchase(ctx, purchase(customerId)));
		const undo = createUndoManager(ctx.ws, ctx.origin);
		deletePurchase(ctx, id);
		undo.undo();
		expect(readPurchase(id, ctx.ws.purchases.get(id))?.lines[0]?.unitPriceCents).toBe(10000);
	});
});

describe('editing events', () => {
	it('rewrites a purchase, keeps who made it, and writes what changed to the history', () => {
		const { ctx, customerId } = setup();
		const id = added(addPurchase(ctx, purchase(customerId)));
		const result = editPurchase(
			ctx,
			id,
			purchase(customerId, {
				lines: [{ product: '乌龙茶', quantity: 1, unitPriceCents: 8000 }],
				payment: 'cash'
			})
		);
		expect(result).toEqual({ ok: true, value: 3 });
		const stored = ctx.ws.purchases.get(id);
		expect(readPurchaseFigures(id, stored)?.totalCents).toBe(8000);
		expect(JSON.parse(stored as string)).toMatchObject({
			createdBy: 'member-a',
			updatedAt: NOW,
			updatedBy: 'member-a'
		});
		const entries = [...ctx.ws.changes.entries()].map(([key, value]) => readChange(key, value)!);
		const entry = entries.find((change) => change.event)!;
		expect(entry).toMatchObject({ customerId, event: { kind: 'purchase', id } });
		expect(entry.changes).toEqual([
			{ field: 'purchase.total', from: 10000, to: 8000 },
			{ field: 'purchase.lines', from: ['乌龙茶 × 1 @ 100.00'], to: ['乌龙茶 × 1 @ 80.00'] },
			{ field: 'purchase.payment', from: 'wechat_pay', to: 'cash' }
		]);
	});

	it('refuses an invalid edit and writes nothing for an unchanged one', () => {
		const { ctx, customerId } = setup();
		const id = added(addPurchase(ctx, purchase(customerId)));
		const changesBefore = ctx.ws.changes.size;
		const invalid = editPurchase(ctx, id, purchase(customerId, { lines: [] }));
		expect(invalid.ok).toBe(false);
		expect(editPurchase(ctx, id, purchase(customerId))).toEqual({ ok: true, value: 0 });
		expect(ctx.ws.changes.size).toBe(changesBefore);
		deletePurchase(ctx, id);
		expect(editPurchase(ctx, id, purchase(customerId, { note: 'x' }))).toEqual({
			ok: false,
			reason: 'notFound'
		});
	});

	it('keeps a purchase with its customer even if the form names another', () => {
		const { ctx, customerId } = setup();
		const id = added(addPurchase(ctx, purchase(customerId)));
		editPurchase(ctx, id, purchase('someone-else', { note: 'moved?' }));
		expect(readPurchase(id, ctx.ws.purchases.get(id))?.customerId).toBe(customerId);
	});

	it('edits a conversation and leaves its follow-up alone', () => {
		const { ctx, customerId } = setup();
		const logged = logInteraction(ctx, conversation(customerId, { followUpDate: '2026-06-10' }));
		if (!logged.ok) throw new Error('not logged');
		const id = logged.value.interactionId;
		const result = editInteraction(
			ctx,
			id,
			conversation(customerId, { summary: 'Bought oolong', kind: 'visit', followUpDate: '' })
		);
		expect(result).toEqual({ ok: true, value: 2 });
		expect(readInteraction(id, ctx.ws.interactions.get(id))).toMatchObject({
			summary: 'Bought oolong',
			kind: 'visit',
			followUpDate: '2026-06-10',
			taskId: logged.value.taskId
		});
	});

	it('two devices editing one purchase offline converge on one whole version', () => {
		const a = setup('member-a');
		const id = added(addPurchase(a.ctx, purchase(a.customerId)));
		const docB = new Y.Doc();
		Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.ctx.ws.doc));
		const b = { ...memberContext('member-b', docB), now: () => NOW + 1 };

		editPurchase(
			a.ctx,
			id,
			purchase(a.customerId, { lines: [{ product: '乌龙茶', quantity: 2, unitPriceCents: 10000 }] })
		);
		editPurchase(b, id, purchase(a.customerId, { discountCents: 500, note: 'member b' }));
		Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.ctx.ws.doc));
		Y.applyUpdate(a.ctx.ws.doc, Y.encodeStateAsUpdate(docB));

		const onA = a.ctx.ws.purchases.get(id);
		expect(onA).toEqual(b.ws.purchases.get(id));
		// Last writer wins for the whole record: one device's edit, never a mix of both.
		const record = readPurchase(id, onA)!;
		const isA = record.lines[0]!.quantity === 2 && record.discountCents === 0;
		const isB = record.lines[0]!.quantity === 1 && record.discountCents === 500;
		expect(isA || isB).toBe(true);
		// Both edits stay in the history.
		const edits = [...a.ctx.ws.changes.values()].filter(
			(value) => (value as { event?: unknown }).event
		);
		expect(edits).toHaveLength(2);
	});
});

describe('what an edit changed', () => {
	it('a history line gives back its price, so the page can show it in the currency', () => {
		const line = { product: 'Tea @ home', quantity: 2, unitPriceCents: 12_050 };
		expect(readLineText(lineText(line))).toEqual({
			item: 'Tea @ home × 2',
			unitPriceCents: 12_050
		});
		expect(readLineText(lineText({ ...line, unitPriceCents: 5 }))?.unitPriceCents).toBe(5);
		expect(readLineText('乌龙茶 × 1 @ 100.00')).toEqual({
			item: '乌龙茶 × 1',
			unitPriceCents: 10_000
		});
		// Text another program wrote is shown as it is.
		expect(readLineText('two teas, 20 yuan')).toBeNull();
		expect(readLineText('tea @ 1.5')).toBeNull();
	});

	it('names the total first, then each changed purchase field', () => {
		const before = purchase('c');
		const after = purchase('c', { discountCents: 1000, at: AT + 60_000, channel: 'online' });
		expect(purchaseChanges(before, after).map((change) => change.field)).toEqual([
			'purchase.total',
			'purchase.discount',
			'purchase.at',
			'purchase.channel'
		]);
		expect(purchaseChanges(before, purchase('c'))).toEqual([]);
	});

	it('lists a conversation’s changed fields', () => {
		const before = conversation('c');
		const after = conversation('c', { outcome: 'Will come Friday', products: ['红茶'] });
		expect(interactionChanges(before, after)).toEqual([
			{ field: 'interaction.outcome', from: '', to: 'Will come Friday' },
			{ field: 'interaction.products', from: [], to: ['红茶'] }
		]);
	});
});
