import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	createCustomer,
	createCustomers,
	deleteCustomer,
	restoreCustomer,
	updateCustomer
} from '../../src/lib/features/customers/customer-commands';
import { recentlyDeletedCustomers } from '../../src/lib/features/customers/deleted-customers';
import { readChange } from '../../src/lib/features/activity/activity-records';
import { newId } from '../../src/lib/crdt/ids';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { liveCustomer, readCustomer, entityOf } from '../../src/lib/crdt/workspace-doc';
import { customer, memberContext } from './helpers';

function created(result: ReturnType<typeof createCustomer>): string {
	if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`);
	return result.value;
}

describe('customer commands', () => {
	it('creates a customer with who and when', () => {
		const ctx = { ...memberContext('m1'), now: () => 1000 };
		const id = created(createCustomer(ctx, customer({ name: '张三', tags: ['tea'] })));
		expect(liveCustomer(ctx.ws, id)).toMatchObject({
			id,
			name: '张三',
			tags: ['tea'],
			stage: 'lead',
			createdAt: 1000,
			createdBy: 'm1',
			updatedAt: 1000,
			updatedBy: 'm1'
		});
	});

	it('changes nothing in the doc when input is invalid', () => {
		const ctx = memberContext();
		const id = created(createCustomer(ctx, customer({ name: 'Anna' })));
		const before = Y.encodeStateAsUpdate(ctx.ws.doc);
		expect(createCustomer(ctx, customer({ name: '' }))).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { name: 'validation.nameRequired' }
		});
		expect(updateCustomer(ctx, id, { email: 'nope' })).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { email: 'validation.emailInvalid' }
		});
		expect(Y.encodeStateAsUpdate(ctx.ws.doc)).toEqual(before);
	});

	it('writes only the changed fields, and nothing at all for a no-op save', () => {
		let clock = 1;
		const ctx = { ...memberContext('m1'), now: () => clock++ };
		const id = created(createCustomer(ctx, customer({ name: 'Anna', phone: '138 0013 8000' })));
		expect(updateCustomer(ctx, id, { name: 'Anna', phone: '138 0013 8000' })).toEqual({
			ok: true,
			value: 0
		});
		expect(updateCustomer(ctx, id, { phone: '', city: '杭州' })).toEqual({ ok: true, value: 2 });
		const map = entityOf(ctx.ws.customers, id)!;
		expect(map.has('phone')).toBe(false);
		expect(readCustomer(id, map)).toMatchObject({ phone: '', city: '杭州' });
		expect([...ctx.ws.changes.values()]).toEqual([
			[id, 2, 'm1', ['phone', '138 0013 8000', ''], ['city', '', '杭州']]
		]);
	});

	it('deletes softly: the customer is gone from reads, edits do not revive it', () => {
		const ctx = memberContext();
		const id = created(createCustomer(ctx, customer({ name: 'Anna' })));
		expect(deleteCustomer(ctx, id)).toEqual({ ok: true, value: 'Anna' });
		expect(liveCustomer(ctx.ws, id)).toBeNull();
		expect(updateCustomer(ctx, id, { city: 'x' })).toEqual({ ok: false, reason: 'notFound' });
		expect(deleteCustomer(ctx, id)).toEqual({ ok: false, reason: 'notFound' });
	});

	it('creates a batch in one transaction, or nothing if any row is invalid', () => {
		const ctx = memberContext();
		let transactions = 0;
		ctx.ws.doc.on('afterTransaction', () => transactions++);
		const bad = createCustomers(ctx, [customer({ name: 'A' }), customer({ name: '' })]);
		expect(bad).toEqual({
			ok: false,
			failures: [{ index: 1, errors: { name: 'validation.nameRequired' } }]
		});
		expect(ctx.ws.customers.size).toBe(0);
		const good = createCustomers(ctx, [customer({ name: 'A' }), customer({ name: 'B' })]);
		expect(good.ok && good.value).toHaveLength(2);
		expect(transactions).toBe(1);
	});

	it('keeps both colleagues’ concurrent edits to different fields and tags', () => {
		const a = memberContext('a');
		const b = memberContext('b');
		const id = created(createCustomer(a, customer({ name: 'Anna', tags: ['tea'] })));
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		updateCustomer(a, id, { phone: '138 0013 8000', tags: ['tea', 'vip'] });
		updateCustomer(b, id, { email: 'anna@example.com', tags: ['tea', 'wholesale'] });
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		const onA = liveCustomer(a.ws, id);
		expect(onA).toMatchObject({
			phone: '138 0013 8000',
			email: 'anna@example.com',
			tags: ['tea', 'vip', 'wholesale']
		});
		expect(liveCustomer(b.ws, id)).toEqual(onA);
	});
});

describe('marketing consent', () => {
	it('stores agreed consent with date and method, and "not asked" as absence', () => {
		const ctx = memberContext();
		const result = createCustomer(ctx, customer({ name: 'Ann' }));
		const id = result.ok ? result.value : '';
		expect(entityOf(ctx.ws.customers, id)!.has('consent')).toBe(false);
		expect(liveCustomer(ctx.ws, id)).toMatchObject({ consent: 'unknown', consentMethod: '' });
		updateCustomer(ctx, id, {
			consent: 'yes',
			consentDate: '2026-03-01',
			consentMethod: 'in_person'
		});
		expect(liveCustomer(ctx.ws, id)).toMatchObject({
			consent: 'yes',
			consentDate: '2026-03-01',
			consentMethod: 'in_person'
		});
		expect(updateCustomer(ctx, id, { consentDate: '2026-02-30' })).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { consentDate: 'validation.dateInvalid' }
		});
	});
});

describe('change history', () => {
	it('records each edit with its fields, old and new values, who and when — and undo removes it', async () => {
		const { readChange } = await import('../../src/lib/features/activity/activity-records');
		const { createUndoManager } = await import('../../src/lib/crdt/undo');
		const ctx = { ...memberContext('m1'), now: () => 5000 };
		const undo = createUndoManager(ctx.ws, ctx.origin);
		const created = createCustomer(
			ctx,
			customer({ name: 'Ann', phone: '138 0013 8000', tags: ['a'] })
		);
		const id = created.ok ? created.value : '';
		expect(ctx.ws.changes.size).toBe(0);
		updateCustomer(ctx, id, { phone: '139 1111 2222', stage: 'vip', tags: ['a', 'b'] });
		const [entryId, value] = [...ctx.ws.changes.entries()][0]!;
		expect(readChange(entryId, value)).toEqual({
			id: entryId,
			customerId: id,
			at: 5000,
			by: 'm1',
			changes: [
				{ field: 'phone', from: '138 0013 8000', to: '139 1111 2222' },
				{ field: 'tags', from: ['a'], to: ['a', 'b'] },
				{ field: 'stage', from: 'lead', to: 'vip' }
			]
		});
		updateCustomer(ctx, id, { phone: '139 1111 2222' });
		expect(ctx.ws.changes.size).toBe(1);
		undo.undo();
		expect(ctx.ws.changes.size).toBe(0);
	});
});

describe('what an edit writes', () => {
	it('only the changed fields on the customer: when and who go in its history entry', () => {
		let clock = 100;
		const a = { ...memberContext('member-a'), now: () => clock };
		const created = createCustomer(a, customer({ name: 'Ann' }));
		const id = created.ok ? created.value : '';
		const writes: string[] = [];
		entityOf(a.ws.customers, id)!.observe((event) => writes.push(...event.keysChanged));

		clock = 200;
		updateCustomer(a, id, { city: '上海' });
		expect(writes).toEqual(['city']);

		writes.length = 0;
		clock = 300;
		updateCustomer({ ...a, memberId: 'member-b' }, id, { city: '杭州' });
		expect(writes).toEqual(['city']);
		const history = [...a.ws.changes.entries()].map(([key, value]) => readChange(key, value));
		expect(history.map((entry) => [entry?.at, entry?.by])).toEqual([
			[200, 'member-a'],
			[300, 'member-b']
		]);
		expect(liveCustomer(a.ws, id)).toMatchObject({ city: '杭州', updatedAt: 100 });
	});

	it('a single-field edit stays small on the wire, with a full-length member id', () => {
		const ctx = memberContext(newId());
		const id = created(createCustomer(ctx, customer({ name: '王芳', city: '厦门市' })));
		let bytes = 0;
		ctx.ws.doc.on('update', (update: Uint8Array) => (bytes += update.byteLength));
		updateCustomer(ctx, id, { city: '苏州市' });
		// By the member who created the customer: 205 B before v9 (named keys, a 16-character key
		// and the customer's own updatedAt); by a colleague, who also stamped updatedBy, 234 B. (see docs/performance.md).
		expect(bytes).toBeLessThanOrEqual(150);
	});
});

describe('recently deleted customers', () => {
	const DAY = 86_400_000;
	const NOW = Date.UTC(2026, 11, 6, 9);

	it('lists customers deleted in the last 30 days, latest first, and not merged ones', () => {
		let clock = NOW - 31 * DAY;
		const ctx = { ...memberContext('m1'), now: () => clock };
		const old = created(createCustomer(ctx, customer({ name: 'Old' })));
		const first = created(createCustomer(ctx, customer({ name: '王芳', phone: '139 0000 1111' })));
		const second = created(createCustomer(ctx, customer({ name: 'Li' })));
		const kept = created(createCustomer(ctx, customer({ name: 'Kept' })));
		const merged = created(createCustomer(ctx, customer({ name: 'Merged' })));
		deleteCustomer(ctx, old);
		clock = NOW - 2 * DAY;
		deleteCustomer(ctx, first);
		clock = NOW - DAY;
		deleteCustomer(ctx, second);
		mergeCustomers(ctx, kept, merged, liveCustomer(ctx.ws, kept)!);

		expect(recentlyDeletedCustomers(ctx.ws, NOW)).toEqual([
			{ id: second, name: 'Li', phone: '', deletedAt: NOW - DAY, deletedBy: 'm1' },
			{ id: first, name: '王芳', phone: '139 0000 1111', deletedAt: NOW - 2 * DAY, deletedBy: 'm1' }
		]);
		// Older ones stay deleted in the doc, and are no longer offered.
		expect(liveCustomer(ctx.ws, old)).toBeNull();
	});

	it('restores a deleted customer, but not a live or a merged one', () => {
		const ctx = memberContext('m1');
		const id = created(createCustomer(ctx, customer({ name: '王芳' })));
		expect(restoreCustomer(ctx, id)).toEqual({ ok: false, reason: 'notFound' });
		deleteCustomer(ctx, id);
		expect(restoreCustomer(ctx, id)).toEqual({ ok: true, value: '王芳' });
		expect(liveCustomer(ctx.ws, id)?.name).toBe('王芳');
		expect(entityOf(ctx.ws.customers, id)!.has('deletedBy')).toBe(false);

		const kept = created(createCustomer(ctx, customer({ name: 'Kept' })));
		mergeCustomers(ctx, kept, id, liveCustomer(ctx.ws, kept)!);
		expect(restoreCustomer(ctx, id)).toEqual({ ok: false, reason: 'notFound' });
	});

	it('a restore on one device and a colleague’s concurrent edit both survive the sync', () => {
		const a = memberContext('a');
		const id = created(createCustomer(a, customer({ name: '王芳', city: '杭州' })));
		deleteCustomer(a, id);
		const b = memberContext('b', new Y.Doc());
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));

		// Offline: A restores; B, whose copy still shows the customer deleted, renames them
		// directly in the record (as an older client or another program might).
		restoreCustomer(a, id);
		b.ws.doc.transact(() => entityOf(b.ws.customers, id)!.set('city', '上海'), b.origin);
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));

		for (const side of [a, b]) {
			expect(liveCustomer(side.ws, id)).toMatchObject({ name: '王芳', city: '上海' });
		}
		expect(recentlyDeletedCustomers(b.ws, Date.now())).toEqual([]);
	});

	it('a restore reaches a device that deleted nothing, and an edit there before it stays', () => {
		const a = memberContext('a');
		const id = created(createCustomer(a, customer({ name: '王芳' })));
		const b = memberContext('b', new Y.Doc());
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		// B edits while A deletes: the edit lands in the deleted record and does not revive it.
		updateCustomer(b, id, { notes: 'likes oolong' });
		deleteCustomer(a, id);
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		expect(liveCustomer(a.ws, id)).toBeNull();
		expect(liveCustomer(b.ws, id)).toBeNull();

		restoreCustomer(b, id);
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		expect(liveCustomer(a.ws, id)?.notes).toBe('likes oolong');
	});
});
