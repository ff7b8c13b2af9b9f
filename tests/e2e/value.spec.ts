import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, loadDemoShop, openCustomers } from './support/app';

async function openValue(page: Page) {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Insights' })
		.click();
	const tab = page
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Customer value' });
	await tab.click();
	await expect(tab).toHaveAttribute('aria-current', 'page');
}

/** With the clock on 2026-12-06 09:00, a new customer who bought oolong on each of `days`. */
async function customerBuyingOn(
	page: Page,
	who: { name: string; phone?: string },
	price: string,
	days: string[]
) {
	await page.clock.setFixedTime(new Date('2026-12-06T09:00:00'));
	await openCustomers(page);
	await createCustomer(page, who);
	for (const day of days) await addPurchase(page, 'Oolong', price, '1', `${day}T12:00`);
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** The customers the list shows now, by name and phone, from its CSV export. */
async function listed(page: Page): Promise<Set<string>> {
	await page.getByRole('link', { name: 'Export' }).click();
	await page.getByRole('radio', { name: /^Customers in the current list/ }).check();
	await page.getByRole('radio', { name: /^CSV/ }).check();
	const file = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download' }).click();
	const text = readFileSync((await (await file).path())!, 'utf8').replace(/^\uFEFF/, '');
	const rows = Papa.parse<Record<string, string>>(text, {
		header: true,
		skipEmptyLines: true
	}).data;
	return new Set(rows.map((row) => `${row['Name']}|${row['Phone']}`));
}

test('the demo shop’s eight RFM segments add up to the customers who bought, and each opens its customers', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	await openValue(page);
	const segments = page.getByRole('region', { name: 'RFM segments' });
	const cards = segments.getByRole('listitem');
	await expect(cards).toHaveCount(8);
	for (const name of [
		'Important value',
		'Important to develop',
		'Important to keep',
		'Important to win back',
		'General value',
		'General to develop',
		'General to keep',
		'General to win back'
	]) {
		await expect(segments.getByRole('heading', { name, exact: true })).toBeVisible();
	}
	await expect(segments.getByText('重要挽留客户')).toBeVisible();
	const bought = number(
		await page
			.getByText(/customers who bought/)
			.textContent()
			.then((text) => /([\d,]+) customers who bought/.exec(text ?? '')?.[1] ?? '')
	);
	expect(bought).toBeGreaterThan(100);
	const counts = await cards.evaluateAll((items) =>
		items.map((item) => Number(item.querySelector('dd')!.textContent!.replace(/[^\d]/g, '')))
	);
	expect(counts.reduce((a, b) => a + b, 0)).toBe(bought);

	// The heat map's cells hold the same customers, one cell each.
	const heat = page.getByRole('region', { name: 'Recency × frequency' });
	await heat.getByRole('switch', { name: 'Show as table' }).click();
	const cells = await heat
		.locator('tbody td')
		.evaluateAll((tds) => tds.map((td) => Number(td.textContent!.replace(/[^\d]/g, ''))));
	expect(cells).toHaveLength(25);
	expect(cells.reduce((a, b) => a + b, 0)).toBe(bought);

	// ABC classes too, and the drifting list names a reason for each row.
	const abc = page.getByRole('region', { name: 'ABC classes' });
	const classCounts = await abc
		.locator('tbody tr td:first-of-type')
		.evaluateAll((tds) => tds.map((td) => Number(td.textContent!.replace(/[^\d]/g, ''))));
	expect(classCounts.reduce((a, b) => a + b, 0)).toBe(bought);
	const drifting = page.getByRole('region', { name: 'Drifting away' });
	await expect(drifting.getByRole('listitem').first()).toContainText(
		/usually buys every \d+ days; \d+ days since the last purchase|bought once, \d+ days ago|days since the last purchase|chance still active/
	);
	await expect(page.getByRole('region', { name: 'Purchase prediction' })).toContainText(
		/BG\/NBD: r [\d.]+, α [\d.]+, a [\d.]+, b [\d.]+; log-likelihood/
	);

	// The holdout check: fitted up to a day, its expectations beside what happened.
	const holdout = page.getByRole('region', { name: 'Holdout check' });
	await holdout.getByRole('button', { name: 'Check the model' }).click();
	await expect(holdout).toContainText(
		/[\d,]+ customers: [\d,]+ repeat purchase days happened, the model expected [\d.,]+/
	);
	const chart = holdout.getByRole('region', { name: /^Repeat purchases after/ });
	await expect(chart.getByRole('img')).toBeVisible();
	await chart.getByRole('switch', { name: 'Show as table' }).click();
	await expect(chart.getByRole('columnheader', { name: 'Predicted' })).toBeVisible();
	await expect(chart.getByRole('rowheader', { name: 'Had not bought again before' })).toBeVisible();
	const averages = await chart
		.locator('tbody td')
		.evaluateAll((tds) => tds.map((td) => Number(td.textContent!.replace(/,/g, ''))));
	expect(averages.length).toBeGreaterThanOrEqual(4);
	expect(averages.every((cell) => Number.isFinite(cell) && cell >= 0)).toBe(true);

	// A pivot by RFM segment counts the same customers per segment, over all time.
	const developCard = number(
		await segments.getByRole('button', { name: /customers? of “General to develop”/ }).textContent()
	);
	await page
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Reports' })
		.click();
	await page.getByRole('combobox', { name: 'Rows' }).selectOption({ label: 'RFM segment' });
	await page.getByRole('combobox', { name: 'Columns' }).selectOption({ label: 'None' });
	await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: 'Customers' });
	await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'All time' });
	const pivotRow = page.getByRole('row', { name: /^General to develop/ });
	await expect(pivotRow.getByRole('cell').first()).toHaveText(String(developCard));
	await page
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Customer value' })
		.click();

	// A segment's count opens exactly its customers.
	const develop = segments.getByRole('button', { name: /customers? of “General to develop”/ });
	const developCount = number(await develop.textContent());
	await develop.click();
	await expect(page).toHaveURL(/\/customers$/);
	await expect(page.getByText('Customer value: General to develop')).toBeVisible();
	await expect(page.getByText(`${developCount} of 300 customers`)).toBeVisible();

	// Their profile says the same segment, with its scores and why.
	await page.getByRole('list', { name: 'Customer list' }).getByRole('link').first().click();
	const card = page.getByRole('region', { name: 'Value', exact: true });
	await expect(card.getByText('General to develop', { exact: true })).toBeVisible();
	await expect(card.getByText(/^R [1-5], F [1-5], M [1-5]$/)).toBeAttached();
	await expect(card).toContainText(
		'“General to develop”: recency high, frequency low and monetary low against the shop’s averages.'
	);
	await expect(card).toContainText(/quintiles among the [\d,]+ customers who bought/);
	await expect(card).toContainText(/ABC class [ABC]/);
	await expect(card).toContainText(/Chance still active: \d+%/);
});

