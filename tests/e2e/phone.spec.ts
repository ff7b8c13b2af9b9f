import { expect, test } from '@playwright/test';
import { createCustomer, openCustomers } from './support/app';

test('on a 360-px phone the navigation sits at the bottom and nothing overflows', async ({
	page
}) => {
	await openCustomers(page);
	const nav = page.getByRole('navigation', { name: 'Main' });
	const box = await nav.boundingBox();
	expect(box?.y).toBeGreaterThan(600);
	expect(box?.width).toBeLessThanOrEqual(360);

	await createCustomer(page, { name: '欧阳娜娜', phone: '186 1234 5678', tags: 'VIP, 老客户' });
	for (const path of ['/customers', '/customers/new', '/settings']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, path).toBeLessThanOrEqual(0);
	}
	await page.goto('/customers');
	await page.getByRole('searchbox', { name: 'Search customers' }).fill('oyn');
	await expect(page.getByText('1 of 1 customers')).toBeVisible();
});
