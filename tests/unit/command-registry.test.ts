import * as v from 'valibot';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { args, command, CommandRefused } from '../../src/lib/core/command';
import { CommandRegistry } from '../../src/lib/core/command-registry';
import { commandCalls, type CommandTransport } from '../../src/lib/workspace/command-client';
import { appCommandRegistry, FEATURE_COMMANDS } from '../../src/lib/workspace/commands';
import { WorkspaceCore } from '../../src/lib/workspace/workspace-core';
import type { CommandContext } from '../../src/lib/core/command-context';
import type { AuditFacts } from '../../src/lib/core/audit-action';
import { AUDIT_ROOT, readAuditEntry } from '../../src/lib/features/audit/audit-entries';

/** A kind of record only this test knows: notes pinned to the shop's noticeboard. */
const NOTES = 'test-notes';
const notesOf = (ctx: CommandContext) => ctx.ws.doc.getMap<string>(NOTES);

const noteCommands = {
	pinNote: command({
		args: args(v.string(), v.string()),
		undo: 'step',
		run: (ctx, id: string, text: string) => {
			if (text.trim() === '') return { ok: false as const, reason: 'empty' };
			ctx.ws.doc.transact(() => notesOf(ctx).set(id, text), ctx.origin);
			return { ok: true as const };
		}
	}),
	unpinNote: command({
		args: args(v.string()),
		undo: 'token',
		run: (ctx, id: string) => {
			if (!notesOf(ctx).has(id)) return { ok: false as const };
			ctx.ws.doc.transact(() => notesOf(ctx).delete(id), ctx.origin);
			return { ok: true as const };
		},
		audit: { action: 'delete', rows: (_result, [id]) => id.length }
	})
};

let opened = 0;
function coreWith(registry: CommandRegistry, audit: (facts: AuditFacts) => void = () => {}) {
	const id = `registry-${opened++}`;
	const core = new WorkspaceCore(
		'member-1',
		{ docDbName: `doc-${id}`, projectionDbName: `projection-${id}`, tabChannelName: `tabs-${id}` },
		{ onView: () => {}, onReplacedElsewhere: () => {} },
		registry,
		{ audit }
	);
	const transport: CommandTransport = {
		runCommand: (name, given) => core.runCommand(name, given),
		runJob: () => Promise.reject(new Error('no jobs here')),
		undoStep: (token) => core.undoStep(token)
	};
	return { core, notes: commandCalls<typeof noteCommands>(transport) };
}

