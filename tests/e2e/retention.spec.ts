import { expect, test } from './support/test';
import { addPurchase, createCustomer, customerList, openCustomers } from './support/app';

test('retention: rules find old leads and quiet customers, the shop reviews the list, and erases them in one step', async ({
	page
}) => {
	// The page lives two years on; the archive's records are written now (by the worker's clock).
	const twoYearsOn = Date.now() + 2 * 365 * 24 * 3_600_000;
	await page.clock.setFixedTime(twoYearsOn);
	await openCustomers(page);
	await createCustomer(page, { name: 'Qin Lead', phone: '13800000011', stage: 'Lead' });
	await openCustomers(page);
	await createCustomer(page, { name: 'Han Quiet', phone: '13800000012', stage: 'Active' });
	await openCustomers(page);
	await createCustomer(page, { name: 'Ma Recent', phone: '13800000013', stage: 'Active' });
	await addPurchase(page, 'Oolong', '88.00');

	await page.goto('/settings');
	await page.getByRole('link', { name: 'Retention' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Retention' })).toBeVisible();
	await expect(page.getByText('No rule is on.')).toBeVisible();
	const rules = page.getByRole('region', { name: 'Rules' });
	await rules.getByLabel('Leads never converted').check();
	await rules.getByLabel('after this many months since they were added').fill('12');
	await rules.getByLabel('Customers with no purchase or contact').check();
	await rules.getByLabel('for this many years').fill('1');
	await rules.getByRole('button', { name: 'Save the rules' }).click();

	const review = page.getByRole('region', { name: 'Review' });
	const found = review.getByRole('list', { name: 'Customers the rules found' });
	await expect(found.getByRole('listitem')).toHaveCount(2);
	await expect(found).toContainText('Qin Lead');
	await expect(found).toContainText('never converted');
	await expect(found).toContainText('Han Quiet');
	await expect(found).not.toContainText('Ma Recent');

	// Keep Han after all; erase only the lead, with the count typed.
	await found.getByRole('checkbox', { name: /Han Quiet/ }).uncheck();
	await expect(review.getByRole('status')).toHaveText('2 customers match; 1 chosen to erase.');
	await review.getByRole('button', { name: 'Erase 1 customer…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Erase 1 customer for good?' });
	const go = dialog.getByRole('button', { name: 'Erase 1 customer' });
	await expect(go).toBeDisabled();
	await dialog.getByLabel('Type 1 to confirm').fill('1');
	await go.click();
	await expect(page.getByText('1 customer erased.')).toBeVisible();
	await expect(found.getByRole('listitem')).toHaveCount(1);

	await openCustomers(page);
	await expect(customerList(page).getByRole('link', { name: /Qin Lead/ })).toHaveCount(0);
	await expect(customerList(page).getByRole('link', { name: /Han Quiet/ })).toBeVisible();

	// The rules and the erasure are in the audit log, with how many.
	await page.goto('/settings/audit');
	const log = page.getByRole('table', { name: 'Audit log entries' });
	await expect(log.getByRole('row').filter({ hasText: 'retention' }).first()).toContainText('1');
});