test('a customer who buys every 20 days and last bought 70 days ago is high risk, and the reason names both', async ({
	page
}) => {
	// Every 20 days, the last 70 days before Dec 6.
	await customerBuyingOn(page, { name: 'Chen Jing', phone: '139 0000 1234' }, '120', [
		'2026-08-18',
		'2026-09-07',
		'2026-09-27'
	]);
	const card = page.getByRole('region', { name: 'Value', exact: true });
	await expect(card).toContainText('High risk');
	await expect(card).toContainText('usually buys every 20 days; 70 days since the last purchase');
	await expect(card).toContainText('A purchase was expected around Oct 17, 2026');

	await openValue(page);
	await expect(page.getByRole('region', { name: 'Purchase prediction' })).toContainText(
		'Too few customers bought again for the model (1 of the 20 it needs).'
	);
	const row = page.getByRole('region', { name: 'Drifting away' }).getByRole('listitem');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('Chen Jing');
	await expect(row).toContainText('High risk');
	await expect(row).toContainText('usually buys every 20 days; 70 days since the last purchase');
	// A year of her usual buying: 365 ÷ 20 × ¥120.
	await expect(row).toContainText('¥2,190.00 at risk');
	await expect(row.getByRole('link', { name: 'Call Chen Jing' })).toHaveAttribute(
		'href',
		'tel:13900001234'
	);

	// Follow-up opens her profile with the task form ready.
	await row.getByRole('link', { name: 'Add a follow-up for Chen Jing' }).click();
	await expect(page.getByRole('dialog', { name: 'Add task' })).toBeVisible();

	// Looking back from Sep 30 she was buying as usual.
	await page.goBack();
	await page.getByLabel('As of').fill('2026-09-30');
	await expect(page.getByRole('region', { name: 'Drifting away' })).toContainText(
		'Nobody is drifting away'
	);
});

