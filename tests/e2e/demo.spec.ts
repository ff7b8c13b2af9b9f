import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, customerList, notices, openCustomers } from './support/app';

function demoSection(page: Page) {
	return page.getByRole('region', { name: 'Demo shop' });
}

test('the demo is added beside the shop’s own customers only when asked, and never twice', async ({
	page
}) => {
	test.slow();
	await openCustomers(page);
	await createCustomer(page, { name: 'Hand Made Customer', phone: '139 0013 8002' });

	await page.goto('/settings');
	await demoSection(page).getByRole('button', { name: 'Load demo shop' }).click();
	const ask = page.getByRole('dialog', { name: 'Add the demo shop to your archive?' });
	await expect(ask).toContainText('Your archive already holds 1 customer of your own.');
	await expect(ask).toContainText(
		'The demo adds 300 made-up customers with a year of purchases, conversations and follow-ups, and 8 products to the catalogue.'
	);
	// Saying no adds nothing.
	await ask.getByRole('button', { name: 'Cancel' }).click();
	await expect(ask).toBeHidden();
	await expect(page.getByText('1 customer stored on this device.')).toBeVisible();

	await demoSection(page).getByRole('button', { name: 'Load demo shop' }).click();
	await ask.getByRole('button', { name: 'Add the demo shop' }).click();
	await expect(notices(page).getByText('Added 300 demo customers')).toBeVisible();
	await expect(page.getByText('301 customers stored on this device.')).toBeVisible();

	// Once it is here, the section offers removal instead: a second demo cannot be added.
	await expect(demoSection(page)).toContainText('The demo shop is in this archive (300 made-up');
	await expect(demoSection(page).getByRole('button', { name: 'Load demo shop' })).toHaveCount(0);
	// The button pressed has gone: focus is on the one that took its place.
	await expect(
		demoSection(page).getByRole('button', { name: 'Remove the demo data' })
	).toBeFocused();
	await page.reload();
	await expect(
		demoSection(page).getByRole('button', { name: 'Remove the demo data' })
	).toBeVisible();
	await expect(demoSection(page).getByRole('button', { name: 'Load demo shop' })).toHaveCount(0);
	await expect(page.getByText('301 customers stored on this device.')).toBeVisible();
});

test('"Remove the demo data" names demo customers worked on, removes them all, and leaves the shop’s own', async ({
	page
}) => {
	test.slow();
	// Into an empty archive the demo goes at once.
	await page.goto('/settings');
	await demoSection(page).getByRole('button', { name: 'Load demo shop' }).click();
	await expect(notices(page).getByText('Added 300 demo customers')).toBeVisible();
	await expect(page.getByText('300 customers stored on this device.')).toBeVisible();

	// The shop adds a customer of its own, and records a real sale for one demo customer.
	await openCustomers(page);
	await createCustomer(page, { name: 'Hand Made Customer', phone: '139 0013 8002' });
	await openCustomers(page);
	const demoCustomer = customerList(page).getByRole('link').first();
	await expect(demoCustomer).not.toContainText('Hand Made Customer');
	await demoCustomer.click();
	// Read the profile's heading, not the list's while the route is still changing.
	await expect(page.getByRole('button', { name: 'Add purchase' })).toBeVisible();
	const demoName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
	expect(demoName).not.toBe('Customers');
	await addPurchase(page, 'Real tea', '10');

	await page.goto('/settings');
	await demoSection(page).getByRole('button', { name: 'Remove the demo data' }).click();
	const ask = page.getByRole('dialog', { name: 'Remove the demo data?' });
	await expect(ask).toContainText(/This removes 300 demo customers with \d+ purchases/);
	await expect(ask).toContainText('Customers you added yourself are not touched.');
	await expect(ask).toContainText('1 demo customer was changed by hand.');
	await expect(ask.getByRole('listitem')).toHaveCount(1);
	await expect(ask.getByRole('listitem')).toContainText(demoName);
	await expect(ask.getByRole('listitem')).toContainText('1 purchase recorded by hand');
	await ask.getByRole('button', { name: 'Yes, remove the demo data' }).click();
	await expect(notices(page).getByText('Removed the demo data (300 customers)')).toBeVisible();
	await expect(page.getByText('1 customer stored on this device.')).toBeVisible();

	// One undo step brings it all back, and removing again takes it all away.
	await notices(page).getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByText('301 customers stored on this device.')).toBeVisible();
	await demoSection(page).getByRole('button', { name: 'Remove the demo data' }).click();
	await ask.getByRole('button', { name: 'Yes, remove the demo data' }).click();
	await expect(page.getByText('1 customer stored on this device.')).toBeVisible();
	await expect(demoSection(page).getByRole('button', { name: 'Load demo shop' })).toBeVisible();

	await openCustomers(page);
	await expect(page.getByText('1 of 1 customers')).toBeVisible();
	await expect(customerList(page).getByRole('link', { name: /Hand Made Customer/ })).toBeVisible();
	await expect(customerList(page).getByRole('link', { name: new RegExp(demoName) })).toHaveCount(0);
});

test('with a Chinese UI the demo shop is written in Chinese', async ({ page }) => {
	test.slow();
	await page.goto('/settings');
	await page.getByLabel('Language').selectOption('zh-CN');
	await page
		.getByRole('region', { name: '示例店铺' })
		.getByRole('button', { name: '载入示例店铺' })
		.click();
	await expect(page.getByText('已添加 300 位示例客户')).toBeVisible();

	const products = page.getByRole('region', { name: '商品' });
	await expect(products.getByText('乌龙茶', { exact: true })).toBeVisible();
	await expect(products.getByText('茉莉绿茶', { exact: true })).toBeVisible();
	await expect(products.getByText('Jasmine green tea')).toHaveCount(0);
	await expect(products.getByText('Tea sampler')).toHaveCount(0);

	await page.goto('/customers');
	const list = page.getByRole('list', { name: '客户列表' });
	await expect(list.getByRole('link').first()).toBeVisible();
	const names = await list
		.getByRole('link')
		.evaluateAll((links) =>
			links.map((link) => link.querySelector('span span')?.textContent ?? '')
		);
	expect(names.length).toBeGreaterThan(3);
	expect(names.filter((name) => !/\p{Script=Han}/u.test(name))).toEqual([]);
});
