import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';

test('after one online visit the app loads and works with the network cut', async ({
	page,
	context
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Online Olivia' });
	// Wait until the service worker has installed the app shell and controls the page.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Online Olivia' })).toBeVisible();
	await openCustomers(page);
	await expect(customerList(page).getByRole('link', { name: /Online Olivia/ })).toBeVisible();

	await createCustomer(page, { name: 'Offline Oscar', phone: '+86 139 0000 1111' });
	await page.goto('/settings');
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await openCustomers(page);
	await expect(page.getByText('2 of 2 customers')).toBeVisible();
});