test('the shop’s own lines move a customer between segments for every screen, and Undo moves her back', async ({
	page
}) => {
	await customerBuyingOn(page, { name: 'Chen Jing' }, '120', [
		'2026-08-18',
		'2026-09-07',
		'2026-09-27'
	]);
	const profile = page.url();
	const card = page.getByRole('region', { name: 'Value', exact: true });
	// Alone, she is the average: nothing above it, so every part is low.
	await expect(card).toContainText(
		'“General to win back”: recency low, frequency low and monetary low against the shop’s averages.'
	);

	await page.goto('/settings');
	const settings = page.getByRole('region', { name: 'Customer value' });
	await settings.getByRole('radio', { name: 'Reaching my own lines is high' }).check();
	await settings.getByLabel('Last purchase at most this many days ago').fill('100');
	await settings.getByLabel('At least this many purchases').fill('3');
	await settings.getByLabel('At least this much spent').fill('300');
	await settings.getByLabel('Monthly discount rate for the 12-month value (%)').fill('30');
	await settings.getByRole('button', { name: 'Save' }).click();
	await expect(settings.getByText('A rate from 0 to 20.')).toBeVisible();
	await expect(
		settings.getByLabel('Monthly discount rate for the 12-month value (%)')
	).toHaveAttribute('aria-invalid', 'true');
	await settings.getByLabel('Monthly discount rate for the 12-month value (%)').fill('1');
	await settings.getByRole('button', { name: 'Save' }).click();
	const saved = page
		.getByRole('region', { name: 'Notifications' })
		.getByText('Customer value settings saved');
	await expect(saved).toBeVisible();

	await page.goto(profile);
	await expect(card).toContainText(
		'“Important value”: recency high, frequency high and monetary high against the shop’s own lines.'
	);
	await openValue(page);
	const segments = page.getByRole('region', { name: 'RFM segments' });
	await expect(segments).toContainText('High R: last purchase at most 100 days ago.');
	await expect(
		segments.getByRole('button', { name: 'Show the one customer of “Important value”' })
	).toBeVisible();

	// Undo from the notice puts the averages back.
	await page.goto('/settings');
	await settings.getByLabel('At least this many purchases').fill('2');
	await settings.getByRole('button', { name: 'Save' }).click();
	await page
		.getByRole('region', { name: 'Notifications' })
		.getByRole('button', { name: 'Undo' })
		.last()
		.click();
	await expect(settings.getByLabel('At least this many purchases')).toHaveValue('3');
	await settings.getByRole('radio', { name: 'Above the shop’s averages is high' }).check();
	await settings.getByRole('button', { name: 'Save' }).click();
	await page.goto(profile);
	await expect(card).toContainText('“General to win back”');
});

test('a segment “RFM segment is …” lists the same customers as that segment’s count on Customer value', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	await openValue(page);
	const segments = page.getByRole('region', { name: 'RFM segments' });
	const count = segments.getByRole('button', { name: /customers? of “General to win back”/ });
	const expected = number(await count.textContent());
	expect(expected).toBeGreaterThan(0);
	const importantValue = number(
		await segments
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: 'Important value', exact: true }) })
			.getByRole('definition')
			.first()
			.textContent()
	);
	await count.click();
	await expect(page.getByText(`${expected} of 300 customers`)).toBeVisible();
	const fromCard = await listed(page);
	expect(fromCard.size).toBe(expected);

	await page.goto('/insights/segments/new');
	await page.getByLabel('Name', { exact: true }).fill('Win back, general');
	const condition = page.getByRole('group', { name: 'Condition 1' });
	await condition.getByLabel('Field').selectOption({ label: 'RFM segment' });
	await condition.getByLabel('Comparison').selectOption({ label: 'is' });
	await condition.getByLabel('Value').selectOption({ label: 'General to win back' });
	await expect(page.getByTestId('segment-count')).toHaveText(`${expected} customers match`);
	// Another segment agrees with its own count on the card (0 customers matches as 0).
	await condition.getByLabel('Value').selectOption({ label: 'Important value' });
	await expect(page.getByTestId('segment-count')).toHaveText(
		new RegExp(`^${importantValue} customers? match`)
	);
	await condition.getByLabel('Value').selectOption({ label: 'General to win back' });
	await page.getByRole('button', { name: 'Save segment' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Win back, general' })).toBeVisible();
	await page.getByRole('button', { name: 'Show as customer list' }).click();
	await expect(page.getByText('Segment: Win back, general')).toBeVisible();
	expect(await listed(page)).toEqual(fromCard);
});

