import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomer, openCustomers } from './support/app';

async function openFestivalList(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Care' }).click();
	const festival = page
		.getByRole('listitem')
		.filter({ hasText: 'Mid-Autumn Festival · 中秋节' })
		.last();
	await festival.getByRole('button', { name: 'Greet customers…' }).click();
	return page.getByRole('dialog', { name: /Send list: Mid-Autumn Festival/ });
}

test('consent per channel: recorded with its history; exports and send lists for marketing leave out who may not be reached, and say how many', async ({
	page
}) => {
	await page.clock.setFixedTime(new Date('2026-09-20T10:00:00'));
	await openCustomers(page);
	await createCustomer(page, { name: 'Lin Yi', phone: '13800000002' });
	await openCustomers(page);
	await createCustomer(page, { name: 'Wu Jun', phone: '13800000001' });

	// Wu Jun withdraws SMS on the phone: recorded on his profile, with who and how.
	const consent = page.getByRole('region', { name: 'Marketing consent by channel' });
	await expect(consent.getByTestId('consent-sms')).toHaveText('Not asked yet');
	await consent.getByText('Record a decision').click();
	await consent.getByLabel('Channel').selectOption({ label: 'SMS' });
	await consent.getByLabel('Decision').selectOption({ label: 'withdrawn' });
	await consent.getByLabel('How it was given').selectOption({ label: 'Verbal' });
	await consent.getByLabel(/The words agreed to/).fill('Asked on the phone to stop texts');
	await consent.getByRole('button', { name: 'Record it' }).click();
	await expect(consent.getByTestId('consent-sms')).toHaveText('withdrawn');
	await expect(consent.getByTestId('consent-wechat')).toHaveText('Not asked yet');
	await consent.getByText('History (1 record)').click();
	await expect(consent.getByRole('listitem')).toContainText('SMS withdrawn (Verbal');
	await expect(consent.getByRole('listitem')).toContainText('Asked on the phone to stop texts');

	// An export for SMS marketing leaves him out, and says so.
	await page.goto('/export');
	await page.getByRole('radio', { name: /^All customers \(2\)/ }).check();
	await page.getByRole('radio', { name: /^CSV/ }).check();
	await page
		.getByLabel('Is this list for marketing?')
		.selectOption({ label: 'Yes, by SMS: only customers it may reach' });
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download' }).click();
	const csv = readFileSync((await (await download).path())!, 'utf8');
	await expect(page.getByRole('status')).toContainText(
		'1 customer was left out: no consent for SMS.'
	);
	expect(csv).toContain('Lin Yi');
	expect(csv).not.toContain('Wu Jun');

	// A send list keeps him (other channels are open) but offers no SMS for him.
	let list = await openFestivalList(page);
	await expect(list.getByText('Customer 1 of 2')).toBeVisible();
	const greet = async (name: string) => {
		await expect(list.getByRole('heading', { name })).toBeVisible();
		return list;
	};
	for (let n = 0; n < 2; n++) {
		const heading = await list.getByRole('heading', { level: 3 }).first().textContent();
		if (heading === 'Wu Jun') {
			await greet('Wu Jun');
			await expect(list.getByRole('link', { name: 'SMS' })).toHaveCount(0);
			await expect(list.getByText('Not by SMS: no consent for it.')).toBeVisible();
		} else {
			await greet('Lin Yi');
			await expect(list.getByRole('link', { name: 'SMS' })).toBeVisible();
		}
		await list.getByRole('button', { name: 'Skip' }).click();
	}
	await list.getByRole('button', { name: 'Close' }).click();

	// The shop contacts only customers who agreed: nobody here agreed to anything.
	await page.getByText('Greeting settings', { exact: true }).click();
	await page.getByLabel('Contact only customers who agreed to that channel').check();
	await page.getByRole('button', { name: 'Save greeting settings' }).click();
	list = await openFestivalList(page);
	// Wu Jun withdrew SMS and agreed to nothing; Lin Yi was never asked.
	await expect(
		list.getByText('1 customer is left out: they declined or withdrew consent for every channel.')
	).toBeVisible();
	await expect(
		list.getByText(
			'1 customer is left out: they have not agreed to any channel (the shop contacts only customers who agreed).'
		)
	).toBeVisible();
	await expect(list.getByText('Nobody to greet', { exact: false })).toBeVisible();
});
