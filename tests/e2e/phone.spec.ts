import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { addPurchase, createCustomer, openCustomers, loadDemoShop } from './support/app';
import { fixturePath } from './support/import';
import { clippedText, smallTargets } from './support/layout';
import { SIGNALING_URL } from './support/sync-servers';
import { startTeam } from './support/sync';

function localToday(): string {
	const now = new Date();
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Buttons and links pushed sideways out of the screen (a clipped row hides them silently). A
 * control in a box that scrolls sideways (a wide table, the import preview) is in reach.
 */
function controlsOffScreen(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('main button, main a')]
			.filter((el) => {
				for (let box = el.parentElement; box; box = box.parentElement) {
					const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
					if (scrolls && box.scrollWidth > box.clientWidth) return false;
				}
				return el.offsetParent !== null;
			})
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.left < -1 || box.right > window.innerWidth + 1;
			})
			.map((el) => el.textContent?.trim() ?? el.tagName)
	);
}

test('on a 360-px phone the navigation sits at the bottom and nothing overflows', async ({
	page
}) => {
	await openCustomers(page);
	const nav = page.getByRole('navigation', { name: 'Main' });
	const box = await nav.boundingBox();
	expect(box?.y).toBeGreaterThan(600);
	expect(box?.width).toBeLessThanOrEqual(360);

	await createCustomer(page, { name: '欧阳娜娜', phone: '186 1234 5678', tags: 'VIP, 老客户' });
	for (const path of [
		'/customers',
		'/customers/new',
		'/settings',
		'/import',
		'/export',
		'/backup',
		'/duplicates',
		'/sync',
		'/insights',
		'/insights/segments',
		'/insights/segments/new',
		'/insights/reports'
	]) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, path).toBeLessThanOrEqual(0);
		expect(await controlsOffScreen(page), path).toEqual([]);
	}
	await page.goto('/customers');
	await page.getByRole('searchbox', { name: 'Search customers' }).fill('oyn');
	await expect(page.getByText('1 of 1 customers')).toBeVisible();
});

test('on a 360-px phone the import wizard fits: preview scrolls inside, columns stack', async ({
	page
}) => {
	await page.goto('/import');
	await page
		.getByLabel('Import file')
		.setInputFiles(new URL('../fixtures/import/google-contacts.csv', import.meta.url).pathname);
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	expect(await controlsOffScreen(page)).toEqual([]);
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByRole('button', { name: 'Import 2 customers' })).toBeVisible();
});

test('on a 360-px phone the sync screen fits once in a team: invite, QR code, presence', async ({
	page
}) => {
	await startTeam(page, 'Li', { signaling: SIGNALING_URL });
	await expect(page.getByRole('link', { name: /^Sync with colleagues:/ })).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	expect(await controlsOffScreen(page)).toEqual([]);
	const qr = await page.getByRole('img', { name: 'QR code of the invite link' }).boundingBox();
	expect(qr!.x + qr!.width).toBeLessThanOrEqual(360);
	expect(await smallTargets(page)).toEqual([]);
});

