import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, customerList, notices, openCustomers } from './support/app';

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });

/** Closes every notice, as if its 10 seconds had passed: its Undo is gone with it. */
async function dismissNotices(page: Page) {
	const dismiss = notices(page).getByRole('button', { name: 'Dismiss' });
	while ((await dismiss.count()) > 0) await dismiss.first().click();
	await expect(notices(page).getByRole('button', { name: 'Undo' })).toHaveCount(0);
}

async function logConversation(page: Page, summary: string, followUp = '') {
	await page.getByRole('button', { name: 'Log interaction' }).click();
	const dialog = page.getByRole('dialog', { name: 'Log interaction' });
	await dialog.getByLabel('Summary').fill(summary);
	if (followUp) {
		await dialog.getByLabel('Next step').fill('Bring samples');
		await dialog.getByLabel('Follow-up date').fill(followUp);
	}
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

test('deleting a customer asks first, names what goes, and Recently deleted brings them back', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: '王芳', phone: '139 0000 1234' });
	await addPurchase(page, '乌龙茶', '120.00');
	await addPurchase(page, '红茶', '30.00');
	await logConversation(page, 'Asked about autumn tea', '2031-01-15');
	await expect(page.getByTestId('metric-total')).toHaveText('¥150.00');

	// Asks first, and says what goes with her; Cancel keeps everything.
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	const ask = page.getByRole('dialog', { name: 'Delete 王芳?' });
	await expect(ask).toContainText('2 purchases, 1 conversation and 1 open follow-up');
	await expect(ask).toContainText('restore 王芳');
	await expect(ask).toContainText('30 days');
	await ask.getByRole('button', { name: 'Cancel' }).click();
	await expect(ask).toBeHidden();
	await expect(page.getByRole('heading', { level: 1, name: '王芳' })).toBeVisible();

	// Keyboard: the question opens and is answered from the keyboard alone.
	await page.getByRole('button', { name: 'Delete', exact: true }).focus();
	await page.keyboard.press('Enter');
	await expect(ask).toBeVisible();
	await ask.getByRole('button', { name: 'Delete customer' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	await expect(notices(page)).toContainText('Deleted 王芳');
	await dismissNotices(page);

	// After the toast is gone: Recently deleted, reached from the list.
	await page.getByRole('link', { name: 'Recently deleted' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Recently deleted' })).toBeVisible();
	const deleted = page.getByRole('list', { name: 'Deleted customers' });
	await expect(deleted.getByRole('listitem')).toHaveCount(1);
	await expect(deleted).toContainText('王芳');
	await expect(deleted).toContainText('Deleted by you');
	await deleted.getByRole('button', { name: 'Restore 王芳' }).click();
	await expect(
		page.getByRole('heading', { name: 'Nothing deleted in the last 30 days' })
	).toBeVisible();

	await openCustomers(page);
	await customerList(page).getByRole('link', { name: /王芳/ }).click();
	await expect(page.getByTestId('metric-total')).toHaveText('¥150.00');
	await expect(timeline(page)).toContainText('Asked about autumn tea');

	// Deleted again, then the app reloaded: still in Recently deleted, still restorable.
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await page
		.getByRole('dialog', { name: 'Delete 王芳?' })
		.getByRole('button', { name: 'Delete customer' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	await page.goto('/customers/deleted');
	await page.reload();
	await page
		.getByRole('list', { name: 'Deleted customers' })
		.getByRole('button', { name: 'Restore 王芳' })
		.click();
	await expect(notices(page)).toContainText('Restored 王芳');
	await page.reload();
	await expect(
		page.getByRole('heading', { name: 'Nothing deleted in the last 30 days' })
	).toBeVisible();
	await openCustomers(page);
	await expect(customerList(page).getByRole('link', { name: /王芳/ })).toBeVisible();
});

test('editing a purchase’s price moves the totals and shows in the history', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: '陈静' });
	await addPurchase(page, '乌龙茶', '100.00');
	await addPurchase(page, '红茶', '50.00');
	await expect(page.getByTestId('metric-total')).toHaveText('¥150.00');
	await expect(page.getByTestId('metric-average')).toHaveText('¥75.00');

	await timeline(page)
		.getByRole('button', { name: /^Edit: Purchase · ¥100\.00/ })
		.click();
	const dialog = page.getByRole('dialog', { name: 'Edit purchase' });
	const line = dialog.getByRole('group', { name: 'Line 1' });
	await expect(line.getByLabel('Product')).toHaveValue('乌龙茶');
	await line.getByLabel('Unit price').fill('80.00');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();

	await expect(page.getByTestId('metric-total')).toHaveText('¥130.00');
	await expect(page.getByTestId('metric-average')).toHaveText('¥65.00');
	await expect(page.getByTestId('metric-count')).toHaveText('2');
	await expect(timeline(page)).toContainText('Purchase · ¥80.00');

	await page.getByRole('button', { name: 'Changes' }).click();
	await expect(timeline(page)).toContainText('Edited a purchase');
	await expect(timeline(page)).toContainText('Total: ¥100.00 → ¥80.00');
	// Each line's price in the shop's currency, as everywhere else.
	await expect(timeline(page)).toContainText('Items: 乌龙茶 × 1 @ ¥100.00 → 乌龙茶 × 1 @ ¥80.00');

	await page.reload();
	await expect(page.getByTestId('metric-total')).toHaveText('¥130.00');
	await page.getByRole('button', { name: 'Changes' }).click();
	await expect(timeline(page)).toContainText('Total: ¥100.00 → ¥80.00');
});

test('a deleted conversation comes back after its toast has gone', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Lucy Zhou' });
	await logConversation(page, 'Wants a gift box');
	await logConversation(page, 'Asked for the price list');
	for (const summary of ['Wants a gift box', 'Asked for the price list']) {
		await timeline(page)
			.getByRole('button', { name: new RegExp(`^Delete: Call · ${summary}`) })
			.click();
	}
	await expect(timeline(page)).toHaveCount(0);
	await dismissNotices(page);

	const deleted = page.getByRole('region', { name: 'Recently deleted' });
	await expect(deleted).toContainText('Wants a gift box');
	await page.reload();
	await deleted.getByRole('button', { name: /^Restore: Call · Wants a gift box/ }).click();
	await expect(timeline(page)).toContainText('Wants a gift box');
	// The pressed button left with its entry: focus moves on, never back to the page.
	const next = deleted.getByRole('button', { name: /^Restore: Call · Asked for the price list/ });
	await expect(next).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(deleted).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Timeline' })).toBeFocused();
	await page.reload();
	await expect(timeline(page)).toContainText('Wants a gift box');
	await expect(timeline(page)).toContainText('Asked for the price list');
});

