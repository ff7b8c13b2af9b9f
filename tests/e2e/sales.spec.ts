import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomer, createCustomers, notices, openCustomers } from './support/app';
import { setPaused, syncStatus, syncedColleagues } from './support/sync';
import { smallTargets } from './support/layout';

const board = (page: Page) => page.getByRole('group', { name: 'Deals of Sales, by stage' });
const column = (page: Page, stage: string) =>
	board(page).getByRole('region', { name: stage, exact: true });
const card = (page: Page, title: string) =>
	board(page)
		.getByRole('listitem')
		.filter({ has: page.getByRole('link', { name: title }) });

async function addDeal(
	page: Page,
	deal: { title: string; customer: string; value: string; closeDate?: string }
) {
	await page.getByRole('button', { name: 'New deal' }).click();
	const dialog = page.getByRole('dialog', { name: 'New deal' });
	await dialog.getByLabel('What is being sold').fill(deal.title);
	await dialog.getByLabel('Find the customer').fill(deal.customer);
	await dialog.getByRole('button', { name: `Choose ${deal.customer}` }).click();
	await dialog.getByLabel('Value').fill(deal.value);
	if (deal.closeDate) await dialog.getByLabel('Expected close date').fill(deal.closeDate);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	await expect(card(page, deal.title)).toBeVisible();
}

/**
 * Drags a card with the mouse the way a hand does: press, move until it lifts, carry it over
 * the stage until the stage makes room for it, release.
 */
async function drag(page: Page, title: string, stage: string) {
	const from = card(page, title);
	const to = column(page, stage).getByRole('list');
	// The board scrolls sideways: bring the stage in sight, as a hand would, then drag.
	await to.scrollIntoViewIfNeeded();
	// Hovering waits until the card has stopped moving (cards glide after every change).
	await from.hover({ position: { x: 24, y: 14 } });
	await page.mouse.down();
	const start = (await from.boundingBox())!;
	await page.mouse.move(start.x + 34, start.y + 30, { steps: 5 });
	// Lifted: every stage shows it can take the card.
	await expect(to).toHaveClass(/drop-target/);
	const end = (await to.boundingBox())!;
	await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 15 });
	// The stage has made room for it (the library notices the pointer in its own time).
	await expect(to).toContainText(title);
	await page.mouse.up();
}

