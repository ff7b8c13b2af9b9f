import { expect, test } from './support/test';
import type { Page } from '@playwright/test';
import { createCustomer, openCustomers } from './support/app';
import { SIGNALING_URL } from './support/sync-servers';
import { startTeam } from './support/sync';

/** Buttons and links pushed sideways out of the screen (a clipped row hides them silently). */
function controlsOffScreen(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('main button, main a')]
			.filter((el) => el.offsetParent !== null && !el.closest('.preview'))
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
		'/sync'
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
});
