import { expect, type Page } from '@playwright/test';

export interface NewCustomer {
	name: string;
	phone?: string;
	email?: string;
	tags?: string;
	stage?: string;
}

/** Opens the customer list and waits until the archive has been read. */
export async function openCustomers(page: Page): Promise<void> {
	await page.goto('/customers');
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
}

/** Fills and saves the new-customer form the way a person would; ends on the customer's page. */
export async function createCustomer(page: Page, customer: NewCustomer): Promise<void> {
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'New customer' })).toBeVisible();
	await page.getByLabel('Name', { exact: true }).fill(customer.name);
	if (customer.phone) await page.getByLabel('Phone', { exact: true }).fill(customer.phone);
	if (customer.email) await page.getByLabel('Email', { exact: true }).fill(customer.email);
	if (customer.tags) await page.getByLabel('Tags', { exact: true }).fill(customer.tags);
	if (customer.stage) {
		await page.getByLabel('Lifecycle stage').selectOption({ label: customer.stage });
	}
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
}

export async function createCustomers(page: Page, customers: NewCustomer[]): Promise<void> {
	for (const customer of customers) {
		await openCustomers(page);
		await createCustomer(page, customer);
	}
	await openCustomers(page);
}

export function customerList(page: Page) {
	return page.getByRole('list', { name: 'Customer list' });
}

/** The notices (toasts) the app shows after an action. */
export function notices(page: Page) {
	return page.getByRole('region', { name: 'Notifications' });
}

/** Records a purchase of one product line on the open customer's page. */
export async function addPurchase(
	page: Page,
	product: string,
	unitPrice: string,
	quantity = '1',
	/** `YYYY-MM-DDTHH:mm`; now when left out. */
	when?: string
) {
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add purchase' });
	if (when) {
		// The moment may start folded into one "Now … Change" button; open it if so.
		const changeWhen = dialog.getByRole('button', { name: /^Date and time:/ });
		const field = dialog.getByLabel('Date and time', { exact: true });
		await expect(changeWhen.or(field)).toBeVisible();
		if (await changeWhen.isVisible()) await changeWhen.click();
		await field.fill(when);
	}
	const line = dialog.getByRole('group', { name: 'Line 1' });
	await line.getByLabel('Product').fill(product);
	await line.getByLabel('Quantity').fill(quantity);
	await line.getByLabel('Unit price').fill(unitPrice);
	await dialog.getByLabel('Payment method').selectOption({ label: 'WeChat Pay' });
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

/** Loads the demo shop from Settings and waits for its 300 customers to be in. */
export async function loadDemoShop(page: Page): Promise<void> {
	await page.goto('/settings');
	await page
		.getByRole('region', { name: 'Demo shop' })
		.getByRole('button', { name: 'Load demo shop' })
		.click();
	await expect(notices(page).getByText('Added 300 demo customers')).toBeVisible();
}
