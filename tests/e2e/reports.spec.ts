import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { read, utils } from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { notices, loadDemoShop } from './support/app';

async function nav(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

function csvRows(text: string): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: true
	}).data;
}

async function download(page: Page, click: () => Promise<void>) {
	const file = page.waitForEvent('download');
	await click();
	return (await (await file).path())!;
}

async function exportCsv(page: Page, scope: RegExp) {
	await page.getByRole('radio', { name: scope }).check();
	await page.getByRole('radio', { name: /^CSV/ }).check();
	const path = await download(page, () => page.getByRole('button', { name: 'Download' }).click());
	return csvRows(readFileSync(path, 'utf8'));
}

const cents = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);

test('a pivot of revenue by province × quarter adds up to the dashboard, its cells to their customers, its XLSX to its table', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	await page.goto('/export');
	const purchases = await exportCsv(page, /^Purchases/);

	await nav(page, 'Insights');
	await page.getByLabel('Period', { exact: true }).selectOption({ label: 'This year' });
	const revenue = page
		.getByTestId('figures')
		.getByRole('heading', { name: 'Revenue', exact: true })
		.locator('..')
		.locator('.figure-value');
	await expect(revenue).toContainText('¥');
	const dashboardRevenue = cents((await revenue.textContent())!);

	await page
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Reports' })
		.click();
	await expect(page.getByLabel('Rows')).toHaveValue('province');
	await expect(page.getByLabel('Columns')).toHaveValue('quarter');
	const table = page.getByRole('table', { name: 'Pivot report' });
	const grand = table.locator('tfoot td').last();
	await expect(grand).toContainText('¥');
	expect(cents((await grand.textContent())!)).toBe(dashboardRevenue);

	// The XLSX has the table's cells, in its layout.
	const shown = await table
		.locator('tr')
		.evaluateAll((rows) =>
			rows.map((row) => [...row.children].map((cell) => cell.textContent!.trim()))
		);
	const xlsx = await download(page, () =>
		page.getByRole('button', { name: 'Export XLSX' }).click()
	);
	const sheet = utils.sheet_to_json<(string | number)[]>(
		read(readFileSync(xlsx)).Sheets['Pivot report']!,
		{ header: 1, defval: '' }
	);
	expect(sheet[0]).toEqual(shown[0]!.map((text) => text.replace(/[▲▼]/g, '').trim()));
	expect(sheet.slice(1).map((row) => row[0])).toEqual(shown.slice(1).map((row) => row[0]));
	expect(sheet.slice(1).map((row) => row.slice(1).map((v) => Math.round(Number(v) * 100)))).toEqual(
		shown.slice(1).map((row) => row.slice(1).map(cents))
	);

	// A cell lists exactly the customers whose purchases in that province and quarter make it up.
	const body = table.locator('tbody tr');
	let cell = body.first().locator('td').first();
	for (let r = 0; r < (await body.count()); r++) {
		const candidate = body.nth(r).locator('td').first();
		if (cents((await candidate.textContent())!) > 0) {
			cell = candidate;
			break;
		}
	}
	const amount = cents((await cell.textContent())!);
	const province = (await cell.locator('xpath=ancestor::tr/th').textContent())!.trim();
	const quarterLabel = (await table.locator('thead th').nth(1).textContent())!
		.replace(/[▲▼]/g, '')
		.trim();
	expect(quarterLabel).toMatch(/^\d{4}-Q1$/);
	await cell.getByRole('button').click();
	await expect(page).toHaveURL(/\/customers$/);
	await expect(page.getByText(`Province × Quarter: ${province} · ${quarterLabel}`)).toBeVisible();
	await page.getByRole('link', { name: 'Export' }).click();
	const listed = await exportCsv(page, /^Customers in the current list/);
	expect(listed.every((row) => row['Province'] === province)).toBe(true);
	const who = new Set(listed.map((row) => `${row['Name']}|${row['Phone']}`));
	const year = quarterLabel.slice(0, 4);
	const totals = new Map<string, number>();
	for (const row of purchases) {
		const month = Number(row['Date']!.slice(5, 7));
		if (!row['Date']!.startsWith(year) || month > 3) continue;
		if (!who.has(`${row['Name']}|${row['Phone']}`)) continue;
		totals.set(row['Purchase no.']!, cents(row['Purchase total']!));
	}
	expect([...totals.values()].reduce((a, b) => a + b, 0)).toBe(amount);

	// Rows and columns changed one after the other: the table and its chart follow, each label
	// read as the dimension its numbers were worked out for.
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(message.text());
	});
	await nav(page, 'Insights');
	await page
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Reports' })
		.click();
	await expect(grand).toContainText('¥');
	await page.getByLabel('Rows').selectOption({ label: 'Product' });
	await page.getByLabel('Columns').selectOption({ label: 'Month' });
	await expect(table.locator('thead th').nth(1)).toHaveText(/^[A-Z][a-z]{2} \d{4}\s*$/);
	await expect(table.getByRole('button', { name: 'Sort by Product' })).toBeVisible();
	await expect(page.getByTestId('chart-report-chart').locator('canvas')).toBeVisible();
	expect(cents((await grand.textContent())!)).toBe(dashboardRevenue);
	expect(problems).toEqual([]);
});

