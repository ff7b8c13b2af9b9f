import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { read, utils } from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import {
	addPurchase,
	createCustomer,
	customerList,
	loadDemoShop,
	openCustomers
} from './support/app';

/** Follows a link of the main navigation: the app stays loaded, as a shopkeeper's would. */
async function nav(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

async function openInsights(page: Page, period = 'This year'): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Insights' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
	await page.getByLabel('Period', { exact: true }).selectOption({ label: period });
	await expect(page.getByText(/\d{4}, compared with/)).toBeVisible();
}

/** A file the page offers for download, as text and as its path. */
async function download(page: Page, click: () => Promise<void>) {
	const file = page.waitForEvent('download');
	await click();
	const path = (await (await file).path())!;
	return { path, name: (await file).suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** The CSV rows of an export (the app writes a byte-order mark first). */
function csvRows(text: string): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: true
	}).data;
}

/** An amount as the page shows it ("¥12,345.60") in cents. */
function cents(text: string): number {
	const digits = text.replace(/[^\d.-]/g, '');
	return Math.round(Number(digits) * 100);
}

const decimalCents = (text: string) => Math.round(Number(text) * 100);

/** This year's revenue from a purchases export: each purchase's total once, by its local date. */
function revenueThisYear(rows: Record<string, string>[], customers?: Set<string>): number {
	const year = String(new Date().getFullYear());
	const totals = new Map<string, number>();
	for (const row of rows) {
		if (!row['Date']!.startsWith(`${year}-`)) continue;
		if (customers && !customers.has(`${row['Name']}|${row['Phone']}`)) continue;
		totals.set(row['Purchase no.']!, decimalCents(row['Purchase total']!));
	}
	return [...totals.values()].reduce((a, b) => a + b, 0);
}

async function exportPurchases(page: Page) {
	await page.goto('/export');
	await page.getByRole('radio', { name: /^Purchases/ }).check();
	await page.getByRole('radio', { name: /^CSV/ }).check();
	return download(page, () => page.getByRole('button', { name: 'Download' }).click());
}

function figure(page: Page, name: string): Locator {
	return page.getByTestId('figures').getByRole('heading', { name, exact: true }).locator('..');
}

function chartCard(page: Page, title: string): Locator {
	return page.getByRole('region', { name: title, exact: true });
}

test('the year’s revenue on the dashboard is the sum of this year’s purchases in an export', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	const exported = csvRows((await exportPurchases(page)).text);
	const expected = revenueThisYear(exported);
	expect(expected).toBeGreaterThan(0);

	await openInsights(page, 'This year');
	const revenue = figure(page, 'Revenue');
	await expect(revenue).toContainText('¥');
	expect(cents((await revenue.locator('.figure-value').textContent())!)).toBe(expected);
	// Each figure says what it counts and how it moved.
	await expect(figure(page, 'New customers')).toContainText(
		'New: first purchase ever in this period.'
	);
	await expect(revenue).toContainText(/on the previous period/);

	// The revenue chart over the year adds up to the same, month by month, in its table.
	const card = chartCard(page, 'Revenue over time');
	await card.getByRole('switch', { name: 'Show as table' }).click();
	await expect(card.getByRole('switch', { name: 'Show as table' })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	const table = card.getByRole('table', { name: 'Revenue over time' });
	await expect(table.getByRole('columnheader', { name: 'Revenue' })).toBeVisible();
	// By day, week or month, whatever part of the year has gone: the points add up the same.
	const points = await table.locator('tbody tr td:nth-child(2)').allTextContents();
	expect(points.length).toBeGreaterThan(0);
	expect(points.map(cents).reduce((a, b) => a + b, 0)).toBe(expected);
});

test('a province’s table cell lists exactly the customers whose purchases make it up', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	const purchases = csvRows((await exportPurchases(page)).text);
	await openInsights(page, 'This year');

	const card = chartCard(page, 'Revenue by province');
	await expect(card.getByRole('img')).toBeVisible();
	await card.getByRole('switch', { name: 'Show as table' }).click();
	const firstRow = card.getByRole('table').locator('tbody tr').first();
	const province = (await firstRow.getByRole('rowheader').textContent())!.trim();
	const cell = firstRow.getByRole('button', { name: /^Show the customers behind/ });
	const amount = cents((await cell.textContent())!);
	await cell.click();

	await expect(page).toHaveURL(/\/customers$/);
	await expect(page.getByText(`Revenue by province: ${province} (This year)`)).toBeVisible();
	const count = page.getByText(/^\d+ of 300 customers$/);
	await expect(count).toBeVisible();
	const shownCount = (await count.textContent())!.trim();

	// The list, exported, names customers whose purchases this year add up to the cell.
	await page.getByRole('link', { name: 'Export' }).click();
	await page.getByRole('radio', { name: /^Customers in the current list/ }).check();
	await page.getByRole('radio', { name: /^CSV/ }).check();
	const listed = csvRows(
		(await download(page, () => page.getByRole('button', { name: 'Download' }).click())).text
	);
	expect(listed.every((row) => row['Province'] === province)).toBe(true);
	expect(`${listed.length} of 300 customers`).toBe(shownCount);
	const keys = new Set(listed.map((row) => `${row['Name']}|${row['Phone']}`));
	expect(revenueThisYear(purchases, keys)).toBe(amount);

	// Back on the list, the chip takes the filter off again.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Customers' })
		.click();
	await page.getByRole('button', { name: 'Show all customers again' }).click();
	await expect(page.getByText('300 of 300 customers')).toBeVisible();
});

