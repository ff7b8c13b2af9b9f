import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { workspaceDoc } from '../../src/lib/crdt/workspace-doc';
import { createCustomer, updateCustomer } from '../../src/lib/features/customers/customer-commands';
import {
	eraseCustomer,
	eraseReturned,
	erasuresOf,
	forgetDeleted,
	withoutErased
} from '../../src/lib/features/privacy/erasure';
import { confirmsErasure } from '../../src/lib/features/privacy/rules/erase-confirmation';
import { ProjectionDb } from '../../src/lib/projection/db';
import { ALL_RECORD_KINDS } from '../../src/lib/workspace/all-record-kinds';
import { WorkspaceCore, type WorkspaceView } from '../../src/lib/workspace/workspace-core';
import type { CommandContext } from '../../src/lib/core/command-context';
import { buy, commandsOf, customer, memberContext, dealMovedOnce } from './helpers';

const NAME = 'Zhuge Yuewen';
const PHONES = ['13512345678', '13687654321', '13711223344'];
const T0 = Date.UTC(2026, 10, 2, 3, 0);

/** Whether any of the customer's words is in these bytes, read as text. */
function holdsTheirData(bytes: Uint8Array): string[] {
	const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
	return [NAME, ...PHONES, 'Peony tea'].filter((word) => text.includes(word));
}

function made<T>(result: { ok: boolean; value?: T }): T {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
	return result.value as T;
}

/** A shop whose member edited the customer twice, with undo on (as the app has it). */
function shop(doc = new Y.Doc()) {
	const ctx: CommandContext = { ...memberContext('member-a', doc), now: () => T0 };
	const undo = createUndoManager(ctx.ws, ctx.origin);
	const id = made(createCustomer(ctx, customer({ name: NAME, phone: PHONES[0]! })));
	undo.stopCapturing();
	made(updateCustomer(ctx, id, { phone: PHONES[1]! }));
	undo.stopCapturing();
	made(updateCustomer(ctx, id, { phone: PHONES[2]! }));
	buy(ctx, id, { product: 'Peony tea', unitPriceCents: 8_800 });
	const { dealId: deal } = dealMovedOnce(ctx, id, {
		title: 'Tea for the wedding',
		valueCents: 50_000
	});
	const other = made(createCustomer(ctx, customer({ name: 'Qian Duoduo', phone: '13900000000' })));
	return { ctx, undo, id, other, deal };
}

const stamp = { at: T0, by: 'member-a', origin: { erasure: true } };

