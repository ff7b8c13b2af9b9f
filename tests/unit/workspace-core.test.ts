import { describe, expect, it, vi } from 'vitest';
import { entityOf } from '../../src/lib/crdt/workspace-doc';
import * as Y from 'yjs';
import { commandsOf, customer, jobsOf } from './helpers';
import { RemoteSyncClient } from '../../src/lib/sync/remote-sync-client';
import { serveRemoteSync } from '../../src/lib/sync/remote-sync-server';
import { ProjectionDb } from '../../src/lib/projection/db';
import { WorkspaceCore, type WorkspaceView } from '../../src/lib/workspace/workspace-core';
import { appCommandRegistry } from '../../src/lib/workspace/commands';
import { args, jobCommand } from '../../src/lib/core/command';
import { customerFields } from '../../src/lib/core/arg-shapes';
import { createCustomers } from '../../src/lib/features/customers/customer-commands';
import * as v from 'valibot';
import { DEFAULT_VALUE_SETTINGS } from '../../src/lib/features/value/rules/value-defaults';
import { DEFAULT_LOYALTY_SETTINGS } from '../../src/lib/features/loyalty/rules/loyalty-settings';

let nextWorkspace = 0;

function namesForTest() {
	const id = `core-test-${nextWorkspace++}`;
	return {
		docDbName: `doc-${id}`,
		projectionDbName: `projection-${id}`,
		tabChannelName: `tabs-${id}`
	};
}

function openCore(names: ReturnType<typeof namesForTest>) {
	const views: Partial<WorkspaceView>[] = [];
	const core = new WorkspaceCore('member-1', names, {
		onView: (patch) => views.push(patch),
		onReplacedElsewhere: () => {}
	});
	return { core, views };
}

