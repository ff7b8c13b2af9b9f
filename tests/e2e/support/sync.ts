import { expect, type Browser, type Page } from '@playwright/test';
import { customerList, openCustomers } from './app';
import { SIGNALING_URL } from './sync-servers';

/** A colleague's own browser: a separate context shares no storage or BroadcastChannel. */
export async function colleague(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	// y-webrtc's own log of handshakes, printed if the journey fails (support/test.ts).
	await context.addInitScript(() => {
		try {
			localStorage.setItem('log', 'y-webrtc');
		} catch {
			// Opaque frames (about:blank, data:) have no storage and run no sync.
		}
	});
	return context.newPage();
}

export async function saveName(page: Page, name: string) {
	await page.goto('/sync');
	await page.getByLabel('Your name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Colleagues will see this name' })
	).toBeVisible();
}

/** Starts a team on this page with the given servers and returns the invite link. */
export async function startTeam(
	page: Page,
	name: string,
	servers: { signaling: string; relay?: string }
): Promise<string> {
	await saveName(page, name);
	await page.getByLabel('Signaling servers').fill(servers.signaling);
	await page.getByLabel('Relay server (optional)').fill(servers.relay ?? '');
	await page.getByRole('button', { name: 'Turn on sync' }).click();
	const link = page.getByLabel('Invite link');
	await expect(link).toHaveValue(/\/sync\/join#/);
	await expect(page.getByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
	return link.inputValue();
}

/** Li and Wang, each in a browser of their own, in one team over the test's signaling server. */
export async function syncedColleagues(browser: Browser): Promise<{ li: Page; wang: Page }> {
	const li = await colleague(browser);
	const wang = await colleague(browser);
	const invite = await startTeam(li, 'Li', { signaling: SIGNALING_URL });
	await joinTeam(wang, invite, 'Wang');
	await expect(syncStatus(wang)).toHaveText('Synced with 1 colleague');
	return { li, wang };
}

export async function joinTeam(page: Page, invite: string, name: string) {
	await page.goto(invite);
	await expect(page.getByRole('heading', { level: 1, name: 'Join a team' })).toBeVisible();
	await page.getByLabel('Your name', { exact: true }).fill(name);
	await finishJoining(page);
	// The secret is taken out of the address bar once read.
	expect(page.url()).not.toContain('key=');
}

export const connectQuestion = (page: Page) =>
	page.getByRole('dialog', { name: 'Connect to servers new to this device?' });

/**
 * On the join page (reached by a link, a pasted invite or a QR code): joins, keeping the
 * archive, and connects to the invite's servers when asked. The test's own servers are new to
 * a device that has not joined them before, so the question comes on every first join.
 */
export async function finishJoining(page: Page) {
	await expect(page.getByRole('heading', { level: 1, name: 'Join a team' })).toBeVisible();
	await page.getByRole('button', { name: 'Join the team' }).click();
	const onSync = page.getByRole('heading', { level: 1, name: 'Sync with colleagues' });
	await expect(connectQuestion(page).or(onSync)).toBeVisible();
	if (await connectQuestion(page).isVisible()) {
		await connectQuestion(page).getByRole('button', { name: 'Connect and join' }).click();
	}
	await expect(onSync).toBeVisible();
}

/** Installs the app for offline use (service worker), then cuts this browser's network. */
export async function cutNetwork(page: Page) {
	await page.goto('/sync');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await page.context().setOffline(true);
}

export const syncStatus = (page: Page) => page.getByTestId('sync-status');
export const onlineList = (page: Page) => page.getByRole('list', { name: 'Online now' });

export async function openCustomer(page: Page, name: string) {
	await openCustomers(page);
	await customerList(page)
		.getByRole('link', { name: new RegExp(name) })
		.click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function editField(page: Page, customer: string, label: string, value: string) {
	await openCustomer(page, customer);
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel(label, { exact: true }).fill(value);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('region', { name: 'Contact' })).toBeVisible();
}

export async function setPaused(page: Page, paused: boolean) {
	await page.goto('/sync');
	await page.getByRole('button', { name: paused ? 'Pause sync' : 'Resume sync' }).click();
	await expect(
		page.getByRole('button', { name: paused ? 'Resume sync' : 'Pause sync' })
	).toBeVisible();
	if (paused) await expect(syncStatus(page)).toHaveText('Sync paused');
}