test('on a 360-px phone the join page fits: a long crafted host, the archive choice, the question', async ({
	page
}) => {
	const invite = await startTeam(page, 'Li', { signaling: SIGNALING_URL });
	await openCustomers(page);
	await createCustomer(page, { name: 'Wu Fang' });
	// Another device's invite, naming a long host this device has never used.
	const crafted = invite
		.replace(/room=[^&]+/, 'room=clientbook-AAAAAAAAAAAAAAAAAAAAAA')
		.replace(/signal=[^&]+/, `signal=${encodeURIComponent(`wss://${'a'.repeat(60)}.evil.test`)}`);
	await page.goto(crafted);
	await page.getByRole('radio', { name: /^Join with an empty archive/ }).check();
	await expect(
		page.getByRole('button', { name: 'Download a backup of this archive' })
	).toBeVisible();
	const overflow = () =>
		page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
	expect(await overflow()).toBeLessThanOrEqual(0);
	expect(await controlsOffScreen(page)).toEqual([]);
	expect(await smallTargets(page)).toEqual([]);
	await page.getByRole('radio', { name: /^Keep my archive/ }).check();
	await page.getByRole('button', { name: 'Join the team' }).click();
	const question = page.getByRole('dialog', { name: 'Connect to servers new to this device?' });
	await expect(question.getByRole('button', { name: 'Connect and join' })).toBeInViewport();
	expect(await overflow()).toBeLessThanOrEqual(0);
	expect(await smallTargets(page)).toEqual([]);
	await question.getByRole('button', { name: 'Don’t connect' }).click();
	await expect(question).toBeHidden();
});

/**
 * Every route a shopkeeper can open, in the state that shows the most controls. Adding a route is
 * one line; `:id` is the test customer's id, `then` brings the page into a further state.
 */
const TOUCH_ROUTES: { path: string; label?: string; then?: (page: Page) => Promise<void> }[] = [
	{ path: '/today' },
	{ path: '/customers' },
	{
		path: '/customers',
		label: '/customers (searching, quality filter)',
		then: async (page) => {
			await page.getByRole('searchbox', { name: 'Search customers' }).fill('欧阳');
			await page.goto('/customers?quality=noEmail');
			await expect(page.getByRole('button', { name: 'Show all customers again' })).toBeVisible();
			await page.getByRole('searchbox', { name: 'Search customers' }).fill('欧阳');
		}
	},
	{ path: '/customers/new' },
	{ path: '/customers/:id' },
	{
		path: '/customers/:id',
		label: '/customers/:id (Add purchase, two lines)',
		then: async (page) => {
			await page.getByRole('button', { name: 'Add purchase' }).click();
			await page.getByRole('button', { name: 'Add line' }).click();
		}
	},
	{
		path: '/customers/:id',
		label: '/customers/:id (Log interaction)',
		then: (page) => page.getByRole('button', { name: 'Log interaction' }).click()
	},
	{
		path: '/customers/:id',
		label: '/customers/:id (Add task)',
		then: (page) => page.getByRole('button', { name: 'Add task' }).click()
	},
	{ path: '/customers/:id/edit' },
	{ path: '/insights' },
	{ path: '/insights/segments' },
	{ path: '/insights/reports' },
	{
		path: '/insights/value',
		then: (page) => expect(page.getByRole('heading', { name: 'RFM segments' })).toBeVisible()
	},
	{
		path: '/insights/segments/new',
		label: '/insights/segments/new (a group, a condition over a period)',
		then: async (page) => {
			await page.getByRole('button', { name: 'Add group' }).click();
			const condition = page.getByRole('group', { name: 'Condition 1' }).first();
			await condition.getByLabel('Field').selectOption({ label: 'Spent in a period' });
			await condition.getByLabel('Comparison').selectOption({ label: 'is between' });
			await condition.getByLabel('When').selectOption({ label: 'between two days' });
		}
	},
	{ path: '/settings' },
	{ path: '/care' },
	{
		path: '/care/coupons',
		label: '/care/coupons (a new campaign)',
		then: (page) => page.getByRole('button', { name: 'New campaign' }).first().click()
	},
	{ path: '/care/messages' },
	{
		path: '/care/automations',
		label: '/care/automations (a new rule)',
		then: (page) => page.getByRole('button', { name: 'New automation' }).first().click()
	},
	{ path: '/sales', label: '/sales (no pipeline yet)' },
	{
		path: '/sales',
		label: '/sales (a deal on the board, the deal form with a product line)',
		then: async (page) => {
			await page.getByRole('button', { name: 'Start with the usual steps' }).click();
			await page.getByRole('button', { name: 'New deal' }).click();
			const dialog = page.getByRole('dialog', { name: 'New deal' });
			await dialog.getByLabel('What is being sold').fill('红木茶桌');
			await dialog.getByLabel('Find the customer').fill('欧阳');
			await dialog.getByRole('button', { name: 'Choose 欧阳娜娜' }).click();
			await dialog.getByLabel('Value').fill('8800');
			await dialog.getByRole('button', { name: 'Save' }).click();
			await expect(page.getByRole('link', { name: '红木茶桌' })).toBeVisible();
			await page.getByRole('button', { name: 'New deal' }).click();
			await dialog.getByRole('button', { name: 'Add a product line' }).click();
		}
	},
	{ path: '/sales/list' },
	{
		path: '/care/feedback',
		label: '/care/feedback (a complaint, the log dialog)',
		then: async (page) => {
			await page.getByRole('button', { name: 'Log feedback' }).click();
			const dialog = page.getByRole('dialog', { name: 'Log feedback' });
			await dialog.getByLabel('Find the customer').fill('欧阳');
			await dialog.getByRole('button', { name: 'Choose 欧阳娜娜' }).click();
			await dialog.getByLabel('What the customer said').fill('茶叶罐有凹痕');
			await dialog.getByRole('button', { name: 'Save feedback' }).click();
			await expect(page.getByRole('article').filter({ hasText: '茶叶罐有凹痕' })).toBeVisible();
			await page.getByRole('button', { name: 'Log feedback' }).click();
		}
	},
	{
		path: '/care/surveys',
		label: '/care/surveys (a survey, the editor)',
		then: async (page) => {
			await page.getByRole('button', { name: 'New survey' }).first().click();
			const editor = page.getByRole('dialog', { name: 'New survey' });
			await editor.getByLabel('Name').fill('到店回访');
			await editor.getByRole('button', { name: 'One choice' }).click();
			await editor.getByRole('button', { name: 'Save survey' }).click();
			await expect(editor.getByText('Give the question in at least one language.')).toBeVisible();
		}
	},
	{
		path: '/sales/leads',
		label: '/sales/leads (a lead to qualify)',
		then: async (page) => {
			await page.getByRole('button', { name: 'New lead' }).click();
			const dialog = page.getByRole('dialog', { name: 'New lead' });
			await dialog.getByLabel('Name').fill('张伟');
			await dialog.getByLabel('Phone').fill('139 0013 9000');
			await dialog.getByRole('button', { name: 'Add lead' }).click();
			await expect(page.getByRole('button', { name: 'Qualify into a deal' })).toBeVisible();
		}
	},
	{
		path: '/settings',
		label: '/settings (a pipeline’s stages)',
		then: (page) => page.getByRole('button', { name: 'Edit Sales' }).click()
	},
	{ path: '/insights/feedback' },
	{ path: '/survey', label: '/survey (a link cut short)' },
	{ path: '/import' },
	{
		path: '/import',
		label: '/import (column mapping)',
		then: async (page) => {
			await page.getByLabel('Import file').setInputFiles(fixturePath('google-contacts.csv'));
			await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
		}
	},
	{ path: '/export' },
	{ path: '/backup' },
	{ path: '/duplicates' },
	{ path: '/sync' },
	{ path: '/sync/join' },
	{ path: '/customers/deleted' },
	{
		// Last: it deletes the test customer.
		path: '/customers/:id',
		label: '/customers/deleted (one customer)',
		then: async (page) => {
			await page.getByRole('button', { name: 'Delete', exact: true }).click();
			await page.getByRole('dialog').getByRole('button', { name: 'Delete customer' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
			await page.goto('/customers/deleted');
			await expect(page.getByRole('button', { name: /^Restore 欧阳娜娜/ })).toBeVisible();
		}
	},
	{
		// After everything else: the device stays a kiosk.
		path: '/sales/leads',
		label: '/kiosk (kiosk mode on)',
		then: async (page) => {
			await page.getByRole('button', { name: 'Kiosk mode' }).click();
			const dialog = page.getByRole('dialog', { name: 'Start kiosk mode' });
			await dialog.getByLabel('PIN', { exact: true }).fill('2468');
			await dialog.getByLabel('PIN again').fill('2468');
			await dialog.getByRole('button', { name: 'Start kiosk' }).click();
			await expect(page.getByRole('heading', { name: 'Welcome! Sign up' })).toBeVisible();
		}
	}
];

test('on a 360-px touch screen every control on every route is at least 44 × 44 and no text is cut off', async ({
	page
}) => {
	test.setTimeout(120_000);
	await openCustomers(page);
	await createCustomer(page, {
		name: '欧阳娜娜',
		phone: '186 1234 5678',
		tags: 'VIP, 老客户'
	});
	const id = new URL(page.url()).pathname.split('/').pop()!;
	await addPurchase(page, '乌龙茶', '120');
	await page.getByRole('button', { name: 'Log interaction' }).click();
	const logDialog = page.getByRole('dialog', { name: 'Log interaction' });
	await logDialog.getByLabel('Summary').fill('Asked about autumn tea');
	await logDialog.getByRole('button', { name: 'Save' }).click();
	await expect(logDialog).toBeHidden();
	await page.getByRole('button', { name: 'Add task' }).click();
	const taskDialog = page.getByRole('dialog', { name: 'Add task' });
	await taskDialog.getByLabel('Title').fill('Send the price list');
	await taskDialog.getByLabel('Due date').fill(localToday());
	await taskDialog.getByRole('button', { name: 'Save' }).click();
	await expect(taskDialog).toBeHidden();

	// In Chinese, the profile's dates read whole, each on one line of its half-width column.
	await page.goto('/settings');
	await page.getByLabel('Language').selectOption('zh-CN');
	await page.goto(`/customers/${id}`);
	for (const label of ['首次购买', '最近购买']) {
		const date = page
			.locator('dl > div')
			.filter({ has: page.getByText(label, { exact: true }) })
			.getByRole('definition');
		await expect(date).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
		const lines = await date.evaluate((element) => {
			const range = document.createRange();
			range.selectNodeContents(element);
			return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
		});
		expect(lines, label).toBe(1);
	}
	await page.goto('/settings');
	await page.getByLabel('语言').selectOption('en');

	const problems: string[] = [];
	for (const route of TOUCH_ROUTES) {
		await page.goto(route.path.replace(':id', id));
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await route.then?.(page);
		const where = route.label ?? route.path;
		for (const small of await smallTargets(page)) problems.push(`${where}: ${small}`);
		for (const clipped of await clippedText(page)) problems.push(`${where}: ${clipped}`);
	}
	expect(problems).toEqual([]);
});

test('on a 360-px phone 15 due tasks keep Today compact, with every action in reach', async ({
	page
}) => {
	test.setTimeout(120_000);
	await openCustomers(page);
	await createCustomer(page, { name: '欧阳娜娜', phone: '186 1234 5678' });
	for (let i = 1; i <= 15; i++) {
		await page.getByRole('button', { name: 'Add task' }).click();
		const dialog = page.getByRole('dialog', { name: 'Add task' });
		// Titles of growing length, so some row's date falls where its line would break.
		await dialog.getByLabel('Title').fill(`Send the autumn price list ${'x'.repeat(i)}`);
		await dialog.getByLabel('Due date').fill(localToday());
		await dialog.getByRole('button', { name: 'Save' }).click();
		await expect(dialog).toBeHidden();
	}
	await page.getByRole('link', { name: 'Today' }).click();
	const dueToday = page.getByRole('region', { name: /Due today/ });
	await expect(dueToday.getByRole('listitem')).toHaveCount(15);

	// The old rows (name, title, date, then a wrapping row of four buttons) made this page 3,295 px.
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	expect(height).toBeLessThanOrEqual(2000);
	expect(await smallTargets(page)).toEqual([]);
	// A due date never breaks inside itself ("Dec 6, / 2026"): it moves to the next line whole.
	const dates = dueToday.getByText(/^· /);
	await expect(dates).toHaveCount(15);
	const linesPerDate = await dates.evaluateAll((spans) =>
		spans.map((span) => new Set([...span.getClientRects()].map((rect) => rect.top)).size)
	);
	expect(linesPerDate).toEqual(Array(15).fill(1));

	// What does not fit a row is one tap away, and still a full-size target.
	const row = dueToday.getByRole('listitem').first();
	await row.getByRole('button', { name: /^More for 欧阳娜娜/ }).click();
	await expect(row.getByRole('link', { name: 'Call 欧阳娜娜' })).toHaveAttribute(
		'href',
		'tel:18612345678'
	);
	await expect(row.getByRole('link', { name: 'Message 欧阳娜娜' })).toHaveAttribute(
		'href',
		'sms:18612345678'
	);
	await expect(row.getByRole('button', { name: 'Snooze 1 day' })).toBeVisible();
	expect(await smallTargets(page)).toEqual([]);
	await row.getByRole('button', { name: 'Mark done' }).click();
	await expect(dueToday.getByRole('listitem')).toHaveCount(14);
});

test('on a 360-px phone the insights fit: figures two abreast, charts and their tables inside the screen', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Insights' })
		.click();
	await page.getByLabel('Period', { exact: true }).selectOption({ label: 'This year' });
	const figures = page.getByTestId('figures');
	const [revenue, purchases] = await figures
		.locator('.figure')
		.evaluateAll((tiles) => tiles.slice(0, 2).map((tile) => tile.getBoundingClientRect().top));
	expect(revenue).toBe(purchases);
	const heatmap = page.getByRole('region', { name: 'Purchases by weekday and hour' });
	await heatmap.getByRole('switch', { name: 'Show as table' }).click();
	await expect(heatmap.getByRole('columnheader', { name: '23' })).toBeAttached();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	expect(await controlsOffScreen(page)).toEqual([]);
	expect(await smallTargets(page)).toEqual([]);
	expect(await clippedText(page)).toEqual([]);
});

test('on a 360-px phone Customer value fits: segments, heat map and its table, Drifting away', async ({
	page
}) => {
	test.slow();
	await loadDemoShop(page);
	await page.goto('/insights/value');
	const tab = page
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Customer value' });
	await expect(tab).toHaveAttribute('aria-current', 'page');
	// The tabs scroll sideways; the current one is in sight.
	await expect(tab).toBeInViewport();
	await expect(page.getByRole('heading', { name: 'RFM segments' })).toBeVisible();
	const heat = page.getByRole('region', { name: 'Recency × frequency' });
	await heat.getByRole('switch', { name: 'Show as table' }).click();
	await expect(heat.getByRole('columnheader', { name: 'F 5' })).toBeAttached();
	await expect(
		page.getByRole('region', { name: 'Drifting away' }).getByRole('listitem').first()
	).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	expect(await controlsOffScreen(page)).toEqual([]);
	expect(await smallTargets(page)).toEqual([]);
	expect(await clippedText(page)).toEqual([]);
});
