import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomers, openCustomers } from './support/app';
import { syncedColleagues } from './support/sync';

async function openAuditLog(page: Page) {
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Audit log' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
}

const entries = (page: Page) =>
	page.getByRole('table', { name: 'Audit log entries' }).locator('tbody tr');

test('an export is logged with its rows, and the log shows it on a colleague’s device', async ({
	browser
}) => {
	test.slow();
	const { li, wang } = await syncedColleagues(browser);
	await openAuditLog(wang);
	// Wang's joining is the first entry.
	await expect(entries(wang)).toHaveCount(1);
	await expect(entries(wang).first()).toContainText('Joined the team');
	await expect(entries(wang).first()).toContainText('keepArchive');

	await openCustomers(li);
	await createCustomers(li, [
		{ name: 'Zhao Min', phone: '13800138001' },
		{ name: 'Qian Li', phone: '13800138002' },
		{ name: 'Sun Wei', phone: '13800138003' }
	]);
	await li.goto('/export');
	await li.getByRole('radio', { name: /^All customers \(3\)/ }).check();
	await li.getByRole('radio', { name: /^CSV/ }).check();
	const download = li.waitForEvent('download');
	await li.getByRole('button', { name: 'Download' }).click();
	await download;
	await expect(li.getByRole('status')).toContainText('Exported');

	// On Wang's device, without reloading: who, what and how many rows — no customer's data.
	const row = entries(wang).filter({ hasText: 'all.csv' });
	await expect(row).toContainText('Export');
	await expect(row).toContainText('all.csv');
	await expect(row).toContainText('Li');
	await expect(row.getByRole('cell').nth(4)).toHaveText('3');
	await expect(entries(wang)).toHaveCount(2);
	await expect(wang.getByRole('table', { name: 'Audit log entries' })).not.toContainText(
		'Zhao Min'
	);

	// Filters narrow it; "Show all entries" brings it back.
	await wang.getByLabel('Action').selectOption({ label: 'Merge' });
	await expect(wang.getByText('No entry matches these filters.')).toBeVisible();
	await wang.getByRole('button', { name: 'Show all entries' }).click();
	await expect(entries(wang)).toHaveCount(2);
	await wang.getByLabel('Who').selectOption({ label: 'Li' });
	await expect(entries(wang)).toHaveCount(1);
	await expect(entries(wang).first()).toContainText('all.csv');

	// The log exports as CSV, and that export is logged too (and reaches Li).
	const logFile = wang.waitForEvent('download');
	await wang.getByRole('button', { name: 'Export the shown entries (CSV)' }).click();
	const csv = readFileSync((await (await logFile).path())!, 'utf8');
	expect(csv).toContain('When,Who,Device,Action,What,Rows');
	expect(csv).toMatch(/Li,[^,]*,Export,all\.csv,3/);
	await openAuditLog(li);
	await expect(entries(li)).toHaveCount(3);
	await expect(entries(li).first()).toContainText('auditLog');
	await expect(entries(li).first()).toContainText('Wang');

	// Nothing in the app edits or deletes an entry.
	await expect(li.getByRole('button', { name: /delete|remove|edit/i })).toHaveCount(0);
});