test('a click on a chart’s slice opens its customers, and a chart exports the table it shows', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	await openInsights(page, 'This year');

	// The first slice of the payment methods starts at twelve o'clock and runs clockwise.
	const card = chartCard(page, 'Payment methods');
	await card.getByRole('switch', { name: 'Show as table' }).click();
	const firstMethod = (await card
		.getByRole('table')
		.locator('tbody tr')
		.first()
		.getByRole('rowheader')
		.textContent())!.trim();
	await card.getByRole('switch', { name: 'Show as table' }).click();
	await expect(card).not.toHaveAttribute('data-shown-version', '0');
	const canvas = card.locator('canvas');
	const box = (await canvas.boundingBox())!;
	await page.mouse.click(box.x + box.width / 2 + 12, box.y + 24);
	await expect(page).toHaveURL(/\/customers$/);
	await expect(page.getByText(`Payment methods: ${firstMethod} (This year)`)).toBeVisible();
	await page.goBack();

	// XLSX holds the same cells as the table on the screen; CSV too.
	const products = chartCard(page, 'Top products by revenue');
	await products.getByRole('switch', { name: 'Show as table' }).click();
	const shown = await products
		.getByRole('table')
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((row) => [...row.children].map((cell) => cell.textContent!.trim()))
		);
	expect(shown.length).toBeGreaterThan(3);
	await products.getByText('Export', { exact: true }).click();
	const xlsx = await download(page, () => products.getByRole('button', { name: 'XLSX' }).click());
	expect(xlsx.name).toMatch(/^clientbook-productsByRevenue-\d{4}-01-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
	const sheet = read(readFileSync(xlsx.path)).Sheets['Top products by revenue']!;
	const cells = utils.sheet_to_json<(string | number)[]>(sheet, { header: 1 });
	expect(cells[0]).toEqual(['Product', 'Revenue', 'Quantity']);
	expect(cells.slice(1).map(([name, revenue, quantity]) => [name, revenue, quantity])).toEqual(
		shown.map(([name, revenue, quantity]) => [name, cents(revenue!) / 100, Number(quantity)])
	);
	const csv = await download(page, () => products.getByRole('button', { name: 'CSV' }).click());
	const csvCells = csvRows(csv.text);
	expect(csvCells.map((row) => decimalCents(row['Revenue']!))).toEqual(
		shown.map(([, revenue]) => cents(revenue!))
	);
	const png = await download(page, () => products.getByRole('button', { name: 'PNG' }).click());
	expect(readFileSync(png.path).subarray(1, 4).toString()).toBe('PNG');
});

test('a custom range is checked, compared with as many days before it, and follows the archive as it changes', async ({
	page
}) => {
	await page.goto('/insights');
	await expect(page.getByRole('heading', { name: 'Nothing to analyse yet' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add a customer' })).toBeVisible();

	// Two customers buy today; Insights stays open in the app between the changes.
	await openCustomers(page);
	await createCustomer(page, { name: 'Li Na' });
	await addPurchase(page, 'Oolong', '88.50');
	await openInsights(page, 'Custom range');
	await page.getByLabel('From', { exact: true }).fill('2026-03-10');
	await page.getByLabel('To', { exact: true }).fill('2026-03-01');
	await expect(page.getByRole('alert')).toContainText('The last day comes before the first.');
	await page.getByLabel('To', { exact: true }).fill('2026-03-19');
	await expect(
		page.getByText('Mar 10, 2026 – Mar 19, 2026, compared with Feb 28, 2026 – Mar 9, 2026')
	).toBeVisible();
	await page.getByLabel('Period', { exact: true }).selectOption({ label: 'This month' });
	await expect(figure(page, 'Revenue').locator('.figure-value')).toHaveText('¥88.50');
	await expect(figure(page, 'Revenue')).toContainText('▲ from none');

	await nav(page, 'Customers');
	await createCustomer(page, { name: 'Wang Fang' });
	await addPurchase(page, 'Puer', '10');
	await nav(page, 'Insights');
	await expect(figure(page, 'Revenue').locator('.figure-value')).toHaveText('¥98.50');
	await expect(figure(page, 'New customers').locator('.figure-value')).toHaveText('2');

	// Wang deleted: her sale leaves the figures, though no purchase changed.
	await nav(page, 'Customers');
	await customerList(page)
		.getByRole('link', { name: /Wang Fang/ })
		.click();
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await page
		.getByRole('dialog', { name: 'Delete Wang Fang?' })
		.getByRole('button', { name: 'Delete customer' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
	await nav(page, 'Insights');
	await expect(figure(page, 'Revenue').locator('.figure-value')).toHaveText('¥88.50');
	await expect(figure(page, 'Customers in the archive').locator('.figure-value')).toHaveText('1');
});
