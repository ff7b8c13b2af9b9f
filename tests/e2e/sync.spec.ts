import { expect, test, type Browser, type Page } from '@playwright/test';
import { createCustomer, customerList, openCustomers } from './support/app';
import { RELAY_URL, SIGNALING_URL } from './support/sync-servers';

/** A colleague's own browser: a separate context shares no storage or BroadcastChannel. */
async function colleague(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

async function saveName(page: Page, name: string) {
	await page.goto('/sync');
	await page.getByLabel('Your name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Colleagues will see this name' })
	).toBeVisible();
}

/** Starts a team on this page with the given servers and returns the invite link. */
async function startTeam(
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

async function joinTeam(page: Page, invite: string, name: string) {
	await page.goto(invite);
	await expect(page.getByRole('heading', { level: 1, name: 'Join a team' })).toBeVisible();
	await page.getByLabel('Your name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Join the team' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sync with colleagues' })).toBeVisible();
	// The secret is taken out of the address bar once read.
	expect(page.url()).not.toContain('key=');
}

/** Installs the app for offline use (service worker), then cuts this browser's network. */
async function cutNetwork(page: Page) {
	await page.goto('/sync');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await page.context().setOffline(true);
}

const syncStatus = (page: Page) => page.getByTestId('sync-status');
const onlineList = (page: Page) => page.getByRole('list', { name: 'Online now' });

async function openCustomer(page: Page, name: string) {
	await openCustomers(page);
	await customerList(page)
		.getByRole('link', { name: new RegExp(name) })
		.click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function editField(page: Page, customer: string, label: string, value: string) {
	await openCustomer(page, customer);
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel(label, { exact: true }).fill(value);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('region', { name: 'Contact' })).toBeVisible();
}

async function setPaused(page: Page, paused: boolean) {
	await page.goto('/sync');
	await page.getByRole('button', { name: paused ? 'Pause sync' : 'Resume sync' }).click();
	await expect(
		page.getByRole('button', { name: paused ? 'Resume sync' : 'Pause sync' })
	).toBeVisible();
	if (paused) await expect(syncStatus(page)).toHaveText('Sync paused');
}

test('colleagues sync peer to peer: presence, live edits, offline edits, attribution; a wrong secret gets nothing', async ({
	browser
}) => {
	test.slow();
	const li = await colleague(browser);
	const wang = await colleague(browser);
	const invite = await startTeam(li, 'Li', { signaling: SIGNALING_URL });
	await expect(syncStatus(li)).toHaveText('Connected; no colleague online');

	await joinTeam(wang, invite, 'Wang');
	await expect(syncStatus(wang)).toHaveText('Synced with 1 colleague');
	await expect(onlineList(wang)).toContainText('Li');
	await expect(onlineList(wang)).toContainText('computer');
	await expect(onlineList(li)).toContainText('Wang');
	await expect(
		li.getByRole('link', { name: 'Sync with colleagues: Synced with 1 colleague' })
	).toBeVisible();

	// A new customer reaches the colleague while both are online.
	await openCustomers(li);
	await createCustomer(li, { name: 'Zhao Min', phone: '13800138001' });
	await openCustomers(wang);
	await expect(customerList(wang).getByRole('link', { name: /Zhao Min/ })).toBeVisible();

	// Both go offline (sync paused), each edits a different field, then both come back.
	await setPaused(li, true);
	await setPaused(wang, true);
	await editField(li, 'Zhao Min', 'City', 'Hangzhou');
	await editField(wang, 'Zhao Min', 'Email', 'zhao@example.com');
	await setPaused(li, false);
	await setPaused(wang, false);
	await expect(syncStatus(li)).toHaveText('Synced with 1 colleague');
	for (const page of [li, wang]) {
		await openCustomer(page, 'Zhao Min');
		const contact = page.getByRole('region', { name: 'Contact' });
		await expect(contact).toContainText('Hangzhou');
		await expect(contact).toContainText('zhao@example.com');
	}
	// Each sees who changed what.
	await expect(wang.getByText('Li changed the record')).toBeVisible();
	await expect(wang.getByText('City: (empty) → Hangzhou')).toBeVisible();
	await expect(li.getByText('Wang changed the record')).toBeVisible();

	// A device with the right room but a wrong secret learns nothing.
	const stranger = await colleague(browser);
	const forged = invite.replace(/key=[^&]+/, `key=${'x'.repeat(43)}`);
	await joinTeam(stranger, forged, 'Stranger');
	await expect(syncStatus(stranger)).toHaveText('Connected; no colleague online');
	// A change made now reaches the real colleague (so the room is live) but not the stranger.
	await openCustomers(li);
	await createCustomer(li, { name: 'Qian Hong' });
	await openCustomers(wang);
	await expect(customerList(wang).getByRole('link', { name: /Qian Hong/ })).toBeVisible();
	await stranger.goto('/sync');
	await expect(syncStatus(stranger)).toHaveText('Connected; no colleague online');
	await expect(onlineList(stranger)).toBeHidden();
	await openCustomers(stranger);
	await expect(stranger.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
	await li.goto('/sync');
	await expect(onlineList(li)).not.toContainText('Stranger');
});

test('a relay carries changes between colleagues who are never online together', async ({
	browser
}) => {
	test.slow();
	const li = await colleague(browser);
	const invite = await startTeam(li, 'Li', { signaling: '', relay: RELAY_URL });
	await expect(syncStatus(li)).toHaveText('Synced with the relay');
	await openCustomers(li);
	await createCustomer(li, { name: 'Sun Lihua', phone: '13900139002' });
	// Li goes offline before Wang ever connects.
	await setPaused(li, true);

	const wang = await colleague(browser);
	await joinTeam(wang, invite, 'Wang');
	await expect(syncStatus(wang)).toHaveText('Synced with the relay');
	await expect(onlineList(wang)).toBeHidden();
	await editField(wang, 'Sun Lihua', 'City', 'Suzhou');
	await setPaused(wang, true);

	await setPaused(li, false);
	await expect(syncStatus(li)).toHaveText('Synced with the relay');
	await openCustomer(li, 'Sun Lihua');
	await expect(li.getByRole('region', { name: 'Contact' })).toContainText('Suzhou');
	await expect(li.getByText('Wang changed the record')).toBeVisible();
});

test('sync files carry changes both ways between colleagues with no network', async ({
	browser
}) => {
	const li = await colleague(browser);
	const wang = await colleague(browser);
	await cutNetwork(li);
	await cutNetwork(wang);

	await saveName(li, 'Li');
	await openCustomers(li);
	await createCustomer(li, { name: 'Zhou Jie', phone: '13700137003' });
	await li.goto('/sync');
	await expect(li.getByText('You are not in a team, so the file is not encrypted')).toBeVisible();
	let download = li.waitForEvent('download');
	await li.getByRole('button', { name: 'Export changes for a colleague' }).click();
	const fromLi = await (await download).path();

	await saveName(wang, 'Wang');
	await wang.getByLabel('Import changes').setInputFiles(fromLi!);
	await expect(
		wang
			.getByRole('status')
			.filter({ hasText: 'Merged changes from Li: 1 customer added or changed.' })
	).toBeVisible();
	await editField(wang, 'Zhou Jie', 'City', 'Ningbo');

	// Wang now knows what Li has, so the file back holds only what Li lacks.
	await wang.goto('/sync');
	const what = wang.getByLabel('What to export');
	await expect(what.getByRole('option').nth(1)).toHaveText(/^Only what Li lacks/);
	await what.selectOption({ index: 1 });
	download = wang.waitForEvent('download');
	await wang.getByRole('button', { name: 'Export changes for a colleague' }).click();
	const fromWang = await (await download).path();

	await li.goto('/sync');
	await li.getByLabel('Import changes').setInputFiles(fromWang!);
	await expect(
		li
			.getByRole('status')
			.filter({ hasText: 'Merged changes from Wang: 1 customer added or changed.' })
	).toBeVisible();
	await openCustomer(li, 'Zhou Jie');
	await expect(li.getByRole('region', { name: 'Contact' })).toContainText('Ningbo');

	// Importing the same file again adds nothing; a file that is not one changes nothing.
	await li.goto('/sync');
	await li.getByLabel('Import changes').setInputFiles(fromWang!);
	await expect(
		li.getByRole('status').filter({ hasText: 'Merged changes from Wang: 0 customers' })
	).toBeVisible();
	await li.getByLabel('Import changes').setInputFiles({
		name: 'customers.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('name,phone\nA,1\n')
	});
	await expect(li.getByRole('alert')).toContainText('This is not a Clientbook changes file');
});
