import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';

/**
 * The first route carries only its own messages; the rest load before any other route renders
 * (src/lib/i18n/i18n.svelte.ts). These journeys open other routes cold and from the first
 * route, and fail if a message key ever shows instead of its text, even for one frame.
 */

function keysOf(node: Record<string, unknown>, prefix = ''): string[] {
	return Object.entries(node).flatMap(([key, value]) =>
		typeof value === 'object' && value !== null
			? keysOf(value as Record<string, unknown>, `${prefix}${key}.`)
			: [`${prefix}${key}`.replace(/_(one|other)$/, '')]
	);
}

const MESSAGE_KEYS = [
	...new Set(
		['first-route', 'on-demand'].flatMap((part) =>
			keysOf(JSON.parse(readFileSync(`src/lib/i18n/en/${part}.json`, 'utf8')))
		)
	)
];

/** Records every message key that appears in the page's text or labels, from the first node. */
async function watchForKeys(page: Page): Promise<void> {
	await page.addInitScript((keys: string[]) => {
		const known = new Set(keys);
		const seen: string[] = [];
		(window as unknown as { __keysShown: string[] }).__keysShown = seen;
		const check = (text: string | null) => {
			for (const [word] of (text ?? '').matchAll(/[a-zA-Z]+\.[\w.]+/g)) {
				if (known.has(word) && !seen.includes(word)) seen.push(word);
			}
		};
		const checkNode = (node: Node) => {
			if (node.nodeType === Node.TEXT_NODE) check(node.textContent);
			else if (node instanceof Element) {
				for (const name of ['aria-label', 'placeholder', 'title']) check(node.getAttribute(name));
				for (const child of node.childNodes) checkNode(child);
			}
		};
		new MutationObserver((records) => {
			for (const record of records) {
				if (record.type === 'childList') record.addedNodes.forEach(checkNode);
				else if (record.type === 'characterData') check(record.target.textContent);
				else checkNode(record.target);
			}
		}).observe(document, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true,
			attributeFilter: ['aria-label', 'placeholder', 'title']
		});
	}, MESSAGE_KEYS);
}

async function keysShown(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __keysShown: string[] }).__keysShown);
}

test('a cold start on another route shows its text, never its keys', async ({ page }) => {
	await watchForKeys(page);
	await page.goto('/settings');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Settings', exact: true })
	).toBeVisible();
	// Tags and Products are messages the first route does not carry.
	await expect(page.getByRole('heading', { level: 2, name: 'Tags', exact: true })).toBeVisible();
	await expect(
		page.getByRole('heading', { level: 2, name: 'Products', exact: true })
	).toBeVisible();
	expect(await keysShown(page)).toEqual([]);
});

test('leaving the first route loads the rest of the messages first', async ({ page }) => {
	await openCustomers(page);
	await createCustomer(page, { name: 'Lin Mei', phone: '13800138000' });

	// A fresh start on the list, then on to other routes by links, as a person would.
	await watchForKeys(page);
	await openCustomers(page);
	await customerList(page)
		.getByRole('link', { name: /Lin Mei/ })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Lin Mei' })).toBeVisible();
	// "Phone" is a label of the customer form's section, which the first route does not carry.
	await expect(page.locator('dt', { hasText: /^Phone$/ })).toBeVisible();
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 2, name: 'Products', exact: true })
	).toBeVisible();
	await page.getByRole('link', { name: 'Today', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Today', exact: true })).toBeVisible();
	expect(await keysShown(page)).toEqual([]);
});

test('in Chinese, a link straight to Settings shows Chinese, not keys', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	await watchForKeys(page);
	await page.goto('/settings');
	await expect(page.getByRole('heading', { level: 1, name: '设置', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '标签', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '商品', exact: true })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	expect(await keysShown(page)).toEqual([]);

	// From the list, too; then back to English, whose rest was never loaded on this page.
	await page.goto('/customers');
	await expect(page.getByRole('heading', { level: 1, name: '客户', exact: true })).toBeVisible();
	await page.getByRole('link', { name: '设置', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: '商品', exact: true })).toBeVisible();
	await page.getByLabel('语言').selectOption('en');
	await expect(
		page.getByRole('heading', { level: 2, name: 'Products', exact: true })
	).toBeVisible();
	expect(await keysShown(page)).toEqual([]);
	await context.close();
});
