import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomer, notices, openCustomers } from './support/app';
import { openCustomer, setPaused, syncStatus, syncedColleagues } from './support/sync';

async function openCoupons(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
	const tab = page
		.getByRole('navigation', { name: 'Care sections' })
		.getByRole('link', { name: 'Coupons' });
	await tab.click();
	await expect(tab).toHaveAttribute('aria-current', 'page');
}

/** A ¥20-off-¥100 campaign of exclusive codes, issued to `name`; returns the code. */
async function campaignFor(page: Page, name: string): Promise<string> {
	await openCoupons(page);
	await page.getByRole('button', { name: 'New campaign' }).first().click();
	const form = page.getByRole('dialog', { name: 'New campaign' });
	await form.getByLabel('Campaign name').fill('Come back');
	await form.getByLabel('Amount off', { exact: true }).fill('20');
	await form.getByLabel('Minimum spend (empty = none)').fill('100');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(form).toBeHidden();
	const campaign = page.getByRole('region', { name: 'Come back' });
	await expect(campaign).toContainText('¥20.00 off orders of ¥100.00 or more');

	await campaign.getByRole('button', { name: 'Issue codes' }).click();
	const issue = page.getByRole('dialog', { name: 'Issue codes: Come back' });
	await issue.getByRole('radio', { name: 'Customers I pick' }).check();
	await issue.getByLabel('Find customers by name or phone').fill(name);
	await issue.getByRole('checkbox', { name: new RegExp(name) }).check();
	await issue.getByRole('button', { name: 'Issue 1 code' }).click();
	await expect(notices(page).getByText('Issued 1 code.')).toBeVisible();
	const row = campaign.getByRole('row', { name: new RegExp(name) });
	await expect(row).toContainText('Not used');
	const code = (await row.getByRole('cell').first().textContent())!.trim();
	expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
	return code;
}

async function payWithCoupon(page: Page, code: string) {
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add purchase' });
	const line = dialog.getByRole('group', { name: 'Line 1' });
	await line.getByLabel('Product').fill('Oolong');
	await line.getByLabel('Unit price').fill('150');
	await dialog.getByLabel('Coupon code').fill(code.toLowerCase());
	await dialog.getByRole('button', { name: 'Apply' }).click();
	await expect(dialog.getByText('Come back: −¥20.00')).toBeVisible();
	await expect(dialog.getByText('Total ¥130.00')).toBeVisible();
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

test('a campaign’s code is issued, redeemed once at the counter, and counted', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: '周杰', phone: '13900139000' });
	await openCustomers(page);
	await createCustomer(page, { name: '吴敏' });
	const code = await campaignFor(page, '周杰');

	// The wrong customer cannot use it; the right one can, once.
	await openCustomers(page);
	await page.getByRole('link', { name: /吴敏/ }).click();
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add purchase' });
	await dialog.getByRole('group', { name: 'Line 1' }).getByLabel('Product').fill('Oolong');
	await dialog.getByRole('group', { name: 'Line 1' }).getByLabel('Unit price').fill('150');
	await dialog.getByLabel('Coupon code').fill(code);
	await dialog.getByRole('button', { name: 'Apply' }).click();
	await expect(dialog.getByText('This code was issued to another customer.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Cancel' }).click();

	await openCustomers(page);
	await page.getByRole('link', { name: /周杰/ }).click();
	await payWithCoupon(page, code);
	await expect(notices(page).getByText('¥130.00')).toBeVisible();

	await page.getByRole('button', { name: 'Add purchase' }).click();
	const again = page.getByRole('dialog', { name: 'Add purchase' });
	await again.getByRole('group', { name: 'Line 1' }).getByLabel('Product').fill('Oolong');
	await again.getByRole('group', { name: 'Line 1' }).getByLabel('Unit price').fill('150');
	await again.getByLabel('Coupon code').fill(code);
	await again.getByRole('button', { name: 'Apply' }).click();
	await expect(again.getByText('This code was already used.')).toBeVisible();
	await again.getByRole('button', { name: 'Cancel' }).click();

	await openCoupons(page);
	const campaign = page.getByRole('region', { name: 'Come back' });
	await expect(campaign.getByRole('definition').nth(0)).toHaveText('1');
	await expect(campaign.getByRole('definition').nth(1)).toHaveText('1');
	await expect(campaign.getByRole('definition').nth(2)).toHaveText('100%');
	await expect(campaign.getByRole('definition').nth(3)).toHaveText('¥130.00');
});

test('a single-use code redeemed on two offline devices is flagged “redeemed twice” on both', async ({
	browser
}) => {
	test.slow();
	const { li, wang } = await syncedColleagues(browser);

	await openCustomers(li);
	await createCustomer(li, { name: 'Sun Li', phone: '13700137000' });
	const code = await campaignFor(li, 'Sun Li');
	// Wang's device has the customer and the code before both go offline.
	await openCustomer(wang, 'Sun Li');
	await setPaused(li, true);
	await setPaused(wang, true);
	await openCustomer(li, 'Sun Li');
	await openCustomer(wang, 'Sun Li');
	await payWithCoupon(li, code);
	await payWithCoupon(wang, code);
	await setPaused(li, false);
	await setPaused(wang, false);
	await expect(syncStatus(li)).toHaveText('Synced with 1 colleague');
	await expect(syncStatus(wang)).toHaveText('Synced with 1 colleague');

	for (const page of [li, wang]) {
		await openCoupons(page);
		const campaign = page.getByRole('region', { name: 'Come back' });
		await expect(campaign.getByRole('note')).toContainText('1 code was redeemed more than once');
		await campaign.getByRole('button', { name: 'Codes', exact: true }).click();
		await expect(campaign.getByRole('row', { name: /Sun Li/ })).toContainText(
			'Redeemed twice or more (2 times)'
		);
	}
});
