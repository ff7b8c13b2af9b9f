import { expect, test } from './support/test';
import { createCustomer, customerList, notices, openCustomers } from './support/app';

test('days since last contact count calendar days: Jul 28 → Dec 6 is 131', async ({ page }) => {
	// 130 days and 15 hours: whole 24-hour periods said 130, the calendar says 131.
	await page.clock.setFixedTime(new Date('2026-12-06T09:00:00'));
	await openCustomers(page);
	await createCustomer(page, { name: 'Wang Fang' });
	await page.getByRole('button', { name: 'Log interaction' }).click();
	const dialog = page.getByRole('dialog', { name: 'Log interaction' });
	// The moment may start folded into one "Now … Change" button; open it if so.
	const changeWhen = dialog.getByRole('button', { name: /^Date and time:/ });
	if ((await changeWhen.count()) > 0) await changeWhen.click();
	await dialog.getByLabel('Date and time', { exact: true }).fill('2026-07-28T18:00');
	await dialog.getByLabel('Summary').fill('Asked about autumn oolong');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();

	const sinceContact = page.getByText('Days since last contact').locator('xpath=..');
	await expect(sinceContact.getByRole('definition')).toHaveText('131');
	// In contact but no purchase yet: a prospect, no longer a lead.
	await expect(page.getByText('Suggested stage: Prospect')).toBeVisible();
	await expect(page.getByText('In contact, but no purchase yet.')).toBeVisible();
	await page.reload();
	await expect(sinceContact.getByRole('definition')).toHaveText('131');
});

test('a profile left open past midnight counts the new day', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-12-05T23:57:00') });
	await openCustomers(page);
	await createCustomer(page, { name: 'Zhou Min' });
	await page.getByRole('button', { name: 'Log interaction' }).click();
	const dialog = page.getByRole('dialog', { name: 'Log interaction' });
	const changeWhen = dialog.getByRole('button', { name: /^Date and time:/ });
	if ((await changeWhen.count()) > 0) await changeWhen.click();
	await dialog.getByLabel('Date and time', { exact: true }).fill('2026-07-28T18:00');
	await dialog.getByLabel('Summary').fill('Tasted the new green tea');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	const sinceContact = page.getByText('Days since last contact').locator('xpath=..');
	await expect(sinceContact.getByRole('definition')).toHaveText('130');
	// The shop stays open past midnight; nobody reloads the page.
	await page.clock.fastForward('05:00');
	await expect(sinceContact.getByRole('definition')).toHaveText('131');
});

test('a new customer agrees with the suggested stage and has no average order', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Zhao Lei' });
	await expect(page.getByText('Suggested stage: Lead')).toBeVisible();
	await expect(page.getByText('No purchase and no conversation yet.')).toBeVisible();
	await expect(page.getByText('The stage matches what the numbers suggest.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Use this stage' })).toHaveCount(0);
	await expect(page.getByTestId('metric-average')).toHaveText('—');
});

test('the timeline’s filters each say what they would show when empty', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Qian Yu' });
	const timeline = page.getByRole('region', { name: 'Timeline' });
	await timeline.getByRole('button', { name: 'Changes' }).click();
	await expect(timeline).toContainText('No edits to this customer’s details yet.');
	await expect(timeline).not.toContainText('Add a purchase');
	await timeline.getByRole('button', { name: 'Purchases' }).click();
	await expect(timeline).toContainText('No purchases yet.');
});

test('"12345" gets a warning at the phone field, and the customer still saves', async ({
	page
}) => {
	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill('Sun Li');
	const phone = page.getByLabel('Phone', { exact: true });
	await phone.fill('12345');
	// No warning while the number is being typed; one once the field is left.
	await expect(page.getByText('No phone can have this number')).toHaveCount(0);
	await phone.press('Tab');
	await expect(phone).toHaveAccessibleDescription(/No phone can have this number/);
	await expect(phone).not.toHaveAttribute('aria-invalid', 'true');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sun Li', exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Contact' })).toContainText('12345');

	await page.goto('/settings');
	const panel = page.getByRole('region', { name: 'Data quality' });
	await expect(
		panel.getByRole('link', { name: 'A phone number that cannot be right: 1' })
	).toBeVisible();
});

test('saving with Enter in the phone field still tells of an impossible number', async ({
	page
}) => {
	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill('Zhou Min');
	const phone = page.getByLabel('Phone', { exact: true });
	await phone.fill('12345');
	// Enter saves without leaving the field, so the field's own warning never showed.
	await phone.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Zhou Min' })).toBeVisible();
	await expect(notices(page)).toContainText('Please check the phone number “12345”');
});

test('a landline with an extension and a foreign number save without a warning', async ({
	page
}) => {
	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill('Li Ming');
	const phone = page.getByLabel('Phone', { exact: true });
	await phone.fill('010-6552 9988 ext 12');
	await page.getByLabel('Other phones').fill('+44 20 7946 0958, +86 138 0013 8000');
	await page.getByLabel('Email', { exact: true }).click();
	await expect(page.getByText(/No phone can have/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Li Ming', exact: true })).toBeVisible();
	const contact = page.getByRole('region', { name: 'Contact' });
	await expect(contact.getByRole('link', { name: '010-6552 9988 ext 12' })).toHaveAttribute(
		'href',
		'tel:01065529988'
	);
	await expect(contact).toContainText('+44 20 7946 0958');
	await openCustomers(page);
	await expect(customerList(page).getByRole('link', { name: /Li Ming/ })).toBeVisible();
});

test('an import shows a phone number that cannot exist as a warning, and imports it', async ({
	page
}) => {
	await page.goto('/import');
	await page.getByLabel('Import file').setInputFiles({
		name: 'customers.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Name,Phone\nAnn Lee,12345\nBo Chen,138 0013 8000\n')
	});
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByText('1 with warnings')).toBeVisible();
	const warnings = page.getByRole('region', { name: 'Warnings' });
	await expect(warnings.getByRole('listitem')).toHaveCount(1);
	await expect(warnings).toContainText('Row 2 (Ann Lee)');
	await expect(warnings).toContainText('“12345” cannot be a real phone number');
	await page.getByRole('button', { name: 'Import 2 customers' }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await openCustomers(page);
	await expect(page.getByText('2 of 2 customers')).toBeVisible();
});