test('a customer who bought only tea A is offered cup B first, bought together by 10 customers', async ({
	page
}) => {
	test.slow();
	const phone = (n: number) => `1390000${String(n).padStart(4, '0')}`;
	const people = [...Array.from({ length: 11 }, (_, i) => `Customer ${i + 1}`), 'Chen Jing'];
	const customers = ['Name,Phone', ...people.map((name, i) => `${name},${phone(i)}`)].join('\n');
	const sales = ['Date,Phone,Product,Quantity,Amount'];
	people.forEach((_, i) => {
		sales.push(`2026-10-0${1 + (i % 9)},${phone(i)},Tea A,1,120`);
		if (i < 10) sales.push(`2026-11-0${1 + (i % 9)},${phone(i)},Cup B,1,40`);
		if (i === 10) sales.push(`2026-11-02,${phone(i)},Cup C,1,45`);
	});
	for (const [name, text] of [
		['customers.csv', customers],
		['purchases.csv', sales.join('\n')]
	] as const) {
		await page.goto('/import');
		await page
			.getByLabel('Import file')
			.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
		await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
		await page.getByRole('button', { name: 'Check rows' }).click();
		await page.getByRole('button', { name: /^Import \d+ (customers|purchases)$/ }).click();
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	}

	await openCustomers(page);
	await page
		.getByRole('list', { name: 'Customer list' })
		.getByRole('link', { name: /Chen Jing/ })
		.click();
	const card = page.getByRole('region', { name: 'Suggested for Chen Jing' });
	const first = card.getByRole('listitem').first();
	await expect(first).toContainText('Cup B');
	await expect(first).toContainText('goes with Tea A: bought together by 10 customers');
	await expect(card).not.toContainText('Cup C');

	// The purchase form offers it too, and one tap puts it on a line.
	await page.getByRole('button', { name: 'Add purchase' }).click();
	const dialog = page.getByRole('dialog', { name: 'Add purchase' });
	await dialog.getByRole('button', { name: /^Add Cup B/ }).click();
	await expect(dialog.getByRole('group', { name: 'Line 1' }).getByLabel('Product')).toHaveValue(
		'Cup B'
	);
});

test('Today lists a customer who became high risk this week, with the reason and a follow-up', async ({
	page
}) => {
	// Every 20 days, the last 62 days before Dec 6: past three intervals two days ago.
	await customerBuyingOn(page, { name: 'Wang Fang', phone: '139 0000 5678' }, '88', [
		'2026-08-26',
		'2026-09-15',
		'2026-10-05'
	]);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
	const section = page.getByRole('region', { name: /^Became high risk this week/ });
	const row = section.getByRole('listitem').filter({ hasText: 'Wang Fang' });
	await expect(row).toContainText('usually buys every 20 days; 62 days since the last purchase');
	await expect(row.getByRole('link', { name: 'Call Wang Fang' })).toBeVisible();
	await row.getByRole('link', { name: 'Add a follow-up for Wang Fang' }).click();
	await expect(page.getByRole('dialog', { name: 'Add task' })).toBeVisible();
});

test('the customer list sorts by churn risk and shows each row’s ABC class and risk', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Customers' })
		.click();
	const list = page.getByRole('list', { name: 'Customer list' });
	await expect(list.getByText(/^ABC class [ABC]$/)).toHaveCount(0);
	await page.getByLabel('Sort by').selectOption({ label: 'Churn risk (highest first)' });
	const first = list.getByRole('listitem').first();
	await expect(first).toContainText('High risk');
	await expect(first.getByText(/^ABC class [ABC]$/)).toBeAttached();
	await page.getByLabel('Sort by').selectOption({ label: 'ABC class' });
	await expect(list.getByRole('listitem').first().getByText('ABC class A')).toBeAttached();
	// A score with no badge shows in the row while the list is sorted by it.
	await page.getByLabel('Sort by').selectOption({ label: '12-month value (predicted)' });
	await expect(list.getByRole('listitem').first()).toContainText(/¥[\d,.]+ in 12 months/);
	await page.getByLabel('Sort by').selectOption({ label: 'RFM segment' });
	await expect(list.getByRole('listitem').first()).toContainText('Important value');
});