// A desktop monitor: the seven stages side by side (a narrower screen scrolls the board).
test.describe('on a desktop monitor', () => {
	test.use({ viewport: { width: 1800, height: 1000 } });

	test('a deal won again after it was reopened does not record its purchase twice unless asked', async ({
		page
	}) => {
		await createCustomers(page, [{ name: 'Lin Feng', phone: '13800138001' }]);
		await page.goto('/sales');
		await page.getByRole('button', { name: 'Start with the usual steps' }).click();
		await addDeal(page, { title: 'Sofa set', customer: 'Lin Feng', value: '12000' });
		await drag(page, 'Sofa set', 'Won');
		const won = page.getByRole('dialog', { name: '“Sofa set” won' });
		await won.getByRole('button', { name: 'Mark as won' }).click();
		await expect(won).toBeHidden();
		await drag(page, 'Sofa set', 'Negotiation');
		await expect(column(page, 'Negotiation')).toContainText('Sofa set');
		await drag(page, 'Sofa set', 'Won');
		await expect(won).toContainText('This deal was won before and its purchase recorded then.');
		const record = won.getByLabel('Record the purchase of ¥12,000.00 for Lin Feng');
		await expect(record).not.toBeChecked();
		await won.getByRole('button', { name: 'Mark as won' }).click();
		await expect(notices(page)).toContainText('“Sofa set” won.');

		// Lin Feng's record holds one purchase of ¥12,000.00, not two.
		await openCustomers(page);
		await page
			.getByRole('link', { name: /Lin Feng/ })
			.first()
			.click();
		await expect(page.getByRole('heading', { level: 1, name: 'Lin Feng' })).toBeVisible();
		await expect(page.getByText('¥12,000.00').first()).toBeVisible();
		await expect(page.getByText('¥24,000.00')).toHaveCount(0);
	});

	test('a pipeline’s deals move by mouse and keyboard, totals follow, one is won with its purchase and one lost with a reason', async ({
		page
	}) => {
		// The whole journey, funnel included: 47.6 s on a slower 2-core machine against 45.
		test.slow();
		await createCustomers(page, [
			{ name: 'Lin Feng', phone: '13800138001' },
			{ name: 'Qian Yu', phone: '13800138002' },
			{ name: 'Zhou Min', phone: '13800138003' }
		]);
		await page.getByRole('link', { name: 'Sales' }).click();
		await expect(page.getByRole('heading', { name: 'No sales pipeline yet' })).toBeVisible();
		await page.getByRole('button', { name: 'Start with the usual steps' }).click();
		await expect(column(page, 'New')).toBeVisible();
		await expect(page.getByText('No deals in this pipeline yet')).toBeVisible();

		await addDeal(page, { title: 'Sofa set', customer: 'Lin Feng', value: '12000' });
		await addDeal(page, { title: 'Dining table', customer: 'Qian Yu', value: '4500.50' });
		await addDeal(page, { title: 'Wardrobe', customer: 'Zhou Min', value: '8000' });
		// Three open deals in "New" (10 %): ¥24,500.50, weighted ¥2,450.05.
		await expect(column(page, 'New')).toContainText('3 deals');
		await expect(column(page, 'New')).toContainText('¥24,500.50');
		await expect(
			page.getByText(/3 open deals worth ¥24,500\.50, ¥2,450\.05 weighted/)
		).toBeVisible();

		// The mouse: Sofa set to Proposal (50 %).
		await drag(page, 'Sofa set', 'Proposal');
		await expect(card(page, 'Sofa set')).toHaveCount(1);
		await expect(column(page, 'Proposal')).toContainText('Sofa set');
		await expect(notices(page)).toContainText('“Sofa set” moved to Proposal.');
		await expect(column(page, 'Proposal')).toContainText('¥6,000.00 weighted');
		await expect(column(page, 'New')).toContainText('2 deals');

		// The keyboard only: Space picks Wardrobe up, Tab goes to the next stage, Escape puts it
		// back; again, and Space drops it there.
		await card(page, 'Wardrobe').focus();
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Escape');
		await expect(column(page, 'New')).toContainText('Wardrobe');
		await expect(column(page, 'Contacted')).toContainText('0 deals');
		await card(page, 'Wardrobe').focus();
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Space');
		await expect(column(page, 'Contacted')).toContainText('Wardrobe');
		await expect(notices(page)).toContainText('“Wardrobe” moved to Contacted.');
		// 12,000 × 50 % + 8,000 × 25 % + 4,500.50 × 10 % = 6,000 + 2,000 + 450.05.
		await expect(
			page.getByText(/3 open deals worth ¥24,500\.50, ¥8,450\.05 weighted/)
		).toBeVisible();

		// Won, recording its purchase: the customer's numbers include it.
		await drag(page, 'Sofa set', 'Won');
		const won = page.getByRole('dialog', { name: '“Sofa set” won' });
		await expect(won.getByLabel('Record the purchase of ¥12,000.00 for Lin Feng')).toBeChecked();
		await won.getByRole('button', { name: 'Mark as won' }).click();
		await expect(notices(page)).toContainText(
			'“Sofa set” won; its purchase of ¥12,000.00 is on Lin Feng’s record.'
		);
		await expect(column(page, 'Won')).toContainText('Sofa set');
		await expect(page.getByText(/2 open deals worth ¥12,500\.50/)).toBeVisible();

		// Lost, with a reason from the pipeline's list; a cancelled drop leaves the deal where it was.
		await drag(page, 'Dining table', 'Lost');
		const lost = page.getByRole('dialog', { name: 'Why was “Dining table” lost?' });
		await lost.getByRole('button', { name: 'Cancel' }).click();
		await expect(column(page, 'New')).toContainText('Dining table');
		await drag(page, 'Dining table', 'Lost');
		await lost.getByLabel('Price').check();
		await lost.getByRole('button', { name: 'Mark as lost' }).click();
		await expect(column(page, 'Lost')).toContainText('Dining table');
		await expect(column(page, 'Lost')).toContainText('Price');

		// The deal's history names each move.
		await card(page, 'Dining table').getByRole('link', { name: 'Dining table' }).click();
		const dialog = page.getByRole('dialog', { name: 'Deal “Dining table”' });
		await expect(dialog.getByRole('region', { name: 'History' })).toContainText(
			/moved it from New to Lost/
		);
		await dialog.getByRole('button', { name: 'Cancel' }).click();

		// The list shows the same deals, the won one among them.
		await page.getByRole('link', { name: 'List' }).click();
		const table = page.getByRole('table', { name: 'Deals of Sales' });
		await expect(table.getByRole('row')).toHaveCount(4);
		await expect(table.getByRole('row', { name: /Sofa set/ })).toContainText('Won');

		// The funnel agrees with the board: three deals started, one won, one open.
		await page.getByRole('link', { name: 'Funnel' }).click();
		const stages = page.getByRole('region', { name: 'Deals reaching each stage' });
		await stages.getByRole('switch', { name: 'Show as table' }).click();
		const rowOf = (region: Locator, name: string) =>
			region.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
		// Reached, their value, in it now, value now.
		await expect(rowOf(stages, 'New').getByRole('cell')).toHaveText([
			'3',
			'¥24,500.50',
			'0',
			'¥0.00'
		]);
		await expect(rowOf(stages, 'Contacted').getByRole('cell')).toHaveText([
			'2',
			'¥20,000.00',
			'1',
			'¥8,000.00'
		]);
		await expect(rowOf(stages, 'Won').getByRole('cell')).toHaveText([
			'1',
			'¥12,000.00',
			'1',
			'¥12,000.00'
		]);
		const forecast = page.getByRole('region', { name: 'Forecast by expected close month' });
		await forecast.getByRole('switch', { name: 'Show as table' }).click();
		await expect(rowOf(forecast, 'No date yet').getByRole('cell')).toHaveText([
			'¥2,000.00',
			'¥8,000.00',
			'1'
		]);
		const lostWhy = page.getByRole('region', { name: 'Why deals are lost' });
		await lostWhy.getByRole('switch', { name: 'Show as table' }).click();
		await expect(rowOf(lostWhy, 'Price').getByRole('cell')).toHaveText(['1', '¥4,500.50']);

		// Lin Feng's record has the purchase.
		await page.getByRole('link', { name: 'Customers' }).click();
		await page
			.getByRole('link', { name: /Lin Feng/ })
			.first()
			.click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Lin Feng', exact: true })
		).toBeVisible();
		await expect(page.getByText('Sofa set').first()).toBeVisible();
		await expect(page.getByText('¥12,000.00').first()).toBeVisible();
	});
});

