import { expect, test } from './support/test';
import { createCustomers, customerList, notices } from './support/app';

test('tags are coloured, renamed, merged and deleted in one place, undoably', async ({ page }) => {
	await createCustomers(page, [
		{ name: 'Amy', tags: 'vip, tea' },
		{ name: 'Bo', tags: 'VIP' },
		{ name: 'Cy', tags: 'tea' }
	]);
	await page.goto('/settings');
	const tags = page.getByRole('region', { name: 'Tags' });
	await expect(tags).toContainText('tea');
	await expect(tags).toContainText('2 customers');

	await tags.getByLabel('Colour for tea').selectOption({ label: 'Green' });
	await expect(tags.getByLabel('Colour for tea')).toHaveValue('green');

	await tags.getByRole('button', { name: 'Rename tea' }).click();
	const rename = page.getByRole('dialog', { name: 'Rename tea' });
	await rename.getByLabel('New name').fill('茶友');
	await rename.getByRole('button', { name: 'Save' }).click();
	await expect(notices(page)).toContainText('Renamed tea to 茶友 on 2 customers');
	await expect(tags.getByLabel('Colour for 茶友')).toHaveValue('green');

	await tags.getByRole('button', { name: 'Rename vip', exact: true }).click();
	await page
		.getByRole('dialog', { name: 'Rename vip', exact: true })
		.getByLabel('New name')
		.fill('VIP');
	await page
		.getByRole('dialog', { name: 'Rename vip', exact: true })
		.getByRole('button', { name: 'Save' })
		.click();
	await expect(notices(page)).toContainText('Merged vip into VIP');
	await expect(tags.getByRole('button', { name: 'Rename vip', exact: true })).toHaveCount(0);

	await tags.getByRole('button', { name: 'Delete 茶友' }).click();
	const confirm = page.getByRole('dialog', { name: 'Delete 茶友?' });
	await expect(confirm).toContainText('taken off 2 customers');
	await confirm.getByRole('button', { name: 'Delete' }).click();
	await expect(tags.getByRole('button', { name: 'Delete 茶友' })).toHaveCount(0);
	await page
		.getByRole('status')
		.locator('div', { hasText: 'Deleted tag 茶友' })
		.getByRole('button', { name: 'Undo' })
		.click();
	await expect(tags.getByRole('button', { name: 'Delete 茶友' })).toBeVisible();

	await page.goto('/customers');
	await page.getByLabel('Tag', { exact: true }).selectOption('VIP');
	await expect(page.getByText('2 of 3 customers')).toBeVisible();
	await customerList(page).getByRole('link', { name: /Amy/ }).click();
	await expect(page.getByText('茶友', { exact: true })).toBeVisible();
});
