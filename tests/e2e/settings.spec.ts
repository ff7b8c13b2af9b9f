import { expect, test } from './support/test';
import { customerList, openCustomers } from './support/app';

test('switching the language changes every label and survives a reload', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('Language').selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
	await expect(page.getByRole('link', { name: '客户', exact: true })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

	await page.reload();
	await page.getByRole('link', { name: '客户', exact: true }).click();
	await expect(page.getByRole('button', { name: '新建客户' }).first()).toBeVisible();

	await page.getByRole('link', { name: '设置', exact: true }).click();
	await page.getByLabel('语言').selectOption('en');
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('the language follows the browser on a first visit', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto('/customers');
	await expect(page.getByRole('heading', { level: 1, name: '客户' })).toBeVisible();
	await context.close();
});

test('theme can be set to dark, light or follow the device', async ({ page }) => {
	await page.goto('/settings');
	const html = page.locator('html');
	await page.getByRole('radio', { name: 'Dark' }).check();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await page.reload();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
	await page.getByRole('radio', { name: 'Same as this device' }).check();
	await expect(html).not.toHaveAttribute('data-theme', /.+/);
});

test('settings show whether storage is persistent, and how much is used', async ({ page }) => {
	await page.goto('/settings');
	await expect(page.getByTestId('storage-persistence')).toHaveText(
		/^(Protected|Not protected yet)/
	);
	await expect(page.getByText(/used of .* available to Clientbook/)).toBeVisible();
	await expect(page.getByText('0 customers stored on this device.')).toBeVisible();
});

test('the demo shop fills a virtualised list that scrolls to the end, and can be undone', async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Load demo shop' }).click();
	await expect(page.getByRole('status').getByText('Added 300 demo customers')).toBeVisible();
	await expect(page.getByText('300 customers stored on this device.')).toBeVisible();

	await openCustomers(page);
	await expect(page.getByText('300 of 300 customers')).toBeVisible();
	const list = customerList(page);
	const rendered = await list.getByRole('listitem').count();
	expect(rendered).toBeGreaterThan(3);
	expect(rendered).toBeLessThan(60);

	// Chinese names sort by pinyin among Latin ones; the last rows are reachable by scrolling.
	await list.hover();
	for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 2000);
	const lastName = await page.evaluate(() => {
		const links = [...document.querySelectorAll('[role="list"] a')];
		return links.at(-1)?.querySelector('span span')?.textContent ?? '';
	});
	expect(lastName).not.toBe('');

	await page.goto('/settings');
	await expect(page.getByText('300 customers stored on this device.')).toBeVisible();
	await page.keyboard.press('ControlOrMeta+z');
	await expect(page.getByText('0 customers stored on this device.')).toBeVisible();
});
