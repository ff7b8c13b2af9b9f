import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';
import { clippedText } from './support/layout';

/** The element that has focus, as a short description for a failing assertion. */
function focused(page: import('@playwright/test').Page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		return el ? `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 30)}` : 'none';
	});
}

test('after a route change focus is on the new page’s heading, so it is announced', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Grace Wu', phone: '139 0000 1234' });
	const nav = page.getByRole('navigation', { name: 'Main' });

	await nav.getByRole('link', { name: 'Today' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeFocused();

	await nav.getByRole('link', { name: 'Customers' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeFocused();
	// Tab goes on from the heading into the page, not back to the navigation.
	await page.keyboard.press('Tab');
	expect(
		await page.evaluate(() => !!document.activeElement?.closest('main')),
		await focused(page)
	).toBe(true);

	// A profile shows its heading once the record is read; focus waits for it.
	await customerList(page)
		.getByRole('link', { name: /Grace Wu/ })
		.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Grace Wu' })).toBeFocused();
});

test('a dialog opens on its first field, not on ×, and Escape returns to its button', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Grace Wu' });

	const addTask = page.getByRole('button', { name: 'Add task' });
	await addTask.focus();
	await page.keyboard.press('Enter');
	const taskDialog = page.getByRole('dialog', { name: 'Add task' });
	await expect(taskDialog.getByLabel('Title')).toBeFocused();
	await page.keyboard.type('Call back about the gift box');
	await expect(taskDialog.getByLabel('Title')).toHaveValue('Call back about the gift box');
	await page.keyboard.press('Escape');
	await expect(taskDialog).toBeHidden();
	await expect(addTask).toBeFocused();

	for (const name of ['Add purchase', 'Log interaction']) {
		await page.getByRole('button', { name }).focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name });
		await expect(dialog).toBeVisible();
		await expect(dialog.getByRole('button', { name: 'Dismiss' })).not.toBeFocused();
		expect(
			await dialog.evaluate((el) => {
				const active = document.activeElement;
				return !!active && el.contains(active) && active.matches('input, select, textarea');
			}),
			`${name}: ${await focused(page)}`
		).toBe(true);
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
	}
});

test('a closed dialog’s late close event does not close the dialog opened after it', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Grace Wu' });
	await page.getByRole('button', { name: 'Add purchase' }).click();
	// Escape once the dialog is there: pressed before it opens, it closes nothing.
	await expect(page.getByRole('dialog', { name: 'Add purchase' })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog', { name: 'Add purchase' })).toBeHidden();
	await page.getByRole('button', { name: 'Log interaction' }).click();
	const dialog = page.getByRole('dialog', { name: 'Log interaction' });
	await expect(dialog).toBeVisible();
	// The browser queues a dialog's close event; on a busy machine it can arrive this late.
	await page.evaluate(() => {
		for (const el of document.querySelectorAll('dialog')) {
			if (!el.open) el.dispatchEvent(new Event('close'));
		}
	});
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Dismiss' })).toBeVisible();
});

test('the search field’s placeholder is not cut off beside a data-quality chip', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Grace Wu' });
	await page.goto('/customers?quality=noEmail');
	await expect(page.getByRole('button', { name: 'Show all customers again' })).toBeVisible();
	await expect(page.getByText('Showing: No email address')).toBeVisible();
	expect(await clippedText(page)).toEqual([]);
});