describe('WorkspaceCore', () => {
	it('stores every change after loading, so the next open has it', async () => {
		const names = namesForTest();
		const first = openCore(names);
		await first.core.whenReady();
		const created = await commandsOf(first.core).createCustomer(
			customer({ name: 'Li Na', phone: '13800000001' })
		);
		expect(created.ok).toBe(true);
		await commandsOf(first.core).updateCustomer(created.ok ? created.value : '', {
			city: 'Hangzhou'
		});
		expect(first.views).toContainEqual({ status: 'ready' });

		const second = openCore(names);
		await second.core.settled();
		const id = created.ok ? created.value : '';
		expect(entityOf(second.core.ws.customers, id)?.get('city')).toBe('Hangzhou');
		const db = new ProjectionDb(names.projectionDbName);
		expect((await db.customers.get(id))?.name).toBe('Li Na');
		db.close();
	});

	it('a change made while an import runs is its own undo step, and the import stays one', async () => {
		const { core } = openCore(namesForTest());
		await core.whenReady();
		const live = (id: string) => {
			const map = entityOf(core.ws.customers, id);
			return !!map && typeof map.get('deletedAt') !== 'number';
		};
		const rows = Array.from({ length: 2_500 }, (_, i) => customer({ name: `Imported ${i}` }));
		let byHand: Promise<{ ok: boolean; value?: string }> | null = null;
		const imported = await jobsOf(core).importCustomers(
			{ create: rows, update: [] },
			{
				// Between the import's chunks, as a shopkeeper adding someone while it runs.
				onProgress: () => {
					byHand ??= commandsOf(core).createCustomer(customer({ name: 'Made by hand' }));
				}
			}
		);
		const made = await byHand!;
		const handId = made.ok ? made.value! : '';
		expect(live(handId)).toBe(true);
		const importedIds = [...core.ws.customers.keys()].filter((id) => id !== handId);
		expect(importedIds).toHaveLength(2_500);

		// The import's Undo takes back the whole import and only it.
		if (imported.cancelled) throw new Error('not cancelled');
		expect(await imported.undo()).toBe(true);
		expect(importedIds.filter(live)).toEqual([]);
		expect(live(handId)).toBe(true);
		// The hand-made customer is a step of its own in the shell's history.
		expect(await core.undo()).toBe(true);
		expect(live(handId)).toBe(false);
	});

	it('a cancelled import takes back what it wrote, and nothing made before it', async () => {
		const { core } = openCore(namesForTest());
		await core.whenReady();
		const before = await commandsOf(core).createCustomer(customer({ name: 'Already here' }));
		const beforeId = before.ok ? before.value : '';
		const stop = new AbortController();
		const rows = Array.from({ length: 2_500 }, (_, i) => customer({ name: `Imported ${i}` }));
		const outcome = await jobsOf(core).importCustomers(
			{ create: rows, update: [] },
			{ onProgress: () => stop.abort(), signal: stop.signal }
		);
		expect(outcome.cancelled).toBe(true);
		const live = [...core.ws.customers.entries()].filter(
			([, map]) => typeof (map as Y.Map<unknown>).get('deletedAt') !== 'number'
		);
		expect(live.map(([id]) => id)).toEqual([beforeId]);
		// …and Ctrl+Z still has the customer made before, as its latest step.
		expect(await core.undo()).toBe(true);
		expect(core.ws.customers.has(beforeId)).toBe(false);
	});

	it('an import that fails part-way keeps what it wrote, and Ctrl+Z takes that back', async () => {
		const registry = appCommandRegistry();
		registry.register({
			// Writes its chunks like an import, and fails on the second.
			failingImport: jobCommand({
				args: args(v.array(customerFields)),
				run: async (_ctx, { writeInSteps }, rows: Parameters<typeof createCustomers>[1]) => {
					let chunks = 0;
					await writeInSteps(rows, (ctx, chunk) => {
						if (++chunks === 2) throw new Error('the disk went away');
						createCustomers(ctx, [...chunk]);
					});
					return { value: null, cancelled: false };
				}
			})
		});
		const core = new WorkspaceCore(
			'member-1',
			namesForTest(),
			{ onView: () => {}, onReplacedElsewhere: () => {} },
			registry
		);
		await core.whenReady();
		const rows = Array.from({ length: 1_500 }, (_, i) => customer({ name: `Imported ${i}` }));
		await expect(
			core.runJob('failingImport', [rows], {
				onProgress: () => {},
				signal: new AbortController().signal
			})
		).rejects.toThrow('the disk went away');
		expect(core.ws.customers.size).toBe(1_000);
		expect(await core.undo()).toBe(true);
		expect(core.ws.customers.size).toBe(0);
	});

	it('reports undo state, and an undo token undoes only its own step', async () => {
		const { core, views } = openCore(namesForTest());
		const created = await commandsOf(core).createCustomer(customer({ name: 'Wang Fang' }));
		const id = created.ok ? created.value : '';
		expect(views).toContainEqual({ canUndo: true, canRedo: false });
		const { undo } = await commandsOf(core).deleteCustomer(id);
		expect(entityOf(core.ws.customers, id)?.get('deletedAt')).toBeTypeOf('number');
		expect(await undo()).toBe(true);
		expect(entityOf(core.ws.customers, id)?.get('deletedAt')).toBeUndefined();
		expect(await undo()).toBe(false);
		expect(await core.undoStep(12345)).toBe(false);
	});

	it('shows the shop’s settings from the start, and the defaults again when they are gone', async () => {
		const { core, views } = openCore(namesForTest());
		await core.whenReady();
		expect(views).toContainEqual(
			expect.objectContaining({ currency: 'CNY', valueSettings: DEFAULT_VALUE_SETTINGS })
		);
		await commandsOf(core).setValueSettings({ ...DEFAULT_VALUE_SETTINGS, windowMonths: 6 });
		expect(views.at(-1)?.valueSettings?.windowMonths).toBe(6);
		expect(views.at(-1)?.loyaltySettings).toEqual(DEFAULT_LOYALTY_SETTINGS);
		// Another program (or an older device) removing them: the page is told the defaults.
		core.ws.doc.transact(() => core.ws.meta.delete('valueSettings'));
		expect(views.at(-1)?.valueSettings).toEqual(DEFAULT_VALUE_SETTINGS);
	});

	it('writes an automation over many customers in chunks, each its own stored change', async () => {
		const { core } = openCore(namesForTest());
		await core.whenReady();
		const ctx = { ws: core.ws, memberId: 'member-1', origin: {} };
		const made = createCustomers(
			ctx,
			Array.from({ length: 1_100 }, (_, i) => customer({ name: `Walk-in ${i}` }))
		);
		expect(made.ok).toBe(true);
		await commandsOf(core).createAutomation({
			name: 'Welcome',
			enabled: true,
			trigger: { kind: 'newCustomer', days: 0, tierId: '' },
			segmentId: '',
			actions: [{ kind: 'task', text: 'Say hello', ref: '', points: 0 }]
		});
		await core.settled();
		let writes = 0;
		core.ws.doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if ((transaction.changed as Map<unknown, unknown>).has(core.ws.automationLog)) writes++;
		});
		expect(await core.runAutomations()).toBe(1_100);
		expect(core.ws.automationLog.size).toBe(1_100);
		expect(writes).toBe(3);
		expect(await core.runAutomations()).toBe(0);
	});

	it('moves feedbackVersion on for what Insights → Feedback is made of, and only for that', async () => {
		const { core, views } = openCore(namesForTest());
		await core.whenReady();
		const latest = () =>
			views.reduce((last, view) => view.feedbackVersion ?? last, 0 as number | undefined);
		const commands = commandsOf(core);
		const made = await commands.createCustomer(customer({ name: 'Li Na' }));
		const customerId = made.ok ? made.value! : '';
		const afterCustomer = latest()!;
		expect(afterCustomer).toBeGreaterThan(0);

		// A task is not part of the figures: nothing to ask again.
		await commands.addTask({
			customerId,
			title: 'Call back',
			due: '2026-12-08',
			dueTime: '',
			repeatAfterPurchaseDays: 0
		});
		expect(latest()).toBe(afterCustomer);

		// A complaint logged, then one field of one customer changed (a merge or a deletion is one).
		await commands.logFeedback(
			{
				kind: 'complaint',
				channel: 'phone',
				customerId,
				purchaseId: '',
				products: [],
				severity: 'high',
				description: 'The tea arrived cold',
				ownerId: '',
				receivedAt: Date.now()
			},
			null
		);
		const afterFeedback = latest()!;
		expect(afterFeedback).toBeGreaterThan(afterCustomer);
		await commands.updateCustomer(customerId, { city: 'Hangzhou' });
		expect(latest()).toBeGreaterThan(afterFeedback);
	});

	it('links the team before the archive is open, and answers a new device once it is', async () => {
		const names = namesForTest();
		const first = openCore(names);
		const created = await commandsOf(first.core).createCustomer(customer({ name: 'Li Na' }));
		const id = created.ok ? created.value : '';
		await first.core.settled();

		const reopened = openCore(names);
		let open = false;
		void reopened.core.whenReady().then(() => (open = true));
		const link = new MessageChannel();
		await reopened.core.linkRemoteSync(link.port2);
		expect(open).toBe(false);

		// A new device with nothing, at the other end of one channel.
		const newDevice = new Y.Doc();
		const newLink = new MessageChannel();
		serveRemoteSync(newDevice, newLink.port2);
		const theirs = new RemoteSyncClient(newLink.port1);
		const ours = new RemoteSyncClient(link.port1);
		let received = 0;
		const toThem = theirs.open((message) => toUs.receive(message), {
			onReceived: () => received++
		});
		const toUs = ours.open((message) => toThem.receive(message));
		toUs.greet();
		toThem.greet();
		await reopened.core.settled();
		await vi.waitFor(() => expect(received).toBe(1));
		const customers = newDevice.getMap<Y.Map<unknown>>('customers');
		expect(customers.get(id)?.get('name')).toBe('Li Na');
		for (const port of [link.port1, link.port2, newLink.port1, newLink.port2]) port.close();
	});
});