test('a conversation is edited in place', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Mia Sun' });
	await logConversation(page, 'Asked about prices');
	await timeline(page)
		.getByRole('button', { name: /^Edit: Call/ })
		.click();
	const dialog = page.getByRole('dialog', { name: 'Edit conversation' });
	await expect(dialog.getByLabel('Summary')).toHaveValue('Asked about prices');
	await dialog.getByLabel('Outcome').fill('Will visit on Friday');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await expect(timeline(page)).toContainText('Will visit on Friday');
	await page.getByRole('button', { name: 'Changes' }).click();
	await expect(timeline(page)).toContainText('Outcome: (empty) → Will visit on Friday');
});

test('the purchase’s date and time default to now and take one tab stop', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Tab Stop' });
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add purchase' });
	const when = dialog.getByRole('button', { name: /^Date and time: Now/ });
	await when.focus();
	await page.keyboard.press('Tab');
	await expect(dialog.getByRole('group', { name: 'Line 1' }).getByLabel('Product')).toBeFocused();

	// A line added takes the focus; removing it gives the focus to the line before.
	await dialog.getByRole('button', { name: '+ Add line' }).click();
	await expect(dialog.getByRole('group', { name: 'Line 2' }).getByLabel('Product')).toBeFocused();
	await dialog.getByRole('button', { name: 'Remove line 2' }).click();
	await expect(dialog.getByRole('group', { name: 'Line 2' })).toHaveCount(0);
	await expect(dialog.getByRole('group', { name: 'Line 1' }).getByLabel('Product')).toBeFocused();

	// Changing it is one key away, and a chosen moment is kept.
	await when.focus();
	await page.keyboard.press('Enter');
	const input = dialog.getByLabel('Date and time');
	await expect(input).toBeFocused();
	await input.fill('2026-03-14T15:30');
	const line = dialog.getByRole('group', { name: 'Line 1' });
	await line.getByLabel('Product').fill('乌龙茶');
	await line.getByLabel('Unit price').fill('20.00');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	const entry = timeline(page).getByRole('listitem').first();
	await expect(entry.locator('time')).toHaveAttribute(
		'datetime',
		new Date(2026, 2, 14, 15, 30).toISOString()
	);
});
