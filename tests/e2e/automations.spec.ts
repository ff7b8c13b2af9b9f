import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { notices, openCustomers } from './support/app';
import { openCustomer, setPaused, syncStatus, syncedColleagues } from './support/sync';

/** The local day `days` from now as YYYY-MM-DD, with another year (a birthday). */
function birthdayIn(days: number): string {
	const day = new Date();
	day.setDate(day.getDate() + days);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `1988-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

async function openAutomations(page: Page) {
	await page.goto('/care/automations');
	await expect(
		page.getByRole('heading', { level: 2, name: 'Automations', exact: true })
	).toBeVisible();
}

async function turnOn(page: Page) {
	const rule = page.getByRole('region', { name: 'Birthday call' });
	await rule.getByRole('button', { name: 'Dry run' }).click();
	await expect(rule.getByRole('status')).toHaveText(/Today it would act on 1 customer/);
	await rule.getByRole('checkbox', { name: 'Off' }).check();
	await expect(
		notices(page).getByText('“Birthday call” is on. It acted on 1 customer now.')
	).toBeVisible();
}

test('the same automation on two offline devices makes one follow-up, on both', async ({
	browser
}) => {
	test.slow();
	const { li, wang } = await syncedColleagues(browser);

	await openCustomers(li);
	await li.getByRole('button', { name: 'New customer' }).first().click();
	await li.getByLabel('Name', { exact: true }).fill('Qian Hui');
	await li.getByLabel('Birthday', { exact: true }).fill(birthdayIn(3));
	await li.getByRole('button', { name: 'Save' }).click();
	await expect(li.getByRole('heading', { level: 1, name: 'Qian Hui', exact: true })).toBeVisible();

	await openAutomations(li);
	await li.getByRole('button', { name: 'New automation' }).first().click();
	const form = li.getByRole('dialog', { name: 'New automation' });
	await form.getByLabel('Name', { exact: true }).fill('Birthday call');
	await form.getByLabel('Trigger').selectOption({ label: 'Birthday in N days' });
	await form.getByLabel('Days').fill('3');
	await form.getByLabel('Follow-up title').fill('Call about their birthday');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(form).toBeHidden();
	// Saved off, with its dry run shown.
	const rule = li.getByRole('region', { name: 'Birthday call' });
	await expect(rule.getByRole('status')).toHaveText(
		/Today it would act on 1 customer \(Qian Hui\)/
	);

	// The rule reaches Wang's device; then both go offline and both turn it on.
	await openAutomations(wang);
	await expect(wang.getByRole('region', { name: 'Birthday call' })).toBeVisible();
	await setPaused(li, true);
	await setPaused(wang, true);
	await openAutomations(li);
	await turnOn(li);
	await openAutomations(wang);
	await turnOn(wang);
	await setPaused(li, false);
	await setPaused(wang, false);
	await expect(syncStatus(li)).toHaveText('Synced with 1 colleague');
	await expect(syncStatus(wang)).toHaveText('Synced with 1 colleague');

	for (const page of [li, wang]) {
		await openCustomer(page, 'Qian Hui');
		await expect(page.getByText('Call about their birthday')).toHaveCount(1);
	}
});
