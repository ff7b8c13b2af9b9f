import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, customerList, openCustomers } from './support/app';
import { editField, openCustomer, syncedColleagues } from './support/sync';
import { scanStorage } from './support/storage-scan';

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

const ERASED = 'Ouyang Zhixuan';
const ERASED_PHONES = ['13512345678', '13687654321', '13711223344'];

test('erased on one device: no byte of the customer stays on either synced device, and an older backup cannot bring them back', async ({
	browser
}) => {
	test.slow();
	const { li, wang } = await syncedColleagues(browser);
	await openCustomers(li);
	await createCustomer(li, { name: 'Qian Duoduo' });
	await openCustomers(li);
	await createCustomer(li, { name: ERASED, phone: ERASED_PHONES[0] });
	await editField(li, ERASED, 'Phone', ERASED_PHONES[1]!);
	await editField(li, ERASED, 'Phone', ERASED_PHONES[2]!);
	await openCustomer(wang, ERASED);
	await expect(wang.getByRole('region', { name: 'Contact' })).toContainText('137 1122 3344');
	const words = [ERASED, ...ERASED_PHONES];
	expect(await scanStorage(wang, words)).not.toEqual([]);

	// Wang kept a backup while the customer was there.
	await wang.goto('/backup');
	await wang.getByLabel('Protect the file with a passphrase').uncheck();
	const download = wang.waitForEvent('download');
	await wang.getByRole('button', { name: 'Download backup' }).click();
	const backup = (await (await download).path())!;

	await openCustomer(li, ERASED);
	await li.getByRole('link', { name: 'Data & privacy' }).click();
	await li.getByRole('button', { name: 'Erase personal data…' }).click();
	const dialog = li.getByRole('dialog', { name: `Erase all data of ${ERASED}?` });
	await expect(dialog).toContainText('This cannot be undone.');
	const erase = dialog.getByRole('button', { name: 'Erase for good' });
	await expect(erase).toBeDisabled();
	await dialog.getByLabel(/^Type the customer’s name to confirm/).fill('Ouyang');
	await expect(erase).toBeDisabled();
	await dialog.getByLabel(/^Type the customer’s name to confirm/).fill(ERASED.toLowerCase());
	await erase.click();
	await expect(li.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	await expect(
		li.getByRole('status').filter({ hasText: `The data of ${ERASED} was erased` })
	).toBeVisible();
	await expect(customerList(li).getByRole('link', { name: new RegExp(ERASED) })).toHaveCount(0);

	await expect(
		wang.getByRole('status').filter({ hasText: 'A colleague erased a customer’s data' })
	).toBeVisible();
	await expect.poll(() => scanStorage(li, words)).toEqual([]);
	await expect.poll(() => scanStorage(wang, words)).toEqual([]);

	// The older backup, restored in place of Wang's archive, comes without the customer.
	await wang.goto('/backup');
	await wang.getByLabel('Backup file').setInputFiles(backup);
	await wang.getByRole('radio', { name: /^Replace:/ }).check();
	await wang.getByRole('button', { name: 'Restore' }).click();
	await expect(wang.getByText('The archive was replaced with the backup.')).toBeVisible();
	await expect(
		wang.getByRole('status').filter({
			hasText: '1 customer in this backup had their data erased here; they were left out.'
		})
	).toBeVisible();
	await openCustomers(wang);
	await expect(customerList(wang).getByRole('link', { name: /Qian Duoduo/ })).toBeVisible();
	await expect(customerList(wang).getByRole('link', { name: new RegExp(ERASED) })).toHaveCount(0);
	await expect.poll(() => scanStorage(wang, words)).toEqual([]);
});

test('page titles name no customer unless this device turns them on', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Lin Xiaoyu' });
	await expect(page).toHaveTitle('Customer · Clientbook');
	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page).toHaveTitle('Edit customer · Clientbook');

	await page.goto('/settings');
	const privacy = page.getByRole('region', { name: 'Privacy on this device' });
	await privacy.getByRole('checkbox', { name: 'Show customers’ names in page titles' }).check();
	await openCustomer(page, 'Lin Xiaoyu');
	await expect(page).toHaveTitle('Lin Xiaoyu · Clientbook');
	// A choice of this device, kept across visits.
	await page.reload();
	await expect(page).toHaveTitle('Lin Xiaoyu · Clientbook');
});

test('the built page carries a Content-Security-Policy: scripts from the app and hashed inline ones only', async ({
	request
}) => {
	const html = await (await request.get('/customers')).text();
	const policy = /<meta http-equiv="content-security-policy" content="([^"]+)">/.exec(html)?.[1];
	expect(policy).toBeDefined();
	const scriptSrc = policy!
		.split(';')
		.find((directive) => directive.trim().startsWith('script-src'))!;
	expect(scriptSrc).toContain("'self'");
	expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
	expect(scriptSrc).not.toContain('unsafe-inline');
	expect(scriptSrc).not.toContain('unsafe-eval');
	expect(policy).toContain("object-src 'none'");
	// Every journey also fails on a violation (support/test.ts); this one loads the app under it.
});
