import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, customerList, notices, openCustomers } from './support/app';

/** Turns loyalty on at 1 point per ¥1, ¥0.10 a point, Silver from ¥200 and Gold from ¥400. */
async function turnLoyaltyOn(page: Page) {
	await page.goto('/settings');
	const card = page.getByRole('region', { name: 'Loyalty' });
	await card.getByRole('checkbox', { name: 'Turn on loyalty points and tiers' }).check();
	await expect(card.getByLabel('Points for each 1.00 paid')).toHaveValue('1');
	await expect(card.getByLabel('Value of 1 point')).toHaveValue('0.10');
	await card.getByLabel('Tiers are reached by').selectOption({ label: 'Spend' });
	const silver = card.getByRole('group', { name: 'Tier 1' });
	await expect(silver.getByLabel('Name (English)')).toHaveValue('Silver');
	await silver.getByLabel('Reached at spend of').fill('200');
	await card.getByRole('group', { name: 'Tier 2' }).getByLabel('Reached at spend of').fill('400');
	await card.getByRole('button', { name: 'Save loyalty settings' }).click();
	await expect(notices(page).getByText('Loyalty is on')).toBeVisible();
}

const loyaltyCard = (page: Page) => page.getByTestId('customer-loyalty');

test('points are earned, redeemed and reversed, and tiers follow the thresholds', async ({
	page
}) => {
	await turnLoyaltyOn(page);
	await openCustomers(page);
	await createCustomer(page, { name: '王芳', phone: '13800138000' });

	await addPurchase(page, 'Oolong', '250');
	const card = loyaltyCard(page);
	await expect(card.getByTestId('points-balance')).toHaveText('250 points');
	await expect(card).toContainText('Silver');
	await expect(card).toContainText('¥150.00 more spend within 12 months to reach Gold');

	// Redeem 100 points at ¥0.10: the purchase totals ¥10 less.
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add purchase' });
	const line = dialog.getByRole('group', { name: 'Line 1' });
	await line.getByLabel('Product').fill('Pu-erh');
	await line.getByLabel('Unit price').fill('120');
	await expect(dialog.getByText('Total ¥120.00')).toBeVisible();
	await dialog.getByLabel('Redeem points').fill('100');
	await expect(dialog.getByText('Total ¥110.00')).toBeVisible();
	await expect(dialog.getByText('100 points: −¥10.00')).toBeVisible();
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await expect(notices(page).getByText('¥110.00')).toBeVisible();
	// 250 − 100 redeemed + 110 earned on what was paid.
	await expect(card.getByTestId('points-balance')).toHaveText('260 points');
	await expect(card.getByRole('table')).toContainText('Redeemed on a purchase');

	// Deleting the first purchase reverses its 250 points, and Silver goes with its spend.
	await page.getByRole('button', { name: /^Delete: Purchase · ¥250\.00/ }).click();
	await expect(card.getByTestId('points-balance')).toHaveText('10 points');
	await expect(card.getByRole('table')).toContainText('Reversed: purchase deleted or changed');
	await expect(card).toContainText('No tier yet');
	// Undo brings the purchase and its points back.
	await notices(page).getByRole('button', { name: 'Undo' }).click();
	await expect(card.getByTestId('points-balance')).toHaveText('260 points');

	await addPurchase(page, 'Oolong', '100');
	await expect(card.getByTestId('points-balance')).toHaveText('360 points');
	await expect(card.getByText('Reached Gold')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: '王芳' })).toBeVisible();

	// The list shows the tier on the customer's row.
	await openCustomers(page);
	await expect(customerList(page).getByRole('link', { name: /王芳/ })).toContainText('Gold');
});

test('a hand adjustment needs a reason, shows in the ledger, and a negative balance explains itself', async ({
	page
}) => {
	await turnLoyaltyOn(page);
	await openCustomers(page);
	await createCustomer(page, { name: 'Chen Jie' });
	const card = loyaltyCard(page);
	await expect(card.getByText('No points yet.')).toBeVisible();
	await card.getByRole('button', { name: 'Adjust points' }).click();
	const dialog = page.getByRole('dialog', { name: 'Adjust points' });
	await dialog.getByLabel('Points to add (use − to take away)').fill('−30');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog.getByText('This is required.')).toBeVisible();
	await dialog.getByLabel('Reason').fill('Returned gift card');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await expect(card.getByTestId('points-balance')).toHaveText('-30 points');
	await expect(card.getByRole('table')).toContainText('Returned gift card');
	await expect(card.getByRole('note')).toContainText('30 points more were spent');
});

test('Chinese shopkeepers see the loyalty card and settings in Chinese', async ({ page }) => {
	await turnLoyaltyOn(page);
	await page.getByLabel('Language').selectOption('zh-CN');
	await expect(page.getByRole('region', { name: '会员与积分' })).toBeVisible();
	await page.goto('/customers');
	await expect(page.getByRole('heading', { level: 1, name: '客户' })).toBeVisible();
	await page.getByRole('button', { name: '新建客户' }).first().click();
	await page.getByLabel('姓名', { exact: true }).fill('李雷');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(loyaltyCard(page).getByRole('heading', { name: '会员与积分' })).toBeVisible();
	await expect(loyaltyCard(page)).toContainText('暂无积分');
});
