import { expect, test } from './support/test';
import { createCustomer, openCustomers } from './support/app';

test('the catalogue fills in prices, and a new product can be added while selling it', async ({
	page
}) => {
	await page.goto('/settings');
	const catalogue = page.getByRole('region', { name: 'Products' });
	await catalogue.getByRole('button', { name: 'Add product' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add product' });
	await dialog.getByLabel('Name').fill('乌龙茶');
	await dialog.getByLabel('Category').fill('茶叶');
	await dialog.getByLabel('Price').fill('128');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(catalogue).toContainText('乌龙茶');
	await expect(catalogue).toContainText('茶叶 · ¥128.00');

	await openCustomers(page);
	await createCustomer(page, { name: 'Kai Lin' });
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const purchase = page.getByRole('dialog', { name: 'Add purchase' });
	await purchase.getByRole('group', { name: 'Line 1' }).getByLabel('Product').fill('乌龙茶');
	await expect(
		purchase.getByRole('group', { name: 'Line 1' }).getByLabel('Unit price')
	).toHaveValue('128.00');
	await expect(purchase.getByText('Add “乌龙茶” to the catalogue')).toHaveCount(0);

	await purchase.getByRole('button', { name: 'Add line' }).click();
	const second = purchase.getByRole('group', { name: 'Line 2' });
	await second.getByLabel('Product').fill('白毫银针');
	await second.getByLabel('Unit price').fill('200');
	await second.getByLabel('Add “白毫银针” to the catalogue').check();
	await expect(purchase.getByText('Total ¥328.00')).toBeVisible();
	await purchase.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('metric-total')).toHaveText('¥328.00');

	await page.goto('/settings');
	await expect(catalogue).toContainText('白毫银针');
	await expect(catalogue).toContainText('¥200.00');
	await catalogue.getByRole('button', { name: 'Edit 乌龙茶' }).click();
	const edit = page.getByRole('dialog', { name: 'Edit product' });
	await edit.getByLabel('Price').fill('1.2.3');
	await edit.getByRole('button', { name: 'Save' }).click();
	await expect(edit.getByLabel('Price')).toHaveAccessibleDescription(
		'Enter an amount like 120.50.'
	);
	await edit.getByLabel('Price').fill('138');
	await edit.getByRole('button', { name: 'Save' }).click();
	await expect(catalogue).toContainText('茶叶 · ¥138.00');

	await page.getByLabel('Currency').selectOption('USD');
	await expect(catalogue).toContainText('茶叶 · $138.00');
	await page.reload();
	await expect(page.getByLabel('Currency')).toHaveValue('USD');
	await expect(catalogue).toContainText('茶叶 · $138.00');
});
