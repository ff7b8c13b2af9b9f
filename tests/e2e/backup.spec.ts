import { statSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';

async function loadDemoShop(page: Page) {
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Load demo shop' }).click();
	await expect(page.getByText('300 customers stored on this device.')).toBeVisible();
}

async function holdings(page: Page): Promise<string> {
	await page.goto('/backup');
	const line = page.getByText(/^The archive holds \d+ customers/);
	await expect(line).toBeVisible();
	await expect(line).not.toContainText('holds 0 customers');
	return (await line.textContent())!.trim();
}

async function downloadBackup(page: Page, passphrase?: string): Promise<string> {
	await page.goto('/backup');
	const protect = page.getByLabel('Protect the file with a passphrase');
	// Encrypted unless the person says otherwise, and then warned what that means.
	await expect(protect).toBeChecked();
	if (passphrase) {
		const making = page.getByRole('region', { name: 'Make a backup' });
		await making.getByLabel('Passphrase', { exact: true }).fill(passphrase);
		await making.getByLabel('Passphrase again').fill(passphrase);
	} else {
		await protect.uncheck();
		await expect(
			page.getByText(/^Without a passphrase, anyone who gets hold of the file/)
		).toBeVisible();
	}
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download backup' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^clientbook-backup-\d{4}-\d{2}-\d{2}\.clientbook$/);
	await expect(page.getByRole('status').filter({ hasText: 'Backup saved' })).toBeVisible();
	return (await file.path())!;
}

test('an encrypted backup restores everything in a new browser; a wrong passphrase changes nothing', async ({
	page,
	browser
}) => {
	// A year of demo activity and three 600,000-round key derivations take a while on 2 cores.
	test.slow();
	await loadDemoShop(page);
	const before = await holdings(page);
	const path = await downloadBackup(page, 'plum blossom 2026');
	await expect(page.getByText(/^Last backup on this device:/)).toBeVisible();

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await openCustomers(other);
	await createCustomer(other, { name: 'Only On The New Device' });
	await other.goto('/backup');
	await other.getByLabel('Backup file').setInputFiles(path);
	const restoring = other.getByRole('region', { name: 'Restore from a backup' });
	await restoring.getByLabel('Passphrase', { exact: true }).fill('wrong words');
	await other.getByRole('button', { name: 'Open backup' }).click();
	await expect(other.getByRole('alert')).toContainText('Wrong passphrase');
	await expect(other.getByText('The archive holds one customer')).toBeVisible();

	await restoring.getByLabel('Passphrase', { exact: true }).fill('plum blossom 2026');
	await other.getByRole('button', { name: 'Open backup' }).click();
	await expect(other.getByText(/This backup from .* holds 300 customers/)).toBeVisible();
	await other.getByRole('radio', { name: /^Replace:/ }).check();
	await expect(other.getByText(/Replacing deletes every customer/)).toBeVisible();
	// What is about to go can be kept first: a backup of this device's archive, one customer.
	const current = other.waitForEvent('download');
	await other.getByRole('button', { name: 'Download this device’s archive first' }).click();
	const kept = await current;
	expect(kept.suggestedFilename()).toMatch(/^clientbook-backup-.*\.clientbook$/);
	await expect(
		other.getByRole('status').filter({ hasText: kept.suggestedFilename() })
	).toBeVisible();
	expect(statSync(await kept.path()).size).toBeGreaterThan(0);
	await other.getByRole('button', { name: 'Restore' }).click();
	await expect(other.getByText('The archive was replaced with the backup.')).toBeVisible();
	expect(await holdings(other)).toBe(before);
	await openCustomers(other);
	await expect(other.getByText('300 of 300 customers')).toBeVisible();
	await expect(
		customerList(other).getByRole('link', { name: /Only On The New Device/ })
	).toHaveCount(0);
	await fresh.close();
});

test('restoring into an archive with customers can merge, keeping both', async ({
	page,
	browser
}) => {
	// Three browsers, each opening the app and restoring: about 40 s on a 2-core machine.
	test.slow();
	await openCustomers(page);
	await createCustomer(page, { name: 'From The Backup', phone: '13800138001' });
	const path = await downloadBackup(page);

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await openCustomers(other);
	await createCustomer(other, { name: 'Already Here' });
	await other.goto('/backup');
	await other.getByLabel('Backup file').setInputFiles(path);
	await expect(
		other.getByText(/^This backup from .* holds one customer, 0 purchases/)
	).toBeVisible();
	await expect(other.getByRole('radio', { name: /^Merge:/ })).toBeChecked();
	await other.getByRole('button', { name: 'Restore' }).click();
	await expect(
		other.getByText('Backup restored: the archive now holds 2 customers.')
	).toBeVisible();
	await openCustomers(other);
	await expect(customerList(other).getByRole('link', { name: /From The Backup/ })).toBeVisible();
	await expect(customerList(other).getByRole('link', { name: /Already Here/ })).toBeVisible();
	await fresh.close();

	// Into an empty browser there is nothing to choose: the backup simply comes back.
	const empty = await browser.newContext();
	const third = await empty.newPage();
	await third.goto('/backup');
	await third.getByLabel('Backup file').setInputFiles(path);
	await expect(third.getByRole('radio', { name: /^Merge:/ })).toHaveCount(0);
	await third.getByRole('button', { name: 'Restore' }).click();
	await expect(
		third.getByText('Backup restored: the archive now holds one customer.')
	).toBeVisible();
	await openCustomers(third);
	await expect(customerList(third).getByRole('link', { name: /From The Backup/ })).toBeVisible();
	await empty.close();
});

test('a file that is not a backup is refused with a clear message', async ({ page }) => {
	await page.goto('/backup');
	await page.getByLabel('Backup file').setInputFiles({
		name: 'customers.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Name,Phone\nA,1\n')
	});
	await expect(page.getByRole('alert')).toContainText('not a Clientbook backup file');
});

test('Settings and Today remind to back up once there are customers', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Needs A Backup' });
	await page.goto('/today');
	const reminder = page.getByRole('complementary', { name: 'Backup and restore' });
	await expect(reminder).toContainText('You have not made a backup yet');
	await reminder.getByRole('link', { name: 'Back up now' }).click();
	await downloadBackup(page);
	await page.goto('/settings');
	await expect(page.getByText(/^Last backup on this device:/)).toBeVisible();
	await expect(page.getByRole('complementary', { name: 'Backup and restore' })).toHaveCount(0);
});
