import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';
import { APP_PORT } from './support/sync-servers';

const NAME = 'Ouyang Xiaoyu';

async function turnOnPin(page: Page, pin: string, idle: string, origin = '') {
	await page.goto(`${origin}/settings`);
	const privacy = page.getByRole('region', { name: 'Privacy on this device' });
	await privacy.getByLabel('Lock again when unused for').selectOption({ label: idle });
	await privacy.getByLabel('New PIN').fill(pin);
	await privacy.getByLabel('Type it again').fill(pin);
	await privacy.getByRole('button', { name: 'Turn on the app lock' }).click();
	await expect(privacy.getByRole('status').first()).toContainText('On: a PIN is asked');
}

/**
 * Opened locked, nothing of the archive is even in the page; locked while open (idle, "Lock
 * now"), the app is hidden and inert: nothing on screen or to a screen reader.
 */
async function expectLocked(page: Page, { opened }: { opened: boolean }) {
	await expect(page.getByRole('heading', { level: 1, name: 'Clientbook is locked' })).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(NAME) })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: NAME })).toHaveCount(0);
	await expect(page.getByRole('navigation')).toHaveCount(0);
	if (!opened) expect(await page.content()).not.toContain(NAME);
}

test('with the app lock on, a reload asks for the PIN; a wrong PIN shows nothing of the archive', async ({
	page
}) => {
	await openCustomers(page);
	await createCustomer(page, { name: NAME, phone: '13900001111' });
	await turnOnPin(page, '2468', 'after 5 minutes');

	await page.goto('/customers');
	await page.reload();
	await expectLocked(page, { opened: false });
	const pin = page.getByLabel('PIN');
	await pin.fill('1357');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'That is not the right PIN or passphrase. The archive stays locked.'
	);
	await expectLocked(page, { opened: false });

	// The right one, by keyboard alone.
	await pin.fill('2468');
	await pin.press('Enter');
	await expect(customerList(page).getByRole('link', { name: new RegExp(NAME) })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Clientbook is locked' })).toHaveCount(0);
});

test('the app locks again after the idle minutes, and the lock can be turned off with the PIN', async ({
	page
}) => {
	await page.clock.install();
	await openCustomers(page);
	await createCustomer(page, { name: NAME, phone: '13900001111' });
	await turnOnPin(page, '8642', 'after 1 minute');
	// Within the app: opening it anew would ask for the PIN.
	await page.getByRole('link', { name: 'Customers' }).first().click();
	await expect(customerList(page).getByRole('link', { name: new RegExp(NAME) })).toBeVisible();

	await page.clock.fastForward('01:20');
	await expectLocked(page, { opened: true });
	await page.getByLabel('PIN').fill('8642');
	await page.getByRole('button', { name: 'Unlock' }).click();
	// Back where it was, without a reload.
	await expect(customerList(page).getByRole('link', { name: new RegExp(NAME) })).toBeVisible();

	// Turning it off needs the current PIN; a wrong one changes nothing.
	await page.getByRole('link', { name: 'Settings' }).first().click();
	const privacy = page.getByRole('region', { name: 'Privacy on this device' });
	await privacy.getByLabel(/Current PIN/).fill('0000');
	await privacy.getByRole('button', { name: 'Turn off the app lock' }).click();
	await expect(privacy.getByRole('alert')).toHaveText(
		'That is not the current PIN or passphrase. Nothing was changed.'
	);
	await privacy.getByLabel(/Current PIN/).fill('8642');
	await privacy.getByRole('button', { name: 'Turn off the app lock' }).click();
	await expect(privacy.getByRole('status').first()).toHaveText(
		'The app lock is off on this device.'
	);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

	// Both changes are in the audit log.
	await page.goto('/settings/audit');
	await expect(
		page
			.getByRole('table', { name: 'Audit log entries' })
			.getByRole('cell', { name: 'App lock changed' })
	).toHaveCount(2);
});

test('a fingerprint or face unlocks too, where the device has one', async ({ page }) => {
	// A virtual platform authenticator that verifies the person, as a phone's fingerprint does.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true
		}
	});
	// WebAuthn takes a domain, not an IP address, for the site it signs for.
	await page.goto(`http://localhost:${APP_PORT}/customers`);
	await createCustomer(page, { name: NAME, phone: '13900001111' });
	await turnOnPin(page, '2468', 'only when Clientbook opens', `http://localhost:${APP_PORT}`);
	const privacy = page.getByRole('region', { name: 'Privacy on this device' });
	await privacy.getByLabel(/Current PIN/).fill('2468');
	await privacy.getByRole('button', { name: 'Also unlock with fingerprint or face' }).click();
	await expect(
		privacy.getByRole('button', { name: 'Stop unlocking with fingerprint or face' })
	).toBeVisible();

	await privacy.getByRole('button', { name: 'Lock now' }).click();
	await expectLocked(page, { opened: true });
	await page.getByRole('button', { name: 'Unlock with fingerprint or face' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
