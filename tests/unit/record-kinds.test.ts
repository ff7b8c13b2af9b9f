import * as v from 'valibot';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { args, command } from '../../src/lib/core/command';
import type { TableKind } from '../../src/lib/core/record-kind';
import type { CommandContext } from '../../src/lib/core/command-context';
import { ProjectionDb } from '../../src/lib/projection/db';
import { rebuildProjection, staleKinds } from '../../src/lib/projection/rebuild';
import { commandCalls, type CommandTransport } from '../../src/lib/workspace/command-client';
import { appCommandRegistry } from '../../src/lib/workspace/commands';
import { segmentKind } from '../../src/lib/features/segments/kinds';
import { campaignKind } from '../../src/lib/features/coupons/kinds';
import { templateKind } from '../../src/lib/features/care/kinds';
import { dealKind, dealMoveKind, pipelineKind } from '../../src/lib/features/deals/kinds';
import { consentKind, leadEventKind } from '../../src/lib/features/leads/kinds';
import { feedbackEventKind, feedbackKind } from '../../src/lib/features/feedback/kinds';
import {
	invitationKind,
	responseKind,
	surveyKind
} from '../../src/lib/features/feedback/survey-kinds';
import { automationKind } from '../../src/lib/features/automations/kinds';
import { reportKind } from '../../src/lib/features/insights/kinds';
import { taskKind } from '../../src/lib/features/activity/kinds';
import { APP_TABLE_KINDS } from '../../src/lib/workspace/record-kinds';
import { WorkspaceCore } from '../../src/lib/workspace/workspace-core';

/** A kind of record only this test knows: notes pinned to the shop's noticeboard. */
interface NoteRow {
	id: string;
	text: string;
}
const noteKind: TableKind<NoteRow> = {
	root: 'noticeboard',
	storage: 'value',
	read: (id, stored) =>
		typeof stored === 'string' && stored.trim() !== '' ? { id, text: stored } : null,
	personal: { about: 'shop' },
	table: { name: 'notes', schema: 'id', version: 1 },
	summary: 'notes'
};
const board = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(noteKind.root);
const noteCommands = {
	pinNote: command({
		args: args(v.string(), v.string()),
		undo: 'step',
		run: (ctx, id: string, text: string) => {
			if (text.trim() === '') return { ok: false as const };
			ctx.ws.doc.transact(() => board(ctx).set(id, text), ctx.origin);
			return { ok: true as const };
		}
	})
};
const KINDS = [...APP_TABLE_KINDS, noteKind];

let opened = 0;
function device() {
	const id = `kinds-${opened++}`;
	const names = {
		docDbName: `doc-${id}`,
		projectionDbName: `projection-${id}`,
		tabChannelName: `tabs-${id}`
	};
	const registry = appCommandRegistry();
	registry.register(noteCommands);
	const core = new WorkspaceCore(
		`member-${id}`,
		names,
		{ onView: () => {}, onReplacedElsewhere: () => {} },
		registry,
		{},
		KINDS
	);
	const transport: CommandTransport = {
		runCommand: (name, given) => core.runCommand(name, given),
		runJob: () => Promise.reject(new Error('no jobs here')),
		undoStep: (token) => core.undoStep(token)
	};
	const projection = new ProjectionDb(names.projectionDbName, { notes: 'id' });
	const notes = () => projection.table<NoteRow, string>('notes').toArray();
	return { core, notes, projection, commands: commandCalls<typeof noteCommands>(transport) };
}

