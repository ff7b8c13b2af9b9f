import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { writeBackup } from '../../src/lib/features/backup/backup-file';
import { workspaceDoc } from '../../src/lib/crdt/workspace-doc';
import { createCustomer, customerList, openCustomers } from './support/app';
import { expect, test } from './support/test';

/**
 * A backup file as another program might write one, following docs/sync-schema.md loosely:
 * one good customer, and records the app cannot read.
 */
async function backupWithGarbage(): Promise<string> {
	const doc = new Y.Doc();
	const ws = workspaceDoc(doc);
	doc.transact(() => {
		const good = new Y.Map<unknown>();
		ws.customers.set('from-elsewhere', good);
		good.set('name', 'Zhao Min');
		good.set('createdAt', Date.UTC(2026, 10, 1));
		good.set('updatedAt', Date.UTC(2026, 10, 1));
		ws.customers.set('a-name-not-a-record', 'Qian Li');
		ws.purchases.set('cut-off', '{"customerId":"from-elsewhere","lines":[');
		ws.purchases.set('nobody', JSON.stringify({ at: Date.UTC(2026, 10, 2), lines: [] }));
		ws.tasks.set('a-text-task', 'call back on Friday');
		ws.tagColors.set('vip', 'ultraviolet');
	});
	const { bytes } = await writeBackup(ws);
	const path = join(mkdtempSync(join(tmpdir(), 'clientbook-garbage-')), 'other-program.clientbook');
	writeFileSync(path, bytes);
	return path;
}

test('records another program wrote badly are skipped, counted in Settings, and break nothing', async ({
	page
}) => {
	const file = await backupWithGarbage();
	await openCustomers(page);
	await createCustomer(page, { name: 'Made Here' });

	await page.goto('/settings');
	const health = page.getByRole('region', { name: 'Data health' });
	await expect(health.getByText('Every record in the archive can be read.')).toBeVisible();

	await page.goto('/backup');
	await page.getByLabel('Backup file').setInputFiles(file);
	await page.getByRole('radio', { name: /^Merge/ }).check();
	await page.getByRole('button', { name: 'Restore' }).click();
	await expect(page.getByText('Backup restored: the archive now holds 2 customers.')).toBeVisible();

	// The readable customer arrived; the lists still work around what was skipped.
	await openCustomers(page);
	await expect(page.getByText('2 of 2 customers')).toBeVisible();
	await expect(customerList(page).getByRole('link', { name: /Zhao Min/ })).toBeVisible();

	await page.goto('/settings');
	await expect(health.getByText(/could not be read and are left out/)).toBeVisible();
	const counts = health.getByRole('listitem');
	await expect(counts).toHaveText([
		'Customers: one record skipped',
		'Purchases: 2 records skipped',
		'Follow-ups: one record skipped',
		'Tag colours: one record skipped'
	]);

	// …and in Chinese.
	await page.getByLabel('Language').selectOption('zh-CN');
	await expect(
		page.getByRole('region', { name: '数据健康' }).getByRole('listitem').first()
	).toHaveText('客户：略过 1 条记录');
});
