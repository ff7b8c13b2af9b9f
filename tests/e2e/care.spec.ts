import type { Page } from '@playwright/test';
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { notices, openCustomers } from './support/app';

async function newCustomer(
	page: Page,
	who: { name: string; phone?: string; birthday?: string; lunar?: boolean; declined?: boolean }
) {
	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill(who.name);
	if (who.phone) await page.getByLabel('Phone', { exact: true }).fill(who.phone);
	if (who.birthday) await page.getByLabel('Birthday', { exact: true }).fill(who.birthday);
	if (who.lunar) await page.getByLabel('Kept in the lunar calendar (农历)').check();
	if (who.declined) await page.getByLabel('Consent to marketing').selectOption('no');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { level: 1, name: who.name, exact: true })).toBeVisible();
}

async function openOccasions(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
	await expect(
		page.getByRole('navigation', { name: 'Care sections' }).getByRole('link', { name: 'Occasions' })
	).toHaveAttribute('aria-current', 'page');
}

test('a birthday greeting for a customer named like markup shows the text, and is logged', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.clock.setFixedTime(new Date('2026-12-07T10:00:00'));
	const name = '<img src=x onerror=alert(1)>';
	await newCustomer(page, { name, phone: '13800138000', birthday: '1990-12-09' });
	await openOccasions(page);
	// The day's entry holds the customer's: the innermost one is theirs.
	const item = page.getByRole('listitem').filter({ hasText: 'Birthday: turns 36' }).last();
	await expect(item).toContainText(name);
	await item.getByRole('button', { name: `Greet ${name}` }).click();
	const dialog = page.getByRole('dialog', { name: `Greet ${name}` });
	const preview = dialog.getByTestId('greeting-preview');
	await expect(preview).toHaveText(
		`Happy birthday, ${name}! Everyone at  wishes you a wonderful year.`
	);
	await expect(preview.locator('img')).toHaveCount(0);
	await dialog.getByRole('radio', { name: '中文' }).check();
	await expect(preview).toContainText(`${name}，生日快乐！`);
	await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
	await expect(notices(page).getByText('Logged the greeting')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('生日快乐');
	await page.getByRole('link', { name }).first().click();
	await expect(page.getByText(/Greeting “Birthday · 生日祝福” sent copied/)).toBeVisible();
});

test('a lunar birthday and the festivals reach the phone calendar file', async ({ page }) => {
	await page.clock.setFixedTime(new Date('2026-01-10T10:00:00'));
	await newCustomer(page, { name: '赵敏', birthday: '1990-08-15', lunar: true });
	await expect(page.getByText('Lunar calendar: month 8, day 15 (born 1990)')).toBeVisible();
	await openOccasions(page);
	await page.getByLabel('How far ahead').selectOption({ label: 'Next 90 days' });
	await expect(page.getByText('Spring Festival Eve · 除夕')).toBeVisible();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Add to phone calendar (.ics)' }).click();
	const file = await (await download).path();
	const calendar = new ICAL.Component(ICAL.parse(readFileSync(file!, 'utf8')));
	const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		return { summary: event.summary, day: event.startDate.toString() };
	});
	expect(events).toContainEqual({ summary: '赵敏’s birthday (lunar calendar)', day: '2027-09-15' });
	expect(events).toContainEqual({ summary: 'Spring Festival Eve · 除夕', day: '2026-02-16' });
	expect(
		calendar.getAllSubcomponents('vevent').every((e) => e.getFirstSubcomponent('valarm'))
	).toBe(true);
});

test('a festival send list leaves out who declined, says so, and walks through the rest', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.clock.setFixedTime(new Date('2026-09-20T10:00:00'));
	await newCustomer(page, { name: 'Lin Yi' });
	await newCustomer(page, { name: 'Gao Fei', declined: true });
	await openOccasions(page);
	const festival = page
		.getByRole('listitem')
		.filter({ hasText: 'Mid-Autumn Festival · 中秋节' })
		.last();
	await festival.getByRole('button', { name: 'Greet customers…' }).click();
	const dialog = page.getByRole('dialog', { name: /Send list: Mid-Autumn Festival/ });
	await expect(dialog.getByRole('note')).toHaveText(
		'1 customer is left out: they declined or withdrew consent for every channel.'
	);
	await expect(dialog.getByText('Customer 1 of 1')).toBeVisible();
	await expect(dialog.getByRole('heading', { name: 'Lin Yi' })).toBeVisible();
	await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
	await expect(dialog.getByRole('status')).toHaveText('Done: 1 sent, 0 skipped.');
});

test('Today lists the week’s lunar birthdays and festivals, and reminds of due follow-ups', async ({
	page,
	context
}) => {
	await context.grantPermissions(['notifications']);
	// Every system notification the app shows is recorded, as the browser would show it.
	await page.addInitScript(() => {
		const shown: string[] = [];
		(window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
		class Recorded {
			static permission = 'granted';
			static requestPermission = async () => 'granted';
			constructor(title: string, options?: { body?: string }) {
				shown.push(`${title}: ${options?.body ?? ''}`);
			}
		}
		(window as unknown as { Notification: unknown }).Notification = Recorded;
		// …and through the service worker, as Chrome on Android requires.
		ServiceWorkerRegistration.prototype.showNotification = async function (
			title: string,
			options?: { body?: string }
		) {
			shown.push(`${title}: ${options?.body ?? ''}`);
		};
	});
	await page.clock.setFixedTime(new Date('2027-09-12T10:00:00'));
	await newCustomer(page, { name: '钱芳', birthday: '1990-08-15', lunar: true });
	await page.getByRole('button', { name: 'Add task' }).click();
	const task = page.getByRole('dialog', { name: 'Add task' });
	await task.getByLabel('Title', { exact: true }).fill('Bring the mooncakes');
	await task.getByLabel('Due date').fill('2027-09-12');
	await task.getByRole('button', { name: 'Save' }).click();
	await expect(task).toBeHidden();

	await page.goto('/today');
	const week = page.getByRole('region', { name: 'Festivals and lunar birthdays this week' });
	await expect(week).toContainText('钱芳 · Birthday (lunar calendar)');
	await expect(week).toContainText('Mid-Autumn Festival · 中秋节');
	await expect
		.poll(() =>
			page.evaluate(
				() => (window as unknown as { shownNotifications: string[] }).shownNotifications
			)
		)
		.toContain('Follow-up due: Bring the mooncakes — 钱芳');
});

test('a lunar birthday on the 30th of a month is typed by year, month and day, and kept', async ({
	page
}) => {
	await openCustomers(page);
	await page.getByRole('button', { name: 'New customer' }).first().click();
	await page.getByLabel('Name', { exact: true }).fill('孙莉');
	await page.getByLabel('Kept in the lunar calendar (农历)').check();
	const birthday = page.getByRole('group', { name: 'Birthday' });
	await birthday.getByLabel('Year (lunar)').fill('1985');
	await birthday.getByLabel('Month').selectOption({ label: 'Month 2 · 二月' });
	await birthday.getByLabel('Day').selectOption({ label: '30 · 三十' });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '孙莉', exact: true })).toBeVisible();
	await expect(page.getByText('Lunar calendar: month 2, day 30 (born 1985)')).toBeVisible();
	// Editing shows it as typed.
	await page.getByRole('link', { name: 'Edit', exact: true }).click();
	const again = page.getByRole('group', { name: 'Birthday' });
	await expect(again.getByLabel('Year (lunar)')).toHaveValue('1985');
	await expect(again.getByLabel('Month')).toHaveValue('2');
	await expect(again.getByLabel('Day')).toHaveValue('30');
});