describe('a kind of record added by describing it', () => {
	it('gets checks, undo, projection, rebuild, convergence and a backup count from its descriptor', async () => {
		const here = device();
		const { core, commands } = here;
		await core.whenReady();

		// Checked and refused by its command's declaration and rule.
		await expect(core.runCommand('pinNote', ['n0', 7])).rejects.toThrow('not valid');
		expect(await commands.pinNote('n0', ' ')).toEqual({ ok: false });
		// Projected, and undone like any other record.
		await commands.pinNote('n1', 'Closed on Monday');
		await commands.pinNote('n2', 'Inventory on Friday');
		expect(await here.notes()).toEqual([
			{ id: 'n1', text: 'Closed on Monday' },
			{ id: 'n2', text: 'Inventory on Friday' }
		]);
		expect(await core.undo()).toBe(true);
		await core.settled();
		expect((await here.notes()).map((note) => note.id)).toEqual(['n1']);

		// A malformed record (another program wrote a number) is skipped, never thrown on.
		core.ws.doc.transact(() => core.ws.doc.getMap('noticeboard').set('n3', 42));
		await core.settled();
		expect((await here.notes()).map((note) => note.id)).toEqual(['n1']);

		// A rebuild from the doc makes the same table.
		const rebuilt = new ProjectionDb(`rebuilt-${opened++}`, { notes: 'id' });
		await rebuildProjection(core.ws, rebuilt, undefined, KINDS);
		expect(await rebuilt.table('notes').toArray()).toEqual(await here.notes());

		// Two devices that pinned notes offline converge, record and table alike.
		const there = device();
		await there.core.whenReady();
		await there.commands.pinNote('n9', 'Delivery at 10');
		const ours = Y.encodeStateAsUpdate(core.ws.doc);
		const theirs = Y.encodeStateAsUpdate(there.core.ws.doc);
		Y.applyUpdate(core.ws.doc, theirs, 'colleague');
		Y.applyUpdate(there.core.ws.doc, ours, 'colleague');
		await core.settled();
		await there.core.settled();
		expect(await here.notes()).toEqual(await there.notes());
		expect((await here.notes()).map((note) => note.id)).toEqual(['n1', 'n9']);

		// Counted in the backup's summary (well-formed records only).
		const { summary } = await core.writeBackup(undefined);
		expect(summary.records).toMatchObject({ notes: 2 });
	});

	it('rebuilds only the table whose version changed', async () => {
		const state = {
			key: 'workspace',
			projectorVersion: 1,
			stateVector: new Uint8Array(),
			tableVersions: Object.fromEntries(KINDS.map((kind) => [kind.table.name, kind.table.version]))
		};
		expect(staleKinds(state, KINDS)).toEqual([]);
		const newer = { ...noteKind, table: { ...noteKind.table, version: 2 } };
		expect(staleKinds(state, [...APP_TABLE_KINDS, newer])).toEqual([newer]);
		// A projection from before per-table versions holds the tables then known at version 1;
		// a kind it does not name (added since) is built, and so is one at a later version
		// (tasks, version 2: rows carry whom the task is for).
		expect(staleKinds({ ...state, tableVersions: undefined }, KINDS)).toEqual([
			taskKind,
			segmentKind,
			reportKind,
			campaignKind,
			templateKind,
			automationKind,
			pipelineKind,
			dealKind,
			dealMoveKind,
			leadEventKind,
			consentKind,
			feedbackKind,
			feedbackEventKind,
			surveyKind,
			invitationKind,
			responseKind,
			noteKind
		]);
		expect(
			staleKinds({ ...state, tableVersions: { tasks: taskKind.table.version } }, [
				...APP_TABLE_KINDS,
				noteKind
			])
		).toEqual([...APP_TABLE_KINDS.filter((kind) => kind.table.name !== 'tasks'), noteKind]);
	});

	it('declares the app’s kinds to Dexie as their descriptors say', () => {
		const db = new ProjectionDb('schema-check');
		for (const kind of APP_TABLE_KINDS) {
			const table = db.table(kind.table.name);
			const declared = [table.schema.primKey, ...table.schema.indexes].map((index) => index.src);
			expect(declared.join(', ')).toBe(kind.table.schema);
		}
	});
});

describe('a table rebuilt alone on a full disk', () => {
	it('stays marked stale until its rebuild succeeds, however many flushes come between', async () => {
		const { Projector } = await import('../../src/lib/projection/projector');
		const { memberContext } = await import('./helpers');
		const { setTagColor } = await import('../../src/lib/features/tags/tag-commands');
		const ctx = memberContext();
		const db = new ProjectionDb(`stale-${opened++}`);
		const first = new Projector(ctx.ws, db, {}, APP_TABLE_KINDS);
		await first.start();
		setTagColor(ctx, 'vip', 'red');
		await first.idle();
		first.stop();

		const newer = APP_TABLE_KINDS.map((kind) =>
			kind.table.name === 'tagColors' ? { ...kind, table: { ...kind.table, version: 2 } } : kind
		);
		let full = true;
		const tableProto = Object.getPrototypeOf(db.tagColors) as {
			bulkPut: (rows: unknown[]) => Promise<unknown>;
		};
		const put = tableProto.bulkPut;
		const refusing = vi.spyOn(tableProto, 'bulkPut').mockImplementation(function (
			this: { name: string },
			rows: unknown[]
		) {
			if (full && this.name === 'tagColors') {
				return Promise.reject(
					new DOMException('The quota has been exceeded.', 'QuotaExceededError')
				);
			}
			return put.call(this, rows);
		});
		const second = new Projector(ctx.ws, db, {}, newer);
		await second.start();
		// A flush in between (a customer's edit) must not record the table as rebuilt.
		setTagColor(ctx, 'tea', 'green');
		await second.idle();
		const during = await db.projectionState.get('workspace');
		expect(during?.tableVersions?.tagColors).toBe(1);

		full = false;
		refusing.mockRestore();
		setTagColor(ctx, 'new', 'blue');
		await second.idle();
		const after = await db.projectionState.get('workspace');
		expect(after?.tableVersions?.tagColors).toBe(2);
		expect((await db.tagColors.toArray()).map((row) => row.tag).sort()).toEqual([
			'new',
			'tea',
			'vip'
		]);
		second.stop();
	});
});