test('a report saved with its layout opens again as it was, after a reload, and its deletion can be undone', async ({
	page
}) => {
	await page.goto('/insights/reports');
	const saved = page.getByRole('region', { name: 'Saved reports' });
	await expect(saved.getByText('No saved reports yet')).toBeVisible();

	await page.getByLabel('Rows').selectOption({ label: 'Product' });
	await page.getByLabel('Columns').selectOption({ label: 'Month' });
	await page.getByLabel('Measure').selectOption({ label: 'Quantity' });
	await page
		.getByRole('combobox', { name: 'Period', exact: true })
		.selectOption({ label: 'All time' });
	await page.getByRole('button', { name: 'Save report' }).click();
	await expect(page.getByRole('alert').getByText('Give the report a name.')).toBeVisible();
	await page.getByLabel('Report name').fill('Products by month');
	await page.getByRole('button', { name: 'Save report' }).click();
	await expect(notices(page).getByText('Saved “Products by month”.')).toBeVisible();
	await expect(page).toHaveURL(/\/insights\/reports\?report=/);
	const address = page.url();
	const link = saved.getByRole('link', { name: 'Products by month' });
	await expect(link).toHaveAttribute('aria-current', 'page');
	await expect(saved.getByText('Product × Month · Quantity · All time')).toBeVisible();

	// A change is marked until it is saved.
	await page.getByLabel('Measure').selectOption({ label: 'Revenue' });
	await expect(
		page.getByRole('status').filter({ hasText: 'differs from the saved' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(saved.getByText('Product × Month · Revenue · All time')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();

	// "New report" starts from the default layout; the saved one opens as it was, after a reload too.
	await page.getByRole('link', { name: '+ New report' }).click();
	await expect(page.getByLabel('Rows')).toHaveValue('province');
	await expect(page.getByLabel('Report name')).toHaveValue('');
	await page.reload();
	await link.click();
	await expect(page.getByLabel('Rows')).toHaveValue('product');
	await expect(page.getByLabel('Columns')).toHaveValue('month');
	await expect(page.getByLabel('Measure')).toHaveValue('revenue');
	await expect(page.getByRole('combobox', { name: 'Period', exact: true })).toHaveValue('all');
	await expect(page.getByLabel('Report name')).toHaveValue('Products by month');
	// Opened straight from its address, as a bookmark or a fresh start would.
	await page.goto('/customers');
	await page.goto(address);
	await expect(page.getByLabel('Rows')).toHaveValue('product');
	await expect(page.getByLabel('Measure')).toHaveValue('revenue');
	await expect(saved.getByRole('link', { name: 'Products by month' })).toHaveAttribute(
		'aria-current',
		'page'
	);

	// Saved as a second report, then the first deleted and brought back.
	await page.getByLabel('Rows').selectOption({ label: 'City' });
	await page.getByLabel('Report name').fill('Cities by month');
	await page.getByRole('button', { name: 'Save as new report' }).click();
	await expect(saved.getByRole('link', { name: 'Cities by month' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(saved.getByRole('listitem')).toHaveCount(2);
	await saved.getByRole('button', { name: 'Delete the report “Products by month”' }).click();
	await expect(saved.getByRole('listitem')).toHaveCount(1);
	await notices(page).getByRole('button', { name: 'Undo' }).click();
	await expect(saved.getByRole('link', { name: 'Products by month' })).toBeVisible();

	// The open report deleted (as a colleague might): the table stays, to be saved again.
	await saved.getByRole('button', { name: 'Delete the report “Cities by month”' }).click();
	await expect(page.getByRole('alert').getByText('This report is no longer saved')).toBeVisible();
	await expect(page.getByLabel('Rows')).toHaveValue('city');
	await expect(page.getByRole('button', { name: 'Save report' })).toBeVisible();
});
