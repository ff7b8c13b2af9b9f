import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUDIT_ROOT } from '../../src/lib/core/audit-action';
import { auditEntriesOf, readAuditEntry } from '../../src/lib/features/audit/audit-entries';
import { appendAuditEntry, auditEntryUpdate } from '../../src/lib/features/audit/audit-writes';
import { auditTable, filterAudit, NO_AUDIT_FILTER } from '../../src/lib/features/audit/audit-view';
import { deviceLabel } from '../../src/lib/features/audit/rules/device-label';
import { WorkspaceCore } from '../../src/lib/workspace/workspace-core';
import { customer } from './helpers';

const author = (at: number, by = 'member-a') => ({ at, by, device: 'Chrome on Android' });
const ORIGIN = { audit: true };

describe('the audit log', () => {
	it('reads what was written, newest first, and skips what is not an entry', () => {
		const doc = new Y.Doc();
		appendAuditEntry(doc, { action: 'export', what: 'all.csv', rows: 12 }, author(1_000), ORIGIN);
		appendAuditEntry(doc, { action: 'erase', what: 'customer' }, author(2_000, 'member-b'), ORIGIN);
		const log = doc.getMap(AUDIT_ROOT);
		// What a stranger on the relay or an old device might have put there.
		log.set('junk-1', 'not an entry');
		log.set('junk-2', { at: 3_000, action: 'drop tables', by: 'x' });
		log.set('junk-3', { at: 'yesterday', action: 'export' });
		log.set('odd-rows', { at: 4_000, action: 'import', by: 'x', what: 'y', rows: -3 });
		const entries = auditEntriesOf(doc);
		expect(entries.map((entry) => entry.action)).toEqual(['import', 'erase', 'export']);
		// A negative or fractional count is no count: the entry stays, without one.
		expect(entries[0]).not.toHaveProperty('rows');
		expect(entries[2]).toMatchObject({ by: 'member-a', device: 'Chrome on Android', rows: 12 });
		expect(readAuditEntry('x', null)).toBeNull();
	});

	it('cuts long words so an entry stays small', () => {
		const doc = new Y.Doc();
		appendAuditEntry(doc, { action: 'export', what: 'x'.repeat(500) }, author(1), ORIGIN);
		expect(auditEntriesOf(doc)[0]!.what).toHaveLength(60);
	});

	it('merges an entry written apart into an archive as a colleague’s would', () => {
		const archive = new Y.Doc();
		appendAuditEntry(archive, { action: 'backup', what: 'plain' }, author(1), ORIGIN);
		const restored = new Y.Doc();
		Y.applyUpdate(
			restored,
			Y.mergeUpdates([
				Y.encodeStateAsUpdate(archive),
				auditEntryUpdate({ action: 'restore', what: 'replaceWithBackup' }, author(2))
			])
		);
		expect(auditEntriesOf(restored).map((entry) => entry.action)).toEqual(['restore', 'backup']);
	});

	it('filters by action, member and local calendar days, both ends included', () => {
		const day = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
		const doc = new Y.Doc();
		appendAuditEntry(doc, { action: 'export', what: 'a' }, author(day(2026, 12, 1, 0)), ORIGIN);
		appendAuditEntry(
			doc,
			{ action: 'export', what: 'b' },
			author(day(2026, 12, 2, 23), 'member-b'),
			ORIGIN
		);
		appendAuditEntry(doc, { action: 'merge', what: 'c' }, author(day(2026, 12, 3)), ORIGIN);
		const entries = auditEntriesOf(doc);
		const whats = (filter: Partial<typeof NO_AUDIT_FILTER>) =>
			filterAudit(entries, { ...NO_AUDIT_FILTER, ...filter }).map((entry) => entry.what);
		expect(whats({})).toEqual(['c', 'b', 'a']);
		expect(whats({ action: 'export' })).toEqual(['b', 'a']);
		expect(whats({ member: 'member-b' })).toEqual(['b']);
		// Midnight and 23:00 local belong to their own days.
		expect(whats({ from: '2026-12-01', to: '2026-12-01' })).toEqual(['a']);
		expect(whats({ from: '2026-12-02' })).toEqual(['c', 'b']);
		expect(whats({ to: '2026-12-02' })).toEqual(['b', 'a']);
	});

	it('writes a table in the reader’s words, never more than the entry holds', () => {
		const doc = new Y.Doc();
		appendAuditEntry(
			doc,
			{ action: 'import', what: 'importCustomers', rows: 40 },
			author(5),
			ORIGIN
		);
		const table = auditTable(auditEntriesOf(doc), {
			headers: ['When', 'Who', 'Device', 'Action', 'What', 'Rows'],
			action: (action) => `«${action}»`,
			member: (id) => `name of ${id}`,
			time: (at) => `t${at}`
		});
		expect(table).toEqual([
			['When', 'Who', 'Device', 'Action', 'What', 'Rows'],
			['t5', 'name of member-a', 'Chrome on Android', '«import»', 'importCustomers', '40']
		]);
	});
});

