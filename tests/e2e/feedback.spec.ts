import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomers, notices } from './support/app';
import { saveName } from './support/sync';

const inbox = (page: Page) => page.getByRole('list', { name: /feedback item/ });
const item = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });

async function logComplaint(page: Page, customer: string, text: string) {
	await page.getByRole('button', { name: 'Log feedback' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Log feedback' });
	if (await dialog.getByLabel('Find the customer').isVisible()) {
		await dialog.getByLabel('Find the customer').fill(customer);
		await dialog.getByRole('button', { name: `Choose ${customer}` }).click();
	}
	await dialog.getByLabel('Severity').selectOption({ label: 'High' });
	await dialog.getByLabel('Channel').selectOption({ label: 'Phone' });
	await dialog.getByLabel('What the customer said').fill(text);
	await dialog.getByRole('button', { name: 'Save feedback' }).click();
	await expect(dialog).toBeHidden();
	await expect(notices(page)).toContainText('Complaint logged.');
}

test('a complaint logged on a profile is assigned and moved through every status to closed, and reopened', async ({
	page
}) => {
	await saveName(page, 'Wang Fang');
	await createCustomers(page, [{ name: 'Li Na', phone: '13800138000' }]);
	await page.getByRole('link', { name: /Li Na/ }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Li Na' })).toBeVisible();
	const onProfile = page.getByRole('region', { name: 'Feedback' });
	await expect(onProfile).toContainText('No feedback from Li Na yet.');
	await logComplaint(page, 'Li Na', 'The oolong tin arrived dented');
	const complaint = item(page, 'The oolong tin arrived dented');
	await expect(complaint).toContainText('High');
	await expect(complaint).toContainText('New');
	// In the customer's timeline too, where the shop heard it.
	const timeline = page.getByRole('region', { name: 'Timeline' });
	await expect(timeline).toContainText('Complaint (New)');
	await expect(timeline).toContainText('The oolong tin arrived dented');

	await page.goto('/care/feedback');
	const inInbox = item(page, 'The oolong tin arrived dented');
	await expect(inInbox.getByRole('link', { name: 'Li Na' })).toBeVisible();
	// Logged by Wang Fang, hers at first; handed to nobody, then back.
	await inInbox.getByRole('button', { name: 'Owner: Wang Fang' }).click();
	await inInbox.getByLabel('Owner').selectOption({ label: 'Nobody' });
	await expect(inInbox.getByRole('button', { name: 'Owner: Nobody' })).toBeVisible();
	await inInbox.getByRole('button', { name: 'Owner: Nobody' }).click();
	await inInbox.getByLabel('Owner').selectOption({ label: 'Wang Fang' });
	await expect(notices(page)).toContainText('Now followed up by Wang Fang.');
	// Back to a button that says who, with the keyboard's focus on it.
	await expect(inInbox.getByRole('button', { name: 'Owner: Wang Fang' })).toBeFocused();
	// By keyboard: Enter brings the list; an arrow moves through it without assigning anyone,
	// Escape leaves it as it was; an arrow and Enter chooses.
	await page.keyboard.press('Enter');
	await expect(inInbox.getByLabel('Owner')).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('Escape');
	await expect(inInbox.getByRole('button', { name: 'Owner: Wang Fang' })).toBeFocused();
	await page.keyboard.press('Enter');
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('Enter');
	await expect(inInbox.getByRole('button', { name: 'Owner: Nobody' })).toBeFocused();
	await expect(notices(page)).toContainText('Now followed up by Nobody.');
	await inInbox.getByRole('button', { name: 'Owner: Nobody' }).click();
	await inInbox.getByLabel('Owner').selectOption({ label: 'Wang Fang' });
	await inInbox.getByRole('button', { name: 'Acknowledge' }).click();
	await expect(inInbox).toContainText('Acknowledged');
	await inInbox.getByRole('button', { name: 'Start work' }).click();
	await expect(inInbox).toContainText('In progress');
	await inInbox.getByRole('button', { name: 'Resolve…' }).click();
	const resolve = page.getByRole('dialog', { name: 'Resolve the feedback' });
	await resolve.getByLabel('What was done').fill('Sent a new tin the same day');
	await resolve.getByLabel("The customer's satisfaction with it").selectOption('4');
	await resolve.getByRole('button', { name: 'Resolve…' }).click();
	// Resolved items leave the open view; all of them shows it with its resolution.
	await expect(inbox(page)).toBeHidden();
	await page.getByLabel('Status').selectOption({ label: 'Resolved (1)' });
	const resolved = item(page, 'The oolong tin arrived dented');
	await expect(resolved).toContainText('Resolution: Sent a new tin the same day');
	await expect(resolved).toContainText('satisfaction 4 of 5');
	await resolved.getByRole('button', { name: 'Close' }).click();
	await page.getByLabel('Status').selectOption({ label: 'Closed (1)' });
	await item(page, 'The oolong tin arrived dented').getByRole('button', { name: 'Reopen' }).click();
	await page.getByLabel('Status').selectOption({ label: 'Open (1)' });
	await expect(item(page, 'The oolong tin arrived dented')).toContainText('In progress');
	await expect(
		item(page, 'The oolong tin arrived dented').getByRole('button', { name: 'Owner: Wang Fang' })
	).toBeVisible();
});

test('with a 24-hour rule a complaint logged 25 hours ago is overdue on Today and in the inbox', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2026-12-07T09:00:00') });
	await createCustomers(page, [{ name: 'Zhou Min', phone: '13900139000' }]);
	await page.goto('/care/feedback');
	await expect(page.getByRole('heading', { name: 'No feedback yet' })).toBeVisible();
	await page.locator('summary').filter({ hasText: 'Response times' }).click();
	await page.getByLabel('High: hours').fill('24');
	await page.getByRole('button', { name: 'Save response times' }).click();
	await expect(notices(page)).toContainText('Response times saved.');
	await logComplaint(page, 'Zhou Min', 'Charged twice for one pot');
	await expect(item(page, 'Charged twice for one pot')).not.toContainText('Overdue');

	// A day and an hour later.
	await page.clock.fastForward('25:00:00');
	await page.goto('/today');
	const today = page.getByRole('region', { name: 'Overdue feedback' });
	await expect(today).toContainText('Zhou Min');
	await expect(today).toContainText('Complaint · High');
	await today.getByRole('link', { name: 'Open the feedback inbox' }).click();
	await expect(item(page, 'Charged twice for one pot')).toContainText('Overdue');
	await expect(page.getByText('1 open, 1 overdue.')).toBeVisible();
	await page.getByLabel(/Overdue only/).check();
	await expect(inbox(page).getByRole('listitem')).toHaveCount(1);
});

test('a long inbox shows its first twelve items and the rest on request; another filter starts from the top', async ({
	page
}) => {
	test.slow();
	await createCustomers(page, [{ name: 'Zhou Min', phone: '13900139000' }]);
	await page.goto('/care/feedback');
	for (let i = 1; i <= 13; i++) await logComplaint(page, 'Zhou Min', `Complaint number ${i}`);
	const items = inbox(page).getByRole('article');
	await expect(items).toHaveCount(12);
	await page.getByRole('button', { name: 'Show 1 more item' }).click();
	await expect(items).toHaveCount(13);
	await expect(page.getByRole('button', { name: /Show \d+ more/ })).toHaveCount(0);
	// Every one of them is high: the same items, from the top again.
	await page
		.getByRole('group', { name: 'Filter feedback' })
		.getByLabel('Severity')
		.selectOption({ label: 'High' });
	await expect(items).toHaveCount(12);
	await expect(page.getByRole('button', { name: 'Show 1 more item' })).toBeVisible();
});
