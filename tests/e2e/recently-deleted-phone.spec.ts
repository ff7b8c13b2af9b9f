import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { addPurchase, createCustomer, openCustomers } from './support/app';

/** Buttons in the page smaller than a thumb (44 × 44), and whether the page scrolls sideways. */
function layoutProblems(page: Page) {
	return page.evaluate(() => ({
		small: [...document.querySelectorAll<HTMLElement>('main button')]
			.filter((el) => el.getClientRects().length > 0)
			.map((el) => ({ name: el.textContent?.trim(), box: el.getBoundingClientRect() }))
			.filter(({ box }) => box.width < 44 || box.height < 44)
			.map(({ name, box }) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`),
		overflow: document.documentElement.scrollWidth > window.innerWidth
	}));
}

test('Recently deleted and the edit and restore controls fit a 360-px phone', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: '欧阳娜娜 with a rather long name', phone: '186 1234 5678' });
	await addPurchase(page, '乌龙茶', '88.00');
	await addPurchase(page, '红茶', '12.00');
	await page
		.getByRole('list', { name: 'Timeline' })
		.getByRole('button', { name: /^Delete: Purchase · ¥12\.00/ })
		.click();
	const deletedHere = page.getByRole('region', { name: 'Recently deleted' });
	await expect(
		deletedHere.getByRole('button', { name: /^Restore: Purchase · ¥12\.00/ })
	).toBeVisible();
	expect(await layoutProblems(page)).toEqual({ small: [], overflow: false });

	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	const ask = page.getByRole('dialog', { name: /^Delete 欧阳娜娜/ });
	await expect(ask).toContainText('Their 1 purchase will be deleted with them.');
	await ask.getByRole('button', { name: 'Delete customer' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

	await page.goto('/customers/deleted');
	const restore = page.getByRole('button', { name: /^Restore 欧阳娜娜/ });
	await expect(restore).toBeVisible();
	expect(await layoutProblems(page)).toEqual({ small: [], overflow: false });
	await restore.click();
	await expect(
		page.getByRole('heading', { name: 'Nothing deleted in the last 30 days' })
	).toBeVisible();
	expect(await layoutProblems(page)).toEqual({ small: [], overflow: false });
});
