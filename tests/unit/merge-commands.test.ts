import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	addPurchase,
	addTask,
	logInteraction
} from '../../src/lib/features/activity/activity-commands';
import { readChange, readPurchase } from '../../src/lib/features/activity/activity-records';
import { decodeEventValue } from '../../src/lib/features/activity/event-values';
import { createCustomer, updateCustomer } from '../../src/lib/features/customers/customer-commands';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { liveCustomer, entityOf, entityMaps } from '../../src/lib/crdt/workspace-doc';
import { customer, memberContext } from './helpers';

function twoDuplicates() {
	const ctx = memberContext();
	const make = (fields: Parameters<typeof customer>[0]) => {
		const result = createCustomer(ctx, customer(fields));
		if (!result.ok) throw new Error('setup');
		return result.value;
	};
	const a = make({ name: '王秀英', phone: '13800138001', tags: ['VIP'] });
	const b = make({ name: 'Wang Xiuying', email: 'wxy@example.cn', tags: ['Tea'] });
	const buy = (customerId: string, cents: number) =>
		addPurchase(ctx, {
			customerId,
			at: Date.UTC(2026, 0, 2),
			lines: [{ product: 'Tea', quantity: 1, unitPriceCents: cents }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		});
	buy(a, 1000);
	buy(b, 2000);
	logInteraction(ctx, {
		customerId: b,
		at: Date.UTC(2026, 0, 3),
		kind: 'call',
		direction: 'in',
		summary: 'Asked about jasmine',
		outcome: '',
		nextStep: '',
		followUpDate: '',
		products: []
	});
	addTask(ctx, {
		customerId: b,
		title: 'Call back',
		due: '2026-02-01',
		dueTime: '',
		repeatAfterPurchaseDays: 0
	});
	updateCustomer(ctx, b, { city: '杭州' });
	return { ctx, a, b };
}

const ownedBy = (root: Y.Map<unknown>, id: string) =>
	[...root.values()].filter((value) => decodeEventValue(value)?.customerId === id).length;

describe('merging duplicates', () => {
	it('keeps one customer holding both customers’ purchases, interactions, tasks and history', () => {
		const { ctx, a, b } = twoDuplicates();
		const kept = liveCustomer(ctx.ws, a)!;
		const result = mergeCustomers(ctx, a, b, {
			...kept,
			email: 'wxy@example.cn',
			tags: ['VIP', 'Tea'],
			city: '杭州'
		});
		expect(result).toEqual({ ok: true, value: { purchases: 1, interactions: 1, tasks: 1 } });
		expect(liveCustomer(ctx.ws, b)).toBeNull();
		expect(entityOf(ctx.ws.customers, b)!.get('mergedInto')).toBe(a);
		expect(liveCustomer(ctx.ws, a)).toMatchObject({
			name: '王秀英',
			phone: '13800138001',
			email: 'wxy@example.cn',
			tags: ['Tea', 'VIP'],
			city: '杭州'
		});
		expect(ownedBy(ctx.ws.purchases, a)).toBe(2);
		expect(ownedBy(ctx.ws.interactions, a)).toBe(1);
		expect([...entityMaps(ctx.ws.tasks)].every((task) => task.get('customerId') === a)).toBe(true);
		const history = [...ctx.ws.changes.entries()]
			.map(([id, value]) => readChange(id, value)!)
			.filter((change) => change.customerId === a);
		// b's own edit (city) moved over, plus the merge entry naming b.
		expect(history.some((change) => change.mergedFrom?.name === 'Wang Xiuying')).toBe(true);
		expect(
			history.some((change) =>
				change.changes.some((c) => c.field === 'city' && c.to === '杭州' && c.from === '')
			)
		).toBe(true);
	});

	it('moves purchases stored before schema v6 (plain objects) too, keeping their fields and form', () => {
		const { ctx, a, b } = twoDuplicates();
		ctx.ws.purchases.set('from-v5', {
			customerId: b,
			at: Date.UTC(2025, 0, 1),
			lines: [{ product: 'Oolong', quantity: 2, unitPriceCents: 500 }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: 'paid for a friend',
			createdAt: Date.UTC(2025, 0, 1),
			createdBy: 'member-old'
		});
		const result = mergeCustomers(ctx, a, b, liveCustomer(ctx.ws, a)!);
		expect(result).toEqual({ ok: true, value: { purchases: 2, interactions: 1, tasks: 1 } });
		// Each record keeps the form it was stored in: the old one stays an object.
		expect(typeof ctx.ws.purchases.get('from-v5')).toBe('object');
		expect(
			[...ctx.ws.purchases.values()].filter((value) => typeof value === 'string')
		).toHaveLength(2);
		expect(readPurchase('from-v5', ctx.ws.purchases.get('from-v5'))).toMatchObject({
			customerId: a,
			note: 'paid for a friend',
			createdBy: 'member-old',
			lines: [{ product: 'Oolong', quantity: 2, unitPriceCents: 500 }]
		});
	});

	it('is one undo step that restores both customers exactly', () => {
		const { ctx, a, b } = twoDuplicates();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		const before = Y.encodeStateVector(ctx.ws.doc);
		const snapshot = JSON.stringify([
			ctx.ws.customers.toJSON(),
			ctx.ws.purchases.toJSON(),
			ctx.ws.interactions.toJSON(),
			ctx.ws.tasks.toJSON(),
			ctx.ws.changes.toJSON()
		]);
		mergeCustomers(ctx, a, b, { ...liveCustomer(ctx.ws, a)!, city: '杭州' });
		expect(Y.encodeStateVector(ctx.ws.doc)).not.toEqual(before);
		expect(undo.undoStack).toHaveLength(1);
		undo.undo();
		expect(
			JSON.stringify([
				ctx.ws.customers.toJSON(),
				ctx.ws.purchases.toJSON(),
				ctx.ws.interactions.toJSON(),
				ctx.ws.tasks.toJSON(),
				ctx.ws.changes.toJSON()
			])
		).toBe(snapshot);
	});

	it('refuses to merge a customer into itself or a deleted one, and writes nothing', () => {
		const { ctx, a } = twoDuplicates();
		const before = Y.encodeStateAsUpdate(ctx.ws.doc);
		expect(mergeCustomers(ctx, a, a, liveCustomer(ctx.ws, a)!)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(mergeCustomers(ctx, a, 'gone', liveCustomer(ctx.ws, a)!)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(Y.encodeStateAsUpdate(ctx.ws.doc)).toEqual(before);
	});

	it('refuses invalid chosen values and writes nothing', () => {
		const { ctx, a, b } = twoDuplicates();
		const before = Y.encodeStateAsUpdate(ctx.ws.doc);
		const result = mergeCustomers(ctx, a, b, { ...liveCustomer(ctx.ws, a)!, email: 'nope' });
		expect(result).toMatchObject({ ok: false, reason: 'invalid' });
		expect(Y.encodeStateAsUpdate(ctx.ws.doc)).toEqual(before);
	});
});
