import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';
import { RELAY_PORT, RELAY_URL, SIGNALING_PORT, SIGNALING_URL } from './support/sync-servers';
import { colleague, connectQuestion, onlineList, startTeam, syncStatus } from './support/sync';

test('an invite naming servers new to this device shows them, and connects only once confirmed', async ({
	browser
}) => {
	test.slow();
	const li = await colleague(browser);
	const invite = await startTeam(li, 'Li', { signaling: SIGNALING_URL, relay: RELAY_URL });
	await openCustomers(li);
	await createCustomer(li, { name: 'Wu Fang' });

	const wang = await colleague(browser);
	// Every WebSocket Wang's page opens: the signaling server's and the relay's.
	const sockets: string[] = [];
	wang.on('websocket', (socket) => sockets.push(socket.url()));
	await openCustomers(wang);
	await createCustomer(wang, { name: 'Wang Own Lead' });

	// A crafted invite: Li's room and secret, but a stranger's relay.
	const crafted = invite.replace(
		/relay=[^&]+/,
		`relay=${encodeURIComponent('wss://relay.evil.test:8443/y')}`
	);
	expect(crafted).not.toBe(invite);
	await wang.goto(crafted);
	const servers = wang.getByRole('list', { name: 'Servers this invite uses' });
	await expect(
		servers.getByRole('listitem').filter({ hasText: 'relay.evil.test:8443' })
	).toContainText('new to this device');
	await wang.getByLabel('Your name', { exact: true }).fill('Wang');
	await wang.getByRole('button', { name: 'Join the team' }).click();
	const question = connectQuestion(wang);
	await expect(question).toContainText('relay.evil.test:8443');
	await expect(question).toContainText(`127.0.0.1:${SIGNALING_PORT}`);
	await question.getByRole('button', { name: 'Don’t connect' }).click();
	await expect(question).toBeHidden();
	await expect(
		wang.getByRole('status').filter({ hasText: 'Not joined: nothing was connected' })
	).toBeVisible();
	// Declining connected nothing, saved no team, and did not even write the name.
	await wang.goto('/sync');
	await expect(wang.getByText('Save your name above first')).toBeVisible();
	await expect(syncStatus(wang)).toBeHidden();
	expect(sockets).toEqual([]);

	// Li's real invite: its servers are new to Wang too, so the question comes again.
	await wang.goto(invite);
	await wang.getByLabel('Your name', { exact: true }).fill('Wang');
	await wang.getByRole('button', { name: 'Join the team' }).click();
	await expect(question).toContainText(`127.0.0.1:${RELAY_PORT}`);
	expect(sockets).toEqual([]);
	await question.getByRole('button', { name: 'Connect and join' }).click();
	await expect(wang.getByRole('heading', { level: 1, name: 'Sync with colleagues' })).toBeVisible();
	expect(wang.url()).not.toContain('key=');
	await expect(syncStatus(wang)).toHaveText(/^Synced with /);
	expect(sockets.some((url) => url.startsWith(RELAY_URL))).toBe(true);
	expect(sockets.some((url) => url.includes('evil'))).toBe(false);
	// Kept archive: Wang's own customer stays, and Li's arrives.
	await openCustomers(wang);
	await expect(customerList(wang).getByRole('link', { name: /Wu Fang/ })).toBeVisible();
	await expect(customerList(wang).getByRole('link', { name: /Wang Own Lead/ })).toBeVisible();
});

test('a colleague joins with an empty archive: theirs is saved to a file first and never shared', async ({
	browser
}) => {
	test.slow();
	const li = await colleague(browser);
	const invite = await startTeam(li, 'Li', { signaling: SIGNALING_URL });
	await openCustomers(li);
	await createCustomer(li, { name: 'Wu Fang' });

	const wang = await colleague(browser);
	await openCustomers(wang);
	await createCustomer(wang, { name: 'Wang Private Lead' });
	await wang.goto(invite);
	await wang.getByLabel('Your name', { exact: true }).fill('Wang');
	const choice = wang.getByRole('group', { name: 'This device holds 1 customer. When you join:' });
	await choice.getByRole('radio', { name: /^Join with an empty archive/ }).check();

	// Not before the archive is saved to a file: it is about to be the only copy.
	await wang.getByRole('button', { name: 'Empty this archive and join' }).click();
	await expect(wang.getByRole('alert')).toContainText('Download the backup of this archive first');
	await expect(connectQuestion(wang)).toBeHidden();
	const download = wang.waitForEvent('download');
	await wang.getByRole('button', { name: 'Download a backup of this archive' }).click();
	const backup = await download;
	expect(backup.suggestedFilename()).toMatch(/^clientbook-backup-.+\.clientbook$/);
	await expect(wang.getByText(/^Backup saved as clientbook-backup-/)).toBeVisible();

	await wang.getByRole('button', { name: 'Empty this archive and join' }).click();
	await connectQuestion(wang).getByRole('button', { name: 'Connect and join' }).click();
	await expect(wang.getByText(/^You joined the team with an empty archive/)).toBeVisible();
	await expect(syncStatus(wang)).toHaveText('Synced with 1 colleague');
	// The name chosen for the team survived the emptying.
	await li.goto('/sync');
	await expect(onlineList(li)).toContainText('Wang');

	await openCustomers(wang);
	await expect(customerList(wang).getByRole('link', { name: /Wu Fang/ })).toBeVisible();
	await expect(customerList(wang).getByRole('link', { name: /Wang Private Lead/ })).toBeHidden();
	await openCustomers(li);
	await expect(customerList(li).getByRole('link', { name: /Wu Fang/ })).toBeVisible();
	await expect(customerList(li).getByRole('link', { name: /Wang Private Lead/ })).toBeHidden();

	// The file holds what was emptied: it is the way back.
	const elsewhere = await colleague(browser);
	await elsewhere.goto('/backup');
	await elsewhere.getByLabel('Backup file').setInputFiles((await backup.path())!);
	await expect(elsewhere.getByText(/^This backup from .* holds one customer/)).toBeVisible();
});
