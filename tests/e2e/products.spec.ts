import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, notices, openCustomers } from './support/app';

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

/** Adds a product in Settings → Products; the settings page must be open. */
async function addProduct(page: Page, name: string, category: string, price: string) {
	const catalogue = page.getByRole('region', { name: 'Products' });
	await catalogue.getByRole('button', { name: 'Add product' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add product' });
	await dialog.getByLabel('Name').fill(name);
	await dialog.getByLabel('Category').fill(category);
	await dialog.getByLabel('Price').fill(price);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

test('two products with the same name: "Add purchase" still opens, offers both and records a sale', async ({
	page
}) => {
	await page.goto('/settings');
	const catalogue = page.getByRole('region', { name: 'Products' });
	await addProduct(page, 'Oolong', 'Tea', '128');

	// The same name again, typed full-width: a warning that offers the existing one, not a block.
	await catalogue.getByRole('button', { name: 'Add product' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add product' });
	await dialog.getByLabel('Name').fill('ｏｏｌｏｎｇ ');
	await expect(dialog.getByLabel('Name')).toHaveAccessibleDescription(
		/A product named “Oolong” already exists \(Tea · ¥128\.00\)/
	);
	// Using the existing one adds nothing and leaves it as it was, with focus on it in the list.
	await dialog.getByRole('button', { name: 'Use the existing “Oolong”' }).click();
	await expect(dialog).toBeHidden();
	await expect(notices(page)).toContainText(
		'Nothing was added: “Oolong” is already in your catalogue.'
	);
	await expect(catalogue.getByRole('button', { name: 'Edit Oolong' })).toBeFocused();
	await expect(catalogue.getByRole('button', { name: 'Edit Oolong' })).toHaveCount(1);
	await catalogue.getByRole('button', { name: 'Add product' }).click();
	await dialog.getByLabel('Name').fill('oolong');
	await expect(dialog.getByRole('button', { name: 'Use the existing “Oolong”' })).toBeVisible();
	await dialog.getByLabel('Name').fill('Oolong');
	await dialog.getByLabel('Category').fill('Gift box');
	await dialog.getByLabel('Price').fill('300');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await expect(catalogue.getByRole('button', { name: 'Edit Oolong' })).toHaveCount(2);
	await expect(catalogue.getByText('2 products are named “Oolong”')).toBeVisible();

	await openCustomers(page);
	await createCustomer(page, { name: 'Mei Chen' });
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const purchase = page.getByRole('dialog', { name: 'Add purchase' });
	await expect(purchase).toBeVisible();
	// A datalist's options are not in the accessibility tree: count them in the DOM.
	await expect(purchase.locator('datalist option[value="Oolong"]')).toHaveCount(2);
	const line = purchase.getByRole('group', { name: 'Line 1' });
	// Typed full-width, the name still links to the catalogue (the older of the two, on every
	// device) rather than offering to add it again.
	await line.getByLabel('Product').fill('ｏｏｌｏｎｇ');
	await expect(line.getByLabel('Product')).toHaveAccessibleDescription(
		'Recorded as “Oolong” from the catalogue.'
	);
	await expect(line.getByLabel('Unit price')).toHaveValue('128.00');
	await expect(line.getByLabel(/to the catalogue/)).toHaveCount(0);
	await line.getByRole('button', { name: 'Write it as “Oolong”' }).click();
	await expect(line.getByLabel('Product')).toHaveValue('Oolong');
	await expect(line.getByLabel('Product')).toHaveAccessibleDescription('');
	await purchase.getByRole('button', { name: 'Save' }).click();
	await expect(purchase).toBeHidden();
	await expect(page.getByTestId('metric-total')).toHaveText('¥128.00');
});

test('same-named products are merged into the one kept, their sales follow it, and the merge can be undone', async ({
	page
}) => {
	await page.goto('/settings');
	const catalogue = page.getByRole('region', { name: 'Products' });
	await addProduct(page, 'Oolong', 'Tea', '128');
	await addProduct(page, 'Oolong tin', 'Gift box', '300');
	await openCustomers(page);
	await createCustomer(page, { name: 'Kai Lin' });
	await addPurchase(page, 'Oolong', '128');
	await addPurchase(page, 'Oolong tin', '300');

	// A colleague's product with the same name (here: a rename) makes likely duplicates.
	await page.goto('/settings');
	await catalogue.getByRole('button', { name: 'Edit Oolong tin' }).click();
	const edit = page.getByRole('dialog', { name: 'Edit product' });
	await edit.getByLabel('Name').fill('OOLONG');
	await expect(edit.getByLabel('Name')).toHaveAccessibleDescription(/already exists/);
	await edit.getByRole('button', { name: 'Save' }).click();
	await expect(edit).toBeHidden();
	await expect(catalogue.getByText('2 products are named “Oolong”')).toBeVisible();
	await expect(catalogue.getByText('Tea · ¥128.00 · 1 sale')).toBeVisible();

	await catalogue.getByRole('button', { name: 'Merge the products named Oolong' }).click();
	const merge = page.getByRole('dialog', { name: 'Merge products' });
	await merge.getByLabel('Oolong · Tea · ¥128.00 · 1 sale').check();
	await merge.getByRole('button', { name: 'Merge' }).click();
	await expect(merge).toBeHidden();
	await expect(notices(page)).toContainText('Merged into Oolong');
	await expect(catalogue.getByText('Likely duplicates')).toHaveCount(0);
	await expect(catalogue.getByRole('button', { name: /^Edit / })).toHaveCount(1);
	await expect(catalogue.getByText('Tea · ¥128.00 · 2 sales')).toBeVisible();

	// One undo step brings both back (the newest notice is the last one).
	await notices(page).getByRole('button', { name: 'Undo' }).last().click();
	await expect(catalogue.getByRole('button', { name: /^Edit / })).toHaveCount(2);
	await expect(catalogue.getByText('Tea · ¥128.00 · 1 sale')).toBeVisible();

	await catalogue.getByRole('button', { name: 'Merge the products named Oolong' }).click();
	await merge.getByLabel('Oolong · Tea · ¥128.00 · 1 sale').check();
	await merge.getByRole('button', { name: 'Merge' }).click();
	await page.reload();
	await expect(catalogue.getByText('Tea · ¥128.00 · 2 sales')).toBeVisible();
	await expect(catalogue.getByRole('button', { name: /^Edit / })).toHaveCount(1);
	// A merged product with sales cannot be deleted: the UI says why and offers to archive it.
	await catalogue.getByRole('button', { name: 'Edit Oolong' }).click();
	await expect(edit.getByText('“Oolong” cannot be deleted: 2 sales name it.')).toBeVisible();
	await expect(edit.getByRole('button', { name: 'Delete product' })).toHaveCount(0);
});

test('a product with sales is archived, not deleted; one without sales is deleted after asking, with undo', async ({
	page
}) => {
	await page.goto('/settings');
	const catalogue = page.getByRole('region', { name: 'Products' });
	await addProduct(page, 'Jasmine', 'Tea', '50');
	await addProduct(page, 'Longjing', 'Tea', '200');
	await openCustomers(page);
	await createCustomer(page, { name: 'Ann Wu' });
	await addPurchase(page, 'Longjing', '200');

	await page.goto('/settings');
	await catalogue.getByRole('button', { name: 'Edit Longjing' }).click();
	const edit = page.getByRole('dialog', { name: 'Edit product' });
	await expect(edit.getByText(/“Longjing” cannot be deleted: a sale names it/)).toBeVisible();
	await expect(edit.getByRole('button', { name: 'Delete product' })).toHaveCount(0);
	await edit.getByRole('button', { name: 'Archive' }).click();
	await expect(edit).toBeHidden();
	await expect(notices(page)).toContainText('Longjing archived');
	await expect(catalogue.getByText('Tea · ¥200.00 · Archived · 1 sale')).toBeVisible();
	await expect(catalogue.getByRole('button', { name: 'Unarchive Longjing' })).toBeVisible();

	// Archived: not suggested when recording a sale, while the old sale keeps its name.
	await openCustomers(page);
	await page
		.getByRole('link', { name: /Ann Wu/ })
		.first()
		.click();
	await expect(page.getByText(/Longjing × 1/)).toBeVisible();
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const purchase = page.getByRole('dialog', { name: 'Add purchase' });
	await expect(purchase.locator('datalist option[value="Jasmine"]')).toHaveCount(1);
	await expect(purchase.locator('datalist option[value="Longjing"]')).toHaveCount(0);
	await purchase.getByRole('button', { name: 'Cancel' }).click();

	await page.goto('/settings');
	await catalogue.getByRole('button', { name: 'Unarchive Longjing' }).click();
	await expect(catalogue.getByText('Tea · ¥200.00 · 1 sale')).toBeVisible();

	// Without sales: deleting asks first, and can be undone.
	await catalogue.getByRole('button', { name: 'Edit Jasmine' }).click();
	await edit.getByRole('button', { name: 'Delete product' }).click();
	await expect(edit.getByRole('alert')).toHaveText(
		'Delete “Jasmine” from the catalogue? No sale names it.'
	);
	await edit.getByRole('button', { name: 'Keep it' }).click();
	await expect(edit.getByRole('alert')).toHaveCount(0);
	await edit.getByRole('button', { name: 'Delete product' }).click();
	await edit.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(edit).toBeHidden();
	await expect(catalogue.getByRole('button', { name: 'Edit Jasmine' })).toHaveCount(0);
	await notices(page).getByRole('button', { name: 'Undo' }).last().click();
	await expect(catalogue.getByText('Tea · ¥50.00 · No sales')).toBeVisible();
});
