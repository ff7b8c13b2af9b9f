import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { notices, loadDemoShop } from './support/app';
import { SIGNALING_URL } from './support/sync-servers';
import { colleague, joinTeam, startTeam, syncStatus } from './support/sync';

async function nav(page: Page, name: string): Promise<void> {
	const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
	await link.click();
	// The new page is in place (not the one it leaves, whose fields may share labels).
	await expect(link).toHaveAttribute('aria-current', 'page');
}

function csvRows(text: string): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: true
	}).data;
}

async function exportPurchases(page: Page): Promise<Record<string, string>[]> {
	await page.goto('/export');
	await page.getByRole('radio', { name: /^Purchases/ }).check();
	await page.getByRole('radio', { name: /^CSV/ }).check();
	const file = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download' }).click();
	return csvRows(readFileSync((await (await file).path())!, 'utf8'));
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * "Total spent over 1,000 and bought in the last 90 days", worked out by hand from a purchases
 * export as a shopkeeper would in a spreadsheet: each purchase's total once, per customer.
 */
function bigRecentSpenders(rows: Record<string, string>[]): Set<string> {
	const since = new Date();
	since.setDate(since.getDate() - 89);
	const first = dateKey(since);
	const spent = new Map<string, number>();
	const recent = new Set<string>();
	const seen = new Set<string>();
	for (const row of rows) {
		const who = `${row['Name']}|${row['Phone']}`;
		if (row['Date']!.slice(0, 10) >= first) recent.add(who);
		if (seen.has(row['Purchase no.']!)) continue;
		seen.add(row['Purchase no.']!);
		spent.set(who, (spent.get(who) ?? 0) + Math.round(Number(row['Purchase total']) * 100));
	}
	return new Set([...recent].filter((who) => (spent.get(who) ?? 0) > 100_000));
}

test('a saved segment counts as the list worked out by hand, tags exactly its members, survives a reload and reaches a colleague', async ({
	browser
}) => {
	test.slow();
	const li = await colleague(browser);
	await loadDemoShop(li);
	const expected = bigRecentSpenders(await exportPurchases(li));
	expect(expected.size).toBeGreaterThan(0);

	await nav(li, 'Insights');
	await li
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Segments' })
		.click();
	await expect(li.getByText('No segments yet.', { exact: false })).toBeVisible();
	await li.getByRole('link', { name: 'New segment' }).first().click();
	await li.getByLabel('Name', { exact: true }).fill('Big recent spenders');
	const first = li.getByRole('group', { name: 'Condition 1' });
	await first.getByLabel('Field').selectOption({ label: 'Total spent' });
	await first.getByLabel('Comparison').selectOption({ label: 'is more than' });
	await first.getByLabel('Value').fill('1,000');
	await li.getByRole('button', { name: 'Add condition' }).click();
	const second = li.getByRole('group', { name: 'Condition 2' });
	await second.getByLabel('Field').selectOption({ label: 'Last purchase' });
	await second.getByLabel('Comparison').selectOption({ label: 'in the last … days' });
	await second.getByLabel('Days').fill('90');
	// The count follows the edits.
	await expect(li.getByTestId('segment-count')).toHaveText(`${expected.size} customers match`);
	await second.getByLabel('Days').fill('1');
	await expect(li.getByTestId('segment-count')).not.toHaveText(`${expected.size} customers match`);
	await second.getByLabel('Days').fill('90');
	await expect(li.getByTestId('segment-count')).toHaveText(`${expected.size} customers match`);
	await li.getByRole('button', { name: 'Save segment' }).click();
	await expect(li.getByRole('heading', { level: 1, name: 'Big recent spenders' })).toBeVisible();

	// Bulk "add tag": exactly the members get it, in one undoable step.
	await li.getByText('Add a tag', { exact: true }).click();
	await li.getByLabel('Tag', { exact: true }).first().fill('Big spender');
	await li.getByRole('button', { name: 'Apply' }).first().click();
	await expect(
		notices(li).getByText(`Tagged ${expected.size} customers “Big spender”.`)
	).toBeVisible();
	await nav(li, 'Customers');
	await li.getByLabel('Tag', { exact: true }).selectOption('Big spender');
	await expect(li.getByText(`${expected.size} of 300 customers`)).toBeVisible();
	// …and they are exactly the customers worked out by hand.
	await li.getByRole('link', { name: 'Export' }).click();
	await li.getByRole('radio', { name: /^Customers in the current list/ }).check();
	await li.getByRole('radio', { name: /^CSV/ }).check();
	const file = li.waitForEvent('download');
	await li.getByRole('button', { name: 'Download' }).click();
	const tagged = csvRows(readFileSync((await (await file).path())!, 'utf8'));
	expect(new Set(tagged.map((row) => `${row['Name']}|${row['Phone']}`))).toEqual(expected);

	// The segment opens as the customer list, with a chip that takes it off.
	await nav(li, 'Insights');
	await li
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Segments' })
		.click();
	const saved = li.getByRole('list', { name: 'Saved segments' }).getByRole('listitem');
	await expect(saved).toHaveCount(1);
	await expect(saved).toContainText(`${expected.size} customers`);
	await saved.getByRole('button', { name: 'Show as customer list' }).click();
	await expect(li.getByText('Segment: Big recent spenders')).toBeVisible();
	await expect(li.getByText(`${expected.size} of 300 customers`)).toBeVisible();

	// Still there after a reload.
	await li.goto('/insights/segments');
	await expect(
		li
			.getByRole('list', { name: 'Saved segments' })
			.getByRole('link', { name: 'Big recent spenders' })
	).toBeVisible();

	// A colleague who joins the team gets it.
	const wang = await colleague(browser);
	const invite = await startTeam(li, 'Li', { signaling: SIGNALING_URL });
	await joinTeam(wang, invite, 'Wang');
	await expect(syncStatus(wang)).toHaveText('Synced with 1 colleague', { timeout: 30_000 });
	await wang.goto('/insights/segments');
	const theirs = wang.getByRole('list', { name: 'Saved segments' }).getByRole('listitem');
	await expect(theirs).toContainText('Big recent spenders', { timeout: 30_000 });
	await expect(theirs).toContainText(`${expected.size} customers`, { timeout: 30_000 });
	await li.context().close();
	await wang.context().close();
});

/** Makes and saves a segment of one condition on its field, comparison and value. */
async function saveSegment(
	page: Page,
	name: string,
	condition: { field: string; comparison: string; value: [label: string, text: string] }
): Promise<number> {
	await page.goto('/insights/segments/new');
	await page.getByLabel('Name', { exact: true }).fill(name);
	const first = page.getByRole('group', { name: 'Condition 1' });
	await first.getByLabel('Field').selectOption({ label: condition.field });
	await first.getByLabel('Comparison').selectOption({ label: condition.comparison });
	await first.getByLabel(condition.value[0]).fill(condition.value[1]);
	await expect(page.getByTestId('segment-count')).toHaveText(/^\d+ customers? match/);
	// The count of the last edit, not one still shown while it is worked out.
	await expect(page.getByTestId('segment-count')).toHaveAttribute('aria-busy', 'false');
	const count = Number((await page.getByTestId('segment-count').textContent())!.split(' ')[0]);
	await page.getByRole('button', { name: 'Save segment' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	return count;
}

/** How many customers the list shows with this stage chosen. */
async function withStage(page: Page, stage: string): Promise<number> {
	await nav(page, 'Customers');
	await page.getByLabel('Stage', { exact: true }).selectOption({ label: stage });
	const shown = page.getByText(/^\d+ of 300 customers$/);
	await expect(shown).toBeVisible();
	return Number((await shown.textContent())!.split(' ')[0]);
}

test('a segment’s members moved to a stage in one undoable step and given a follow-up each; two segments compared', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	const lostBefore = await withStage(page, 'Lost');

	const big = await saveSegment(page, 'Big spenders', {
		field: 'Total spent',
		comparison: 'is more than',
		value: ['Value', '1,000']
	});
	expect(big).toBeGreaterThan(0);
	const members = page.getByRole('region', { name: 'Members' });
	await expect(members.getByText(`Do something for all ${big} members`)).toBeVisible();

	// Every member to "Lost": one notice, one Undo for all of them.
	await members.getByText('Set the stage', { exact: true }).click();
	await members.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'Lost' });
	await members.getByRole('button', { name: 'Apply' }).first().click();
	const moved = notices(page).getByText(/^Moved \d+ customers? to Lost\.$/);
	await expect(moved).toBeVisible();
	const changed = Number((await moved.textContent())!.match(/\d+/)![0]);
	expect(changed).toBeGreaterThan(0);
	expect(changed).toBeLessThanOrEqual(big);
	await notices(page).getByRole('button', { name: 'Undo' }).click();
	expect(await withStage(page, 'Lost')).toBe(lostBefore);

	// A follow-up for each member, due today.
	await page.goto('/insights/segments');
	await page.getByRole('link', { name: 'Big spenders' }).click();
	await members.getByText('Add a follow-up for each', { exact: true }).click();
	await members.getByLabel('Follow-up').fill('Call about the spring tea');
	await members.getByRole('button', { name: 'Apply' }).last().click();
	await expect(
		notices(page).getByText(
			big === 1 ? 'Added a follow-up for 1 customer.' : `Added a follow-up for ${big} customers.`
		)
	).toBeVisible();
	await nav(page, 'Today');
	await expect(page.getByText('Call about the spring tea').first()).toBeVisible();

	// Two segments side by side: their sizes as the list of segments counts them.
	const recent = await saveSegment(page, 'Recent buyers', {
		field: 'Last purchase',
		comparison: 'in the last … days',
		value: ['Days', '30']
	});
	await page.goto('/insights/segments');
	await page.getByLabel('First segment').selectOption({ label: 'Big spenders' });
	await page.getByLabel('Second segment').selectOption({ label: 'Recent buyers' });
	const table = page.getByRole('table', { name: 'Compare two segments' });
	const customersRow = table.getByRole('row', { name: /^Customers/ });
	await expect(customersRow.getByRole('cell')).toHaveText([String(big), String(recent)]);
	await expect(
		table
			.getByRole('row', { name: /^Revenue/ })
			.getByRole('cell')
			.first()
	).toContainText('¥');
});