describe('WorkspaceCore on a full disk', () => {
	it('says storage refused a change before the change’s result, keeps it and stores it once there is room', async () => {
		const names = namesForTest();
		const { core, views } = openCore(names);
		await core.whenReady();
		const add = IDBObjectStore.prototype.add;
		const full = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<typeof add>
		) {
			if (this.name === 'updates') {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return add.apply(this, args);
		});
		const created = await commandsOf(core).createCustomer(
			customer({ name: 'Made on a full disk' })
		);
		expect(created.ok).toBe(true);
		// The refusal is in the page's view when the result arrives (settled() waits for storage).
		expect(views.at(-1)).toEqual({ storageFailure: expect.stringContaining('QuotaExceededError') });
		full.mockRestore();

		expect(await core.retryStorage()).toBe(true);
		expect(views.at(-1)).toEqual({ storageFailure: null });
		const reopened = openCore(names);
		await reopened.core.settled();
		const id = created.ok ? created.value : '';
		expect(entityOf(reopened.core.ws.customers, id)?.get('name')).toBe('Made on a full disk');
	});
});

describe('WorkspaceCore replacing its archive with a backup', () => {
	function backupOf(name: string) {
		const doc = new Y.Doc();
		const map = new Y.Map<unknown>();
		doc.getMap<Y.Map<unknown>>('customers').set('from-backup', map);
		map.set('name', name);
		return Y.encodeStateAsUpdate(doc);
	}

	async function withCustomer(name: string) {
		const names = namesForTest();
		const { core } = openCore(names);
		const created = await commandsOf(core).createCustomer(customer({ name }));
		if (!created.ok) throw new Error('create failed');
		return { names, core, id: created.value };
	}

	/** Refuses writes of records to the `updates` stores of databases `refused` names. */
	function refuseUpdates(refused: (dbName: string) => boolean) {
		const add = IDBObjectStore.prototype.add;
		return vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<typeof add>
		) {
			if (this.name === 'updates' && refused(this.transaction.db.name)) {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return add.apply(this, args);
		});
	}

	it('stores the backup in place of the archive', async () => {
		const { names, core, id } = await withCustomer('Here before');
		expect(await core.replaceWithBackup(backupOf('From the backup'))).toEqual({
			replaced: true,
			erasedLeftOut: 0
		});
		const reopened = openCore(names);
		await reopened.core.settled();
		expect(entityOf(reopened.core.ws.customers, 'from-backup')?.get('name')).toBe(
			'From the backup'
		);
		expect(entityOf(reopened.core.ws.customers, id)).toBeUndefined();
	});

	it('knows whether a team would receive any record from it, deleted customers included', async () => {
		const names = namesForTest();
		const { core } = openCore(names);
		await commandsOf(core).setMemberProfile({ name: 'Wang', color: 'teal' });
		expect(await core.holdsRecords()).toBe(false);
		const created = await commandsOf(core).createCustomer(customer({ name: 'Gone soon' }));
		if (!created.ok) throw new Error('create failed');
		await commandsOf(core).deleteCustomer(created.value);
		expect(await core.holdsRecords()).toBe(true);
		expect(await core.replaceWithEmpty()).toMatchObject({ replaced: true });
		const reopened = openCore(names);
		expect(await reopened.core.holdsRecords()).toBe(false);
	});

	it('empties the archive for joining a team without it, keeping only this member’s name', async () => {
		const { names, core, id } = await withCustomer('Not for the team');
		expect(await commandsOf(core).setMemberProfile({ name: 'Wang', color: 'teal' })).toEqual({
			ok: true
		});
		expect(await core.replaceWithEmpty()).toEqual({ replaced: true, erasedLeftOut: 0 });
		const reopened = openCore(names);
		await reopened.core.settled();
		const ws = reopened.core.ws;
		expect(entityOf(ws.customers, id)).toBeUndefined();
		expect(ws.customers.size).toBe(0);
		expect(ws.members.get('member-1')).toMatchObject({ name: 'Wang', color: 'teal' });
		expect([...ws.members.keys()]).toEqual(['member-1']);
		expect(typeof ws.meta.get('schemaVersion')).toBe('number');
	});

	it.each([
		['beside the archive', (name: string) => name.endsWith('-replacing')],
		['in its place', (name: string) => !name.endsWith('-replacing')]
	])(
		'leaves the archive as it was, and working, when the backup cannot be written %s',
		async (_where, refused) => {
			const { names, core, id } = await withCustomer('Here before');
			const full = refuseUpdates(refused);
			const result = await core.replaceWithBackup(backupOf('From the backup'));
			full.mockRestore();
			expect(result).toEqual({
				replaced: false,
				reason: expect.stringContaining('QuotaExceededError')
			});
			// Still storing: a change made after the failed restore is there on the next open.
			const after = await commandsOf(core).createCustomer(customer({ name: 'Made after' }));
			if (!after.ok) throw new Error('create failed');
			const reopened = openCore(names);
			await reopened.core.settled();
			expect(entityOf(reopened.core.ws.customers, id)?.get('name')).toBe('Here before');
			expect(entityOf(reopened.core.ws.customers, after.value)?.get('name')).toBe('Made after');
			expect(entityOf(reopened.core.ws.customers, 'from-backup')).toBeUndefined();
		}
	);
});
