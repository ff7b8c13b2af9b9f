import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';

const CDNOW = fileURLToPath(
	new URL('../../../shared/datasets/cdnow/CDNOW_sample.txt', import.meta.url)
);

/** A file through the import wizard, its columns as suggested; ends on "Import finished". */
async function importFile(page: Page, name: string, text: string, what: RegExp) {
	await page.goto('/import');
	await page
		.getByLabel('Import file')
		.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	await page.getByRole('button', { name: 'Check rows' }).click();
	await page.getByRole('button', { name: what }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible({
		timeout: 60_000
	});
}

/** A number the model panel shows after its name ("r 0.2426"), commas dropped. */
const parameter = (text: string, name: string) =>
	Number(new RegExp(`${name}([\\d.,]+)`).exec(text)?.[1]?.replace(/,/g, '') ?? NaN);

test('the CDNOW transactions imported as customers and purchases fit, as of 1997-09-30, to the published BG/NBD parameters in weeks', async ({
	page
}) => {
	test.setTimeout(240_000);
	const rows = readFileSync(CDNOW, 'utf8')
		.trim()
		.split(/\r?\n/)
		.map((line) => line.trim().split(/\s+/));
	const ids = [...new Set(rows.map((row) => row[1]!))];
	expect(ids).toHaveLength(2357);
	await importFile(
		page,
		'cdnow-customers.csv',
		['Name', ...ids.map((id) => `CDNOW ${id}`)].join('\n'),
		/^Import [\d,]+ customers$/
	);
	const date = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
	await importFile(
		page,
		'cdnow-purchases.csv',
		[
			'Date,Name,Product,Quantity,Amount',
			...rows.map(([, id, day, , dollars]) => `${date(day!)},CDNOW ${id},CD,1,${dollars}`)
		].join('\n'),
		/^Import [\d,]+ purchases$/
	);

	await page.goto('/insights/value');
	await page.getByLabel('As of').fill('1997-09-30');
	const model = page.getByRole('region', { name: 'Purchase prediction' });
	await expect(model).toContainText('up to Sep 30, 1997', { timeout: 30_000 });
	await expect(model).toContainText('2,357 customers, 946 of them repeat buyers');
	const text = /BG\/NBD: [^;]+; log-likelihood -?[\d.,]+/.exec((await model.textContent())!)![0];
	const near = (actual: number, expected: number) =>
		expect(Math.abs(actual - expected) / expected).toBeLessThan(0.005);
	near(parameter(text, ': r '), 0.2426);
	near(parameter(text, 'α '), 4.4135);
	near(parameter(text, ', a '), 0.7929);
	near(parameter(text, ', b '), 2.4259);
	expect(Math.abs(parameter(text, 'log-likelihood -') - 9582.43)).toBeLessThan(0.1);
});