describe('commands declared once', () => {
	it('runs a command registered at runtime, with its checks, undo and audit', async () => {
		const registry = appCommandRegistry();
		registry.register(noteCommands);
		const audited: AuditFacts[] = [];
		const { core, notes } = coreWith(registry, (entry) => audited.push(entry));
		const board = core.ws.doc.getMap<string>(NOTES);
		core.trackForUndo(board);

		expect(await notes.pinNote('n1', 'Closed on Monday')).toEqual({ ok: true });
		expect(board.get('n1')).toBe('Closed on Monday');
		// The rule is the command's own: answered, nothing written, nothing audited.
		expect(await notes.pinNote('n2', '  ')).toEqual({ ok: false, reason: 'empty' });
		expect(board.has('n2')).toBe(false);
		// The structure is the declaration's: refused before the command runs.
		await expect(core.runCommand('pinNote', ['n3', 42])).rejects.toThrow(CommandRefused);
		await expect(core.runCommand('pinNote', ['n3', 'text', 'extra'])).rejects.toThrow(
			CommandRefused
		);
		await expect(core.runCommand('noSuchCommand', [])).rejects.toThrow(CommandRefused);
		expect(board.has('n3')).toBe(false);

		// An ordinary step: the shell's Undo takes it back.
		expect(await notes.pinNote('n4', 'Inventory on Friday')).toEqual({ ok: true });
		expect(await core.undo()).toBe(true);
		expect(board.has('n4')).toBe(false);

		// A token step: its own undo, kept for exactly this step; audited once.
		const { result, undo } = await notes.unpinNote('n1');
		expect(result).toEqual({ ok: true });
		expect(board.has('n1')).toBe(false);
		expect(audited).toEqual([{ action: 'delete', what: 'unpinNote', rows: 2 }]);
		const log = () =>
			[...core.ws.doc.getMap(AUDIT_ROOT).entries()].map(([key, value]) =>
				readAuditEntry(key, value)
			);
		expect(log()).toEqual([
			expect.objectContaining({ action: 'delete', what: 'unpinNote', rows: 2, by: 'member-1' })
		]);
		expect(await undo()).toBe(true);
		expect(board.get('n1')).toBe('Closed on Monday');
		// Undoing the step never takes its log entry back.
		expect(log()).toHaveLength(1);
		expect(await undo()).toBe(false);
		// A refused token step hands out no undo and writes no audit entry.
		const refused = await notes.unpinNote('nothing-here');
		expect(refused.result).toEqual({ ok: false });
		expect(await refused.undo()).toBe(false);
		expect(audited).toHaveLength(1);
	});

	it('refuses a name declared twice, within the app or added later', () => {
		const registry = new CommandRegistry();
		for (const commands of FEATURE_COMMANDS) registry.register(commands);
		expect(registry.names().length).toBe(
			FEATURE_COMMANDS.reduce((sum, commands) => sum + Object.keys(commands).length, 0)
		);
		expect(() => registry.register({ createCustomer: noteCommands.pinNote })).toThrow(
			'declared twice'
		);
	});

	it('writes a command that is never undone with its own origin', async () => {
		const { core } = coreWith(appCommandRegistry());
		const backup = new Y.Doc();
		backup.getMap<Y.Map<unknown>>('customers').set('from-backup', new Y.Map());
		await core.runCommand('mergeBackup', [Y.encodeStateAsUpdate(backup)]);
		expect(core.ws.customers.has('from-backup')).toBe(true);
		expect(await core.undo()).toBe(false);
		expect(core.ws.customers.has('from-backup')).toBe(true);
	});

	it('loads the commands with the first one run, once, and checks its arguments then', async () => {
		let loads = 0;
		const id = `registry-lazy-${opened++}`;
		const core = new WorkspaceCore(
			'member-1',
			{
				docDbName: `doc-${id}`,
				projectionDbName: `projection-${id}`,
				tabChannelName: `tabs-${id}`
			},
			{ onView: () => {}, onReplacedElsewhere: () => {} },
			async () => {
				loads++;
				const registry = new CommandRegistry();
				registry.register(noteCommands);
				return registry;
			}
		);
		await core.whenReady();
		expect(loads).toBe(0);
		await expect(core.runCommand('pinNote', ['a'])).rejects.toBeInstanceOf(CommandRefused);
		await expect(core.runCommand('noSuchCommand', [])).rejects.toThrow('there is no command');
		expect((await core.runCommand('pinNote', ['a', 'Closed Monday'])).result).toEqual({ ok: true });
		expect(notesOf({ ws: core.ws } as CommandContext).get('a')).toBe('Closed Monday');
		expect(loads).toBe(1);
	});

	it('tries loading the commands again after a load that failed', async () => {
		let loads = 0;
		const id = `registry-retry-${opened++}`;
		const core = new WorkspaceCore(
			'member-1',
			{
				docDbName: `doc-${id}`,
				projectionDbName: `projection-${id}`,
				tabChannelName: `tabs-${id}`
			},
			{ onView: () => {}, onReplacedElsewhere: () => {} },
			async () => {
				if (++loads === 1) throw new Error('Failed to fetch dynamically imported module');
				const registry = new CommandRegistry();
				registry.register(noteCommands);
				return registry;
			}
		);
		await core.whenReady();
		await expect(core.runCommand('pinNote', ['a', 'x'])).rejects.toThrow('Failed to fetch');
		expect((await core.runCommand('pinNote', ['a', 'Open Sunday'])).result).toEqual({ ok: true });
		expect(loads).toBe(2);
	});
});