describe('erasing a customer', () => {
	it('leaves no byte of their name or any phone they had in the encoded archive', () => {
		const { ctx, undo, id, other } = shop();
		expect(holdsTheirData(Y.encodeStateAsUpdate(ctx.ws.doc))).not.toEqual([]);
		const outcome = eraseCustomer(ctx.ws, ALL_RECORD_KINDS, id, stamp);
		expect(outcome).toMatchObject({ customers: [id] });
		// The undo history still holds the overwritten phones until it is dropped.
		undo.clear();
		forgetDeleted(ctx.ws.doc);
		expect(holdsTheirData(Y.encodeStateAsUpdate(ctx.ws.doc))).toEqual([]);
		// Another customer and the shop's pipeline stay.
		expect(ctx.ws.customers.has(other)).toBe(true);
		expect(ctx.ws.doc.getMap('pipelines').size).toBe(1);
		expect(ctx.ws.doc.getMap('deals').size).toBe(0);
		expect(ctx.ws.doc.getMap('dealMoves').size).toBe(0);
		expect([...erasuresOf(ctx.ws).keys()]).toEqual([id]);
	});

	it('without dropping the undo history, the overwritten phones would stay: the test can fail', () => {
		const { ctx, id } = shop();
		eraseCustomer(ctx.ws, ALL_RECORD_KINDS, id, stamp);
		forgetDeleted(ctx.ws.doc);
		expect(holdsTheirData(Y.encodeStateAsUpdate(ctx.ws.doc))).not.toEqual([]);
	});

	it('refuses a merged record and a customer that is not there', () => {
		const { ctx } = shop();
		expect(eraseCustomer(ctx.ws, ALL_RECORD_KINDS, 'nobody', stamp)).toBe('notFound');
		const merged = made(createCustomer(ctx, customer({ name: 'Old record' })));
		ctx.ws.customers.get(merged) as Y.Map<unknown>;
		(ctx.ws.customers.get(merged) as Y.Map<unknown>).set('deletedAt', T0);
		(ctx.ws.customers.get(merged) as Y.Map<unknown>).set('mergedInto', 'someone');
		expect(eraseCustomer(ctx.ws, ALL_RECORD_KINDS, merged, stamp)).toBe('merged');
	});

	it('a colleague who synced before is left without them, and their offline purchase is removed', () => {
		const a = shop();
		const b = workspaceDoc(new Y.Doc());
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.ctx.ws.doc));
		// While apart, B records another purchase for the customer.
		const bCtx: CommandContext = { ws: b, memberId: 'member-b', origin: {}, now: () => T0 };
		buy(bCtx, a.id, { product: 'Peony tea', unitPriceCents: 8_800 });
		eraseCustomer(a.ctx.ws, ALL_RECORD_KINDS, a.id, stamp);
		a.undo.clear();
		forgetDeleted(a.ctx.ws.doc);
		// They meet again: each applies what the other has.
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.ctx.ws.doc, Y.encodeStateVector(b.doc)));
		Y.applyUpdate(a.ctx.ws.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.ctx.ws.doc)));
		// B's own purchase reached A, and is still on B: each removes it, as the app does when
		// the other's changes arrive (their removals merge into one).
		expect(eraseReturned(b, ALL_RECORD_KINDS, {})).toBe(1);
		expect(eraseReturned(a.ctx.ws, ALL_RECORD_KINDS, {})).toBe(1);
		expect(eraseReturned(b, ALL_RECORD_KINDS, {})).toBe(0);
		forgetDeleted(b.doc);
		expect(holdsTheirData(Y.encodeStateAsUpdate(b.doc))).toEqual([]);
		expect(holdsTheirData(Y.encodeStateAsUpdate(a.ctx.ws.doc))).toEqual([]);
	});

	it('two devices that erase the same customer while apart end the same, with nothing of them', () => {
		const a = shop();
		const b = workspaceDoc(new Y.Doc());
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.ctx.ws.doc));
		eraseCustomer(a.ctx.ws, ALL_RECORD_KINDS, a.id, stamp);
		eraseCustomer(b, ALL_RECORD_KINDS, a.id, { ...stamp, by: 'member-b', at: T0 + 5 });
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.ctx.ws.doc, Y.encodeStateVector(b.doc)));
		Y.applyUpdate(a.ctx.ws.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.ctx.ws.doc)));
		expect(eraseReturned(a.ctx.ws, ALL_RECORD_KINDS, {})).toBe(0);
		expect(eraseReturned(b, ALL_RECORD_KINDS, {})).toBe(0);
		a.undo.clear();
		forgetDeleted(a.ctx.ws.doc);
		forgetDeleted(b.doc);
		expect(Y.encodeStateVector(a.ctx.ws.doc)).toEqual(Y.encodeStateVector(b.doc));
		expect([...erasuresOf(a.ctx.ws).keys()]).toEqual([...erasuresOf(b).keys()]);
		expect(holdsTheirData(Y.encodeStateAsUpdate(a.ctx.ws.doc))).toEqual([]);
		expect(holdsTheirData(Y.encodeStateAsUpdate(b.doc))).toEqual([]);
	});

	it('an older backup restored in place of the archive comes without them, and says how many', () => {
		const a = shop();
		const backup = Y.encodeStateAsUpdate(a.ctx.ws.doc);
		eraseCustomer(a.ctx.ws, ALL_RECORD_KINDS, a.id, stamp);
		const { update, customers } = withoutErased(backup, erasuresOf(a.ctx.ws), ALL_RECORD_KINDS);
		expect(customers).toBe(1);
		expect(holdsTheirData(update)).toEqual([]);
		const restored = workspaceDoc(new Y.Doc());
		Y.applyUpdate(restored.doc, update);
		expect(restored.customers.has(a.other)).toBe(true);
		expect(restored.customers.has(a.id)).toBe(false);
		// The erasure travels with it: the data is refused again if a colleague sends it.
		expect(erasuresOf(restored).has(a.id)).toBe(true);
	});

	it('asks for the name typed, any case or width, never an empty one', () => {
		expect(confirmsErasure('zhuge  yuewen ', NAME)).toBe(true);
		expect(confirmsErasure('Ｚｈｕｇｅ Yuewen', NAME)).toBe(true);
		expect(confirmsErasure('Zhuge', NAME)).toBe(false);
		expect(confirmsErasure('', '')).toBe(false);
		expect(confirmsErasure('诸葛月文', '诸葛月文')).toBe(true);
	});
});