async function openSales(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
}

async function editDeal(page: Page, title: string, label: string, value: string) {
	await openSales(page);
	await card(page, title).getByRole('link', { name: title }).click();
	const dialog = page.getByRole('dialog', { name: `Deal “${title}”` });
	await dialog.getByLabel(label).fill(value);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

test('a deal moved on one device is in its new stage on the other; offline edits of two fields both stay', async ({
	browser
}) => {
	test.slow();
	const { li, wang } = await syncedColleagues(browser);

	await openCustomers(li);
	await createCustomer(li, { name: 'Sun Li', phone: '13700137000' });
	await openSales(li);
	await li.getByRole('button', { name: 'Start with the usual steps' }).click();
	await addDeal(li, { title: 'Wedding album', customer: 'Sun Li', value: '6800' });

	await openSales(wang);
	await expect(card(wang, 'Wedding album')).toBeVisible();
	await expect(column(wang, 'New')).toContainText('Wedding album');

	// Li moves it by keyboard; Wang's board follows.
	await card(li, 'Wedding album').focus();
	await li.keyboard.press('Space');
	await li.keyboard.press('Tab');
	await li.keyboard.press('Space');
	await expect(column(li, 'Contacted')).toContainText('Wedding album');
	await expect(column(wang, 'Contacted')).toContainText('Wedding album');
	await expect(column(wang, 'New')).toContainText('0 deals');

	// Offline, Li changes the value and Wang the expected close date: both survive, on both.
	await setPaused(li, true);
	await setPaused(wang, true);
	await editDeal(li, 'Wedding album', 'Value', '7200');
	await editDeal(wang, 'Wedding album', 'Expected close date', '2027-03-15');
	await setPaused(li, false);
	await setPaused(wang, false);
	await expect(syncStatus(li)).toHaveText('Synced with 1 colleague');
	await expect(syncStatus(wang)).toHaveText('Synced with 1 colleague');
	for (const page of [li, wang]) {
		await openSales(page);
		const deal = card(page, 'Wedding album');
		await expect(deal).toContainText('¥7,200.00');
		await expect(deal).toContainText('Mar 15, 2027');
		await expect(column(page, 'Contacted')).toContainText('Wedding album');
	}
});

test('a deal idle past its stage’s limit is flagged on the board and on Today, with a link to it', async ({
	page
}) => {
	await createCustomers(page, [{ name: 'Zhao Lei', phone: '13900139000' }]);
	await openSales(page);
	await page.getByRole('button', { name: 'Start with the usual steps' }).click();
	await addDeal(page, { title: 'Office chairs', customer: 'Zhao Lei', value: '3200' });
	await expect(card(page, 'Office chairs')).not.toContainText('Idle');

	// Nine days later: "New" allows seven idle days.
	await page.clock.setFixedTime(Date.now() + 9 * 86_400_000 + 3_600_000);
	await page.reload();
	await expect(card(page, 'Office chairs')).toContainText('Idle 9 days: past this stage’s limit');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
	const waiting = page.getByRole('region', { name: 'Deals waiting for a next step' });
	await expect(waiting).toContainText('Office chairs');
	await expect(waiting).toContainText('Zhao Lei · New · ¥3,200.00');
	await waiting.getByRole('link', { name: 'Office chairs' }).click();
	await expect(page.getByRole('dialog', { name: 'Deal “Office chairs”' })).toBeVisible();
	await expect(page).toHaveURL(/\/sales$/);
});

test.describe('on a tablet (1024 × 768, touch)', () => {
	test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });

	test('a deal is carried to the next stage with a finger, and the column totals follow', async ({
		page
	}) => {
		await createCustomers(page, [{ name: 'Lin Feng', phone: '13800138001' }]);
		await page.goto('/sales');
		await page.getByRole('button', { name: 'Start with the usual steps' }).tap();
		await expect(column(page, 'New')).toBeVisible();
		await addDeal(page, { title: 'Sofa set', customer: 'Lin Feng', value: '12000' });
		await expect(column(page, 'Contacted')).toContainText('0 deals');

		// A long press lifts the card (a quick swipe scrolls the board), then the finger carries it.
		const from = (await card(page, 'Sofa set').boundingBox())!;
		const to = column(page, 'Contacted').getByRole('list');
		const target = (await to.boundingBox())!;
		const cdp = await page.context().newCDPSession(page);
		const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
			cdp.send('Input.dispatchTouchEvent', {
				type,
				touchPoints: type === 'touchEnd' ? [] : [{ x, y }]
			});
		const start = { x: from.x + 24, y: from.y + 14 };
		await touch('touchStart', start.x, start.y);
		await page.waitForTimeout(300);
		const end = { x: target.x + target.width / 2, y: target.y + 40 };
		for (let step = 1; step <= 15; step++) {
			await touch(
				'touchMove',
				start.x + ((end.x - start.x) * step) / 15,
				start.y + ((end.y - start.y) * step) / 15
			);
		}
		await expect(to).toContainText('Sofa set');
		await touch('touchEnd', end.x, end.y);

		await expect(column(page, 'Contacted')).toContainText('1 deal');
		await expect(column(page, 'New')).toContainText('0 deals');
		await expect(column(page, 'Contacted')).toContainText('¥12,000.00');
		expect(await smallTargets(page)).toEqual([]);
	});
});
