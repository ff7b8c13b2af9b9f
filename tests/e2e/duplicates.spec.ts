import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, customerList, notices, openCustomers } from './support/app';

async function twoDuplicates(page: Page) {
	await openCustomers(page);
	await createCustomer(page, { name: '王秀英', phone: '138 0013 8001' });
	await addPurchase(page, 'Longjing tea', '50');
	await openCustomers(page);
	await createCustomer(page, {
		name: 'Wang Xiuying',
		phone: '+86 138-0013-8001',
		email: 'wxy@example.cn'
	});
	await addPurchase(page, 'Silk scarf', '200');
}

async function mergeTheGroup(page: Page) {
	await page.goto('/duplicates');
	const group = page.getByRole('listitem', { name: 'Possible duplicates: 王秀英, Wang Xiuying' });
	await expect(group).toContainText('same phone');
	await group.getByRole('button', { name: 'Merge…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Merge two customers' });
	await expect(
		dialog
			.getByRole('group', { name: 'Which record stays' })
			.getByRole('radio', { name: /^王秀英/ })
	).toBeChecked();
	// The kept record has no email, so the other's is chosen; the names differ, the kept one stays.
	await expect(
		dialog.getByRole('group', { name: 'Email' }).getByRole('radio', { name: 'wxy@example.cn' })
	).toBeChecked();
	await expect(
		dialog.getByRole('group', { name: 'Name' }).getByRole('radio', { name: '王秀英' })
	).toBeChecked();
	await dialog.getByRole('button', { name: 'Merge' }).click();
	await expect(notices(page)).toContainText('Merged Wang Xiuying into 王秀英');
}

test('merging two duplicates keeps one customer with both purchases; Undo restores both', async ({
	page
}) => {
	await twoDuplicates(page);
	await mergeTheGroup(page);
	await expect(page.getByRole('heading', { name: 'No likely duplicates' })).toBeVisible();

	await notices(page).getByRole('button', { name: 'Undo' }).click();
	await expect(
		page.getByRole('listitem', { name: 'Possible duplicates: 王秀英, Wang Xiuying' })
	).toBeVisible();
	await openCustomers(page);
	await expect(page.getByText('2 of 2 customers')).toBeVisible();
	await customerList(page)
		.getByRole('link', { name: /Wang Xiuying/ })
		.click();
	await expect(page.getByTestId('metric-count')).toHaveText('1');

	await mergeTheGroup(page);
	await openCustomers(page);
	await expect(page.getByText('1 of 1 customers')).toBeVisible();
	await customerList(page)
		.getByRole('link', { name: /王秀英/ })
		.click();
	await expect(page.getByTestId('metric-count')).toHaveText('2');
	await expect(page.getByRole('region', { name: 'Contact' })).toContainText('wxy@example.cn');
	const timeline = page.getByRole('list', { name: 'Timeline' });
	await expect(timeline).toContainText('Silk scarf');
	await expect(timeline).toContainText('Longjing tea');
	await expect(timeline).toContainText('Merged with Wang Xiuying');
});

test('"Not the same person" hides a group', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: '张伟' });
	await openCustomers(page);
	await createCustomer(page, { name: '张伟', phone: '139 0013 9002' });
	await page.goto('/duplicates');
	const group = page.getByRole('listitem', { name: 'Possible duplicates: 张伟, 张伟' });
	await expect(group).toContainText('60% likely');
	await expect(group).toContainText('same name');
	await group.getByRole('button', { name: 'Not the same person' }).click();
	await expect(page.getByRole('heading', { name: 'No likely duplicates' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'No likely duplicates' })).toBeVisible();
});

test('the data quality panel counts gaps, and each count opens those customers', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Has Phone', phone: '138 0013 8001' });
	await openCustomers(page);
	await createCustomer(page, { name: 'Has Email', email: 'e@example.com' });
	await openCustomers(page);
	await createCustomer(page, { name: 'Has Nothing' });
	await page.goto('/settings');
	const panel = page.getByRole('region', { name: 'Data quality' });
	await expect(panel.getByRole('link', { name: 'No email address: 2' })).toBeVisible();
	await expect(panel.getByRole('link', { name: 'No phone, email or WeChat ID: 1' })).toBeVisible();
	await panel.getByRole('link', { name: 'No phone number: 2' }).click();
	await expect(page.getByText('Showing: No phone number')).toBeVisible();
	await expect(page.getByText('2 of 3 customers')).toBeVisible();
	await expect(customerList(page).getByRole('link', { name: /Has Phone/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'Show all customers again' }).click();
	await expect(page.getByText('3 of 3 customers')).toBeVisible();
});