describe('erasing in the workspace', () => {
	let opened = 0;
	function names() {
		const id = `erasure-${opened++}`;
		return {
			docDbName: `doc-${id}`,
			projectionDbName: `projection-${id}`,
			tabChannelName: `tabs-${id}`
		};
	}

	async function openCore(memberId: string) {
		const dbNames = names();
		const views: Partial<WorkspaceView>[] = [];
		const core = new WorkspaceCore(memberId, dbNames, {
			onView: (patch) => views.push(patch),
			onReplacedElsewhere: () => {}
		});
		await core.whenReady();
		return { dbNames, views, core };
	}

	/** Every record of every store of a database, as bytes and text. */
	async function everyRecord(name: string): Promise<Uint8Array[]> {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(name);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const found: Uint8Array[] = [];
		for (const store of db.objectStoreNames) {
			const all = await new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (const value of all) {
				found.push(
					value instanceof Uint8Array ? value : new TextEncoder().encode(JSON.stringify(value))
				);
			}
		}
		db.close();
		return found;
	}

	it('leaves nothing of them in the stored archive or the projection, and no undo', async () => {
		const { dbNames, core } = await openCore('member-1');
		const commands = commandsOf(core);
		const created = await commands.createCustomer(customer({ name: NAME, phone: PHONES[0]! }));
		const id = created.ok ? created.value : '';
		await commands.updateCustomer(id, { phone: PHONES[1]! });
		await commands.updateCustomer(id, { phone: PHONES[2]! });
		await commands.createCustomer(customer({ name: 'Qian Duoduo' }));
		const before = [
			...(await everyRecord(dbNames.docDbName)),
			...(await everyRecord(dbNames.projectionDbName))
		];
		expect(before.flatMap(holdsTheirData)).not.toEqual([]);

		const result = await core.eraseCustomer(id);
		expect(result).toMatchObject({ erased: true, customers: 1 });
		expect(result).not.toHaveProperty('unstored');
		const after = [
			...(await everyRecord(dbNames.docDbName)),
			...(await everyRecord(dbNames.projectionDbName))
		];
		expect(after.flatMap(holdsTheirData)).toEqual([]);
		expect(await core.undo()).toBe(false);
		const db = new ProjectionDb(dbNames.projectionDbName);
		expect((await db.customers.toArray()).map((row) => row.name)).toEqual(['Qian Duoduo']);
		db.close();
		expect(await core.eraseCustomer(id)).toEqual({ erased: false, reason: 'notFound' });
	});

	it('a colleague’s erasure erases here too, and data of theirs that comes back is removed again', async () => {
		const { dbNames, views, core } = await openCore('member-b');
		const commands = commandsOf(core);
		const created = await commands.createCustomer(customer({ name: NAME, phone: PHONES[0]! }));
		const id = created.ok ? created.value : '';
		// This member's own edit: the undo history keeps the phone it replaced.
		await commands.updateCustomer(id, { phone: PHONES[1]! });
		// An old device that knew the customer, and a colleague who erases them.
		const old = new Y.Doc();
		Y.applyUpdate(old, Y.encodeStateAsUpdate(core.ws.doc));
		const colleague = workspaceDoc(new Y.Doc());
		Y.applyUpdate(colleague.doc, Y.encodeStateAsUpdate(core.ws.doc));
		eraseCustomer(colleague, ALL_RECORD_KINDS, id, { ...stamp, by: 'member-a' });
		const remote = { remote: true };
		Y.applyUpdate(
			core.ws.doc,
			Y.encodeStateAsUpdate(colleague.doc, Y.encodeStateVector(core.ws.doc)),
			remote
		);
		await vi.waitFor(() =>
			expect(views.some((view) => view.erasureNotice?.kind === 'colleague')).toBe(true)
		);
		await core.settled();
		expect((await everyRecord(dbNames.docDbName)).flatMap(holdsTheirData)).toEqual([]);
		expect((await everyRecord(dbNames.projectionDbName)).flatMap(holdsTheirData)).toEqual([]);

		// The old device, offline all along, recorded a purchase and now syncs.
		const oldCtx: CommandContext = { ws: workspaceDoc(old), memberId: 'member-c', origin: {} };
		buy(oldCtx, id, { product: 'Peony tea', unitPriceCents: 8_800 });
		Y.applyUpdate(
			core.ws.doc,
			Y.encodeStateAsUpdate(old, Y.encodeStateVector(core.ws.doc)),
			remote
		);
		await vi.waitFor(() =>
			expect(views.some((view) => view.erasureNotice?.kind === 'returned')).toBe(true)
		);
		await core.settled();
		expect(core.ws.purchases.size).toBe(0);
		expect(core.ws.customers.has(id)).toBe(false);
		expect((await everyRecord(dbNames.docDbName)).flatMap(holdsTheirData)).toEqual([]);
	});
});
