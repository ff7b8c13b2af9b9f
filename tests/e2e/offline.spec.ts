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

test('the walk-in kiosk signs people up with the network cut, and stays a kiosk across a reload', async ({
	page,
	context
}) => {
	await openCustomers(page);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

	await context.setOffline(true);
	await page.goto('/sales/leads');
	await page.getByRole('button', { name: 'Kiosk mode' }).click();
	const dialog = page.getByRole('dialog', { name: 'Start kiosk mode' });
	await dialog.getByLabel('PIN', { exact: true }).fill('4321');
	await dialog.getByLabel('PIN again').fill('4321');
	await dialog.getByRole('button', { name: 'Start kiosk' }).click();
	const kiosk = page.getByRole('heading', { level: 1, name: 'Welcome! Sign up' });
	await expect(kiosk).toBeVisible();
	await page.getByLabel('Name').fill('Offline Walk-in');
	await page.getByLabel('Phone').fill('13300133000');
	await page.getByRole('button', { name: 'Sign up' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

	// A reload (a tablet's browser restarting, or someone trying to leave) is still the kiosk.
	await page.reload();
	await expect(kiosk).toBeVisible();
	await page.getByRole('button', { name: 'Staff' }).click();
	const leave = page.getByRole('dialog', { name: 'Leave kiosk mode' });
	await leave.getByLabel('PIN').fill('4321');
	await leave.getByRole('button', { name: 'Leave kiosk' }).click();
	await expect(page.getByRole('article', { name: 'Offline Walk-in' })).toContainText(
		'Kiosk sign-up'
	);
});
