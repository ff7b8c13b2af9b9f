import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomer, openCustomers } from './support/app';

function localToday(): string {
	const now = new Date();
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Keeps a write transaction on the projection's customers open for `ms`, as a busy tab would. */
async function holdCustomersStore(page: Page, ms: number): Promise<void> {
	await page.evaluate(async (ms) => {
		const name = (await indexedDB.databases())
			.map((db) => db.name ?? '')
			.find((name) => name.startsWith('clientbook-projection-'));
		if (!name) throw new Error('no projection database');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(name);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const store = db.transaction('customers', 'readwrite').objectStore('customers');
		const until = performance.now() + ms;
		// A transaction stays open while it has requests: ask again until the time is up.
		const keepBusy = () => {
			if (performance.now() < until) store.count().onsuccess = keepBusy;
			else db.close();
		};
		keepBusy();
	}, ms);
}

test('Today in an empty archive says how to begin instead of "all clear"', async ({ page }) => {
	await page.goto('/today');
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Start your archive' })).toBeVisible();
	await expect(page.getByText('All clear for today')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Import a file' })).toHaveAttribute(
		'href',
		'/import'
	);
	await expect(page.getByRole('link', { name: 'Add a customer' })).toHaveAttribute(
		'href',
		'/customers/new'
	);
	await expect(page.getByRole('link', { name: 'Try the demo shop' })).toHaveAttribute(
		'href',
		'/settings#demo-shop'
	);
	await page.getByRole('link', { name: 'Add a customer' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New customer' })).toBeVisible();

	// With customers and nothing due, the day is "all clear" again.
	await openCustomers(page);
	await createCustomer(page, { name: 'Grace Wu' });
	await page.getByRole('link', { name: 'Today' }).click();
	await expect(page.getByRole('heading', { name: 'All clear for today' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Start your archive' })).toHaveCount(0);
});

test('a birthday row offers call, message and logging a conversation', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Lucy Zhou', phone: '186 1111 2222' });
	const id = new URL(page.url()).pathname.split('/').pop()!;
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Birthday').fill(`1990${localToday().slice(4)}`);
	// Saved and straight on to Today while storage is slow to answer (another tab holds the
	// customers' store for a moment): the save going through later must not pull her back.
	await holdCustomersStore(page, 1500);
	await page.getByRole('button', { name: 'Save' }).click();
	await page.getByRole('link', { name: 'Today' }).click();
	const birthdays = page.getByRole('region', { name: 'Birthdays in the next 7 days' });
	await expect(birthdays).toContainText('Birthday today');
	await expect(page.getByText('Saved changes to Lucy Zhou')).toBeVisible();
	await expect(page).toHaveURL(/\/today$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	await expect(birthdays.getByRole('link', { name: 'Call Lucy Zhou' })).toHaveAttribute(
		'href',
		'tel:18611112222'
	);
	await expect(birthdays.getByRole('link', { name: 'Message Lucy Zhou' })).toHaveAttribute(
		'href',
		'sms:18611112222'
	);
	const log = birthdays.getByRole('link', { name: 'Log a conversation with Lucy Zhou' });
	await expect(log).toHaveAttribute('href', `/customers/${id}?log=call`);
	await log.click();
	await expect(page.getByRole('dialog', { name: 'Log interaction' })).toBeVisible();
});

test('a week of many birthdays shows the first 20, and all of them on request', async ({
	page
}) => {
	const soon = new Date();
	soon.setDate(soon.getDate() + 2);
	const monthDay = `${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
	const rows = Array.from({ length: 25 }, (_, i) => `Guest ${i + 1},1990-${monthDay}`);
	await page.goto('/import');
	await page.getByLabel('Import file').setInputFiles({
		name: 'birthdays.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(['Name,Birthday', ...rows].join('\n'))
	});
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	await page.getByRole('button', { name: 'Check rows' }).click();
	await page.getByRole('button', { name: 'Import 25 customers' }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
	const birthdays = page.getByRole('region', { name: /Birthdays in the next 7 days/ });
	await expect(birthdays.getByRole('heading')).toHaveText('Birthdays in the next 7 days (25)');
	await expect(birthdays.getByRole('listitem')).toHaveCount(20);
	await birthdays.getByRole('button', { name: 'Show all 25 birthdays' }).click();
	await expect(birthdays.getByRole('listitem')).toHaveCount(25);
	await expect(birthdays.getByRole('button', { name: /^Show all/ })).toHaveCount(0);
});