describe('naming a device', () => {
	it.each([
		[
			'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
			'Chrome on Android'
		],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
			'Safari on iOS'
		],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
			'Edge on Windows'
		],
		[
			'Mozilla/5.0 (Linux; Android 12; V2118A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0 Mobile Safari/537.36 MicroMessenger/8.0.47',
			'WeChat on Android'
		],
		[
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
			'Firefox on macOS'
		],
		['', 'Browser']
	])('%s', (agent, label) => expect(deviceLabel(agent)).toBe(label));
});

describe('what the worker logs itself', () => {
	let opened = 0;
	async function openCore() {
		const id = `audit-${opened++}`;
		const core = new WorkspaceCore(
			'member-a',
			{
				docDbName: `doc-${id}`,
				projectionDbName: `projection-${id}`,
				tabChannelName: `tabs-${id}`
			},
			{ onView: () => {}, onReplacedElsewhere: () => {} }
		);
		await core.whenReady();
		return core;
	}

	it('logs a backup, an import, an erasure and the page’s own export, and nothing else', async () => {
		const core = await openCore();
		const created = (await core.runCommand('createCustomer', [customer({ name: 'Li Na' })]))
			.result as { ok: true; value: string };
		await core.runCommand('updateCustomer', [created.value, { city: 'Hangzhou' }]);
		await core.writeBackup(undefined);
		await core.runJob(
			'importCustomers',
			[{ create: [customer({ name: 'Wang Fang' })], update: [] }],
			{
				onProgress: () => {},
				signal: new AbortController().signal
			}
		);
		await core.runCommand('recordAudit', [{ action: 'export', what: 'all.csv', rows: 2 }]);
		await core.eraseCustomer(created.value);
		const log = await core.auditLog();
		expect(log.map(({ action, what, rows }) => ({ action, what, rows }))).toEqual([
			{ action: 'erase', what: 'customer', rows: expect.any(Number) },
			{ action: 'export', what: 'all.csv', rows: 2 },
			{ action: 'import', what: 'importCustomers', rows: 1 },
			{ action: 'backup', what: 'plain', rows: 1 }
		]);
		// Never the customer's data: no name in any entry.
		expect(JSON.stringify(log)).not.toMatch(/Li Na|Wang Fang|Hangzhou/);
		// Undo never takes an entry back.
		await core.undo();
		expect(await core.auditLog()).toHaveLength(4);
	});

	it('refuses a page’s entry that is not one of the log’s actions', async () => {
		const core = await openCore();
		await expect(core.runCommand('recordAudit', [{ action: 'wipe', what: 'x' }])).rejects.toThrow();
		await expect(
			core.runCommand('recordAudit', [{ action: 'export', what: 'x', rows: 1.5 }])
		).rejects.toThrow();
		await expect(
			core.runCommand('recordAudit', [{ action: 'export', what: 'x', name: 'Li Na' }])
		).rejects.toThrow();
		expect(await core.auditLog()).toEqual([]);
	});
});
