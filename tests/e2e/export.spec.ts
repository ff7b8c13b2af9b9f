import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { readFileSync } from 'node:fs';
import { createCustomer, customerList, openCustomers } from './support/app';
import { checkAndImport, chooseImportFile, fixturePath } from './support/import';

async function exportCsv(page: Page, scope: RegExp): Promise<{ path: string; text: string }> {
	await page.goto('/export');
	await page.getByRole('radio', { name: scope }).check();
	await page.getByRole('radio', { name: /^CSV/ }).check();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download' }).click();
	const path = (await (await download).path())!;
	await expect(page.getByRole('status')).toContainText('Exported');
	return { path, text: readFileSync(path, 'utf8') };
}

test('export CSV, import it into a fresh profile: the same customers with the same values', async ({
	page,
	browser
}) => {
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await checkAndImport(page);
	await openCustomers(page);
	await createCustomer(page, {
		name: '=1+1 Formula Fan',
		phone: '+86 139 0013 9000',
		email: 'fan@example.com',
		tags: 'VIP, tea lover',
		stage: 'Active'
	});
	const first = await exportCsv(page, /^All customers \(6\)/);
	expect(first.text).toContain("'=1+1 Formula Fan");

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await chooseImportFile(other, first.path);
	await checkAndImport(other);
	await openCustomers(other);
	await expect(other.getByText('6 of 6 customers')).toBeVisible();
	await customerList(other)
		.getByRole('link', { name: /=1\+1 Formula Fan/ })
		.click();
	await expect(other.getByRole('heading', { level: 1, name: '=1+1 Formula Fan' })).toBeVisible();

	// The fresh profile exports exactly the same file: every customer, every value.
	const second = await exportCsv(other, /^All customers \(6\)/);
	expect(second.text).toBe(first.text);
	await fresh.close();
});

test('the current list exports with its filters, as Excel and as contact cards', async ({
	page
}) => {
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await checkAndImport(page);
	await openCustomers(page);
	await page.getByLabel('Search customers').fill('wangxiuying');
	await expect(page.getByText('1 of 5 customers')).toBeVisible();
	await page.getByRole('link', { name: 'Export' }).click();
	await expect(
		page.getByRole('radio', { name: 'Customers in the current list (1)' })
	).toBeChecked();

	await page.getByRole('radio', { name: /^Contact cards/ }).check();
	let download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download' }).click();
	const vcf = readFileSync((await (await download).path())!, 'utf8');
	expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(1);
	expect(vcf).toContain('FN:王秀英');

	await page.getByRole('radio', { name: /^Excel workbook/ }).check();
	download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download' }).click();
	const xlsx = await download;
	expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
	// A real workbook (a zip) that the import reads back.
	await chooseImportFile(page, (await xlsx.path())!);
	await expect(page.getByRole('table').getByRole('cell', { name: '王秀英' })).toBeVisible();
});

test('purchases export as CSV and the file imports back as already recorded', async ({ page }) => {
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await checkAndImport(page);
	await chooseImportFile(page, fixturePath('purchases-wechat-shop.csv'));
	await page.getByRole('button', { name: 'Check rows' }).click();
	await page.getByRole('button', { name: 'Import 4 purchases' }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();

	const exported = await exportCsv(page, /^Purchases \(4\)/);
	expect(exported.text).toContain('龙井茶');
	expect(exported.text.split('\r\n')[0]).toContain('Purchase no.');

	await chooseImportFile(page, exported.path);
	await expect(page.getByRole('radio', { name: /^Purchases/ })).toBeChecked();
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByText('4 already recorded (skipped)')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Import 0 purchases' })).toBeDisabled();
});
