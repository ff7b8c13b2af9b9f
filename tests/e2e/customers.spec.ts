import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';

test('a new archive explains what to do', async ({ page }) => {
	await openCustomers(page);
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Load demo shop' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Customers' })).toBeVisible();
});

test('create, reload, edit, reload, delete and undo a customer', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: '王小明', phone: '138 0013 8000', email: 'wxm@example.com' });
	await expect(page.getByRole('status')).toContainText('Added 王小明');

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: '王小明' })).toBeVisible();
	await expect(page.getByRole('link', { name: '138 0013 8000' })).toHaveAttribute(
		'href',
		'tel:13800138000'
	);

	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('138 0013 8000');
	await page.getByLabel('City', { exact: true }).fill('杭州市');
	await page.getByLabel('Notes', { exact: true }).fill('喜欢乌龙茶');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('region', { name: 'Contact' })).toContainText('杭州市');

	await page.reload();
	await expect(page.getByRole('region', { name: 'Contact' })).toContainText('杭州市');
	await expect(page.getByRole('region', { name: 'Notes' })).toContainText('喜欢乌龙茶');

	// Deleting asks first (see delete-restore.spec.ts for what it names).
	await page.getByRole('button', { name: 'Delete' }).click();
	await page
		.getByRole('dialog', { name: 'Delete 王小明?' })
		.getByRole('button', { name: 'Delete customer' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	await expect(page.getByRole('status')).toContainText('Deleted 王小明');
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();

	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(customerList(page).getByRole('link', { name: /王小明/ })).toBeVisible();
	await page.reload();
	await customerList(page)
		.getByRole('link', { name: /王小明/ })
		.click();
	await expect(page.getByRole('region', { name: 'Contact' })).toContainText('杭州市');
});

test('invalid input shows a message at the field and saves nothing', async ({ page }) => {
	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Email', { exact: true }).fill('not-an-email');
	await page.getByRole('button', { name: 'Save' }).click();

	const name = page.getByLabel('Name', { exact: true });
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription('Please enter a name.');
	await expect(name).toBeFocused();
	await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription(
		/does not look like an email address/
	);
	await expect(page.getByRole('alert')).toContainText('2 fields need your attention');

	await name.fill('Anna Lee');
	await page.getByLabel('Phone', { exact: true }).fill('12 34');
	await page.getByLabel('Email', { exact: true }).fill('anna@example.com');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(
		/5 to 15 digits/
	);

	await openCustomers(page);
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
});

test('a hostile name is shown as text and nothing executes', async ({ page }) => {
	const dialogs: string[] = [];
	page.on('dialog', async (dialog) => {
		dialogs.push(dialog.message());
		await dialog.dismiss();
	});
	const hostile = '<img src=x onerror=alert(1)>';
	await openCustomers(page);
	await createCustomer(page, { name: hostile, tags: '<script>alert(2)</script>' });
	await expect(page.getByText('<script>alert(2)</script>')).toBeVisible();
	await openCustomers(page);
	await expect(customerList(page).getByText(hostile)).toBeVisible();
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	expect(dialogs).toEqual([]);
});

test('Ctrl+Z undoes the last change and Ctrl+Shift+Z redoes it', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Undo Me' });
	await page.getByRole('heading', { level: 1, name: 'Undo Me' }).click();
	await page.keyboard.press('ControlOrMeta+z');
	await expect(page.getByRole('heading', { name: 'Customer not found' })).toBeVisible();
	await page.keyboard.press('ControlOrMeta+Shift+z');
	await expect(page.getByRole('heading', { level: 1, name: 'Undo Me' })).toBeVisible();
});

test('a customer whose other phones or emails repeat one still opens', async ({ page }) => {
	// Lists were keyed by the value shown, and Svelte threw on the repeat (each_key_duplicate).
	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill('Repeat Ren');
	await page.getByLabel('Other phones').fill('138 0013 8000, 138 0013 8000');
	await page.getByLabel('Other emails').fill('ren@example.com, ren@example.com');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Repeat Ren', exact: true })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'ren@example.com' })).toHaveCount(2);
});
