import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, openCustomers } from './support/app';

test("a customer's own data: a JSON with purchases and history, and a printable copy in Chinese", async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: '周晓雯', phone: '139 0000 5678' });
	await addPurchase(page, '乌龙茶', '120.50');
	await expect(page.getByTestId('metric-total')).toHaveText('¥120.50');
	// A changed phone: the old number stays in the history, which is hers too.
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Phone', { exact: true }).fill('139 1111 2222');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '周晓雯' })).toBeVisible();

	await page.getByRole('link', { name: 'Data & privacy' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Data & privacy' })).toBeVisible();
	const exportPart = page.getByRole('region', { name: 'Export this customer’s data' });
	await expect(exportPart).toContainText('Everything this archive holds about 周晓雯');

	const download = page.waitForEvent('download');
	await exportPart.getByRole('button', { name: 'Download JSON' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^clientbook-customer-周晓雯-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
	expect(data.format).toBe('clientbook-customer-data');
	expect(data.customer.name).toBe('周晓雯');
	expect(data.customer.phone).toBe('139 1111 2222');
	expect(data.records.purchases).toHaveLength(1);
	expect(data.records.purchases[0].lines[0]).toMatchObject({
		product: '乌龙茶',
		unitPriceCents: 12_050
	});
	expect(JSON.stringify(data.records.changes)).toContain('139 0000 5678');
	await expect(
		page.getByRole('status').filter({ hasText: 'Saved clientbook-customer-' })
	).toBeVisible();

	// The copy in the customer's language; the app around it stays in English.
	const copy = page.getByRole('article', { name: 'The copy for the customer' });
	await expect(
		copy.getByRole('heading', { name: 'Personal data held about 周晓雯' })
	).toBeVisible();
	await exportPart.getByRole('radio', { name: '简体中文' }).check();
	await expect(copy.getByRole('heading', { name: '关于周晓雯的个人数据' })).toBeVisible();
	await expect(copy).toHaveAttribute('lang', 'zh-CN');
	const purchases = copy.getByRole('region', { name: /^购买记录/ });
	await expect(purchases.getByRole('columnheader', { name: '金额' })).toBeVisible();
	await expect(purchases.getByRole('row').nth(1)).toContainText('乌龙茶 × 1');
	await expect(purchases.getByRole('row').nth(1)).toContainText('¥120.50');
	await expect(copy.getByRole('region', { name: /^资料修改记录/ })).toContainText('139 0000 5678');
	await expect(page.getByRole('heading', { level: 1, name: 'Data & privacy' })).toBeVisible();

	// Printed, the copy is all there is: the app's navigation and buttons stay off the paper.
	await page.emulateMedia({ media: 'print' });
	await expect(copy.getByRole('heading', { name: '关于周晓雯的个人数据' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Customers' }).first()).toBeHidden();
	await expect(exportPart.getByRole('button', { name: 'Download JSON' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	// A phone's width: nothing runs off the side but the tables' own scroll.
	await page.setViewportSize({ width: 360, height: 740 });
	await expect(copy.getByRole('heading', { name: '关于周晓雯的个人数据' })).toBeVisible();
	expect(
		await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBeLessThanOrEqual(0);
});

test('the data page of a customer the archive does not hold says so', async ({ page }) => {
	await openCustomers(page);
	await page.goto('/customers/no-such-customer/data');
	await expect(page.getByRole('heading', { name: /not found|no such customer/i })).toBeVisible();
});
