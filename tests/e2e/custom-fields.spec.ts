import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';

test('a custom field made in Settings appears in the form, filters the list and survives reload', async ({
	page
}) => {
	await page.goto('/settings');
	await expect(page.getByText('No fields yet.')).toBeVisible();
	await page.getByRole('button', { name: 'Add field' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add field' });
	await dialog.getByLabel('Name in English').fill('Skin type');
	await dialog.getByLabel('Name in Chinese').fill('肤质');
	await dialog.getByLabel('Type').selectOption({ label: 'Single choice' });
	await dialog.getByLabel('Choices').fill('Dry, Oily, Combination');
	await dialog.getByLabel('Show in the customer list').check();
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('button', { name: 'Edit Skin type' })).toBeVisible();

	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill('Olivia Oil');
	await page.getByLabel('Skin type').selectOption('Oily');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Olivia Oil', exact: true })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'More about this customer' })).toContainText(
		'Oily'
	);
	await openCustomers(page);
	await createCustomer(page, { name: 'Dana Dry' });

	await page.reload();
	await openCustomers(page);
	await expect(page.getByText('2 of 2 customers')).toBeVisible();
	await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Skin type' });
	await page.getByLabel('Value', { exact: true }).selectOption('Oily');
	await expect(page.getByText('1 of 2 customers')).toBeVisible();
	await expect(customerList(page).getByRole('link', { name: /Olivia Oil/ })).toContainText(
		'Skin type: Oily'
	);

	await page.getByRole('button', { name: 'Clear search and filters' }).click();
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Remove Skin type' }).click();
	const confirm = page.getByRole('dialog', { name: 'Remove Skin type?' });
	await expect(confirm).toContainText('1 customer has a value in this field');
	await confirm.getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByText('No fields yet.')).toBeVisible();
	await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('button', { name: 'Edit Skin type' })).toBeVisible();
	await openCustomers(page);
	await customerList(page)
		.getByRole('link', { name: /Olivia Oil/ })
		.click();
	await expect(page.getByRole('region', { name: 'More about this customer' })).toContainText(
		'Oily'
	);
});

test('a value that does not fit the field is refused at the field', async ({ page }) => {
	await page.goto('/settings');
	await page.getByRole('button', { name: 'Add field' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add field' });
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog.getByLabel('Name in English')).toHaveAccessibleDescription(
		'Give the field a name in at least one language.'
	);
	await dialog.getByLabel('Name in English').fill('Shoe size');
	await dialog.getByLabel('Type').selectOption({ label: 'Number' });
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();

	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill('Ben');
	await page.getByLabel('Shoe size').fill('forty');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByLabel('Shoe size')).toHaveAccessibleDescription(
		'Enter a number, for example 42 or 3.5.'
	);
	await page.getByLabel('Shoe size').fill('42');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('region', { name: 'More about this customer' })).toContainText('42');
});
