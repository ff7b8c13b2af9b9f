import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomers, notices, openCustomers } from './support/app';
import { clippedText, smallTargets } from './support/layout';

const leadCard = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

async function openLeads(page: Page) {
	await page.getByRole('link', { name: 'Sales' }).first().click();
	await page.getByRole('link', { name: 'Leads' }).click();
	await expect(page.getByRole('group', { name: 'Show leads' })).toBeVisible();
}

async function addLead(page: Page, name: string, phone: string, source = 'Event') {
	await page.getByRole('button', { name: 'New lead' }).click();
	const dialog = page.getByRole('dialog', { name: 'New lead' });
	await dialog.getByLabel('Name').fill(name);
	await dialog.getByLabel('Phone').fill(phone);
	await dialog.getByLabel('Source').selectOption({ label: source });
	await dialog.getByRole('button', { name: 'Add lead' }).click();
	await expect(dialog).toBeHidden();
	await expect(leadCard(page, name)).toBeVisible();
}

async function startKiosk(page: Page, pin = '2468') {
	await page.getByRole('button', { name: 'Kiosk mode' }).click();
	const dialog = page.getByRole('dialog', { name: 'Start kiosk mode' });
	await dialog.getByLabel('PIN', { exact: true }).fill(pin);
	await dialog.getByLabel('PIN again').fill(pin);
	await dialog.getByRole('button', { name: 'Start kiosk' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Welcome! Sign up' })).toBeVisible();
}

async function tryPin(page: Page, pin: string) {
	await page.getByRole('button', { name: 'Staff' }).click();
	const dialog = page.getByRole('dialog', { name: 'Leave kiosk mode' });
	await dialog.getByLabel('PIN').fill(pin);
	await dialog.getByRole('button', { name: 'Leave kiosk' }).click();
	return dialog;
}

test('a walk-in signs up at the kiosk with SMS consent; the next person sees nothing of it, and only the PIN leaves', async ({
	page
}) => {
	await page.goto('/settings');
	const settings = page.getByRole('region', { name: 'Walk-in kiosk' });
	await settings.getByRole('checkbox', { name: 'WeChat ID' }).uncheck();
	await settings.getByRole('checkbox', { name: 'Birthday' }).uncheck();
	await settings.getByLabel('In English').fill('Yes, Tea House may send me offers.');
	await settings.getByRole('button', { name: 'Save kiosk settings' }).click();
	await expect(notices(page)).toContainText('Kiosk settings saved.');

	await openLeads(page);
	await expect(page.getByRole('heading', { name: 'No open leads' })).toBeVisible();
	// A PIN that is no PIN keeps the app as it is.
	await page.getByRole('button', { name: 'Kiosk mode' }).click();
	const entering = page.getByRole('dialog', { name: 'Start kiosk mode' });
	await entering.getByLabel('PIN', { exact: true }).fill('12');
	await entering.getByLabel('PIN again').fill('12');
	await entering.getByRole('button', { name: 'Start kiosk' }).click();
	await expect(entering).toContainText('Use 4 to 8 digits.');
	await entering.getByRole('button', { name: 'Cancel' }).click();

	await startKiosk(page);
	// Nothing of the app around the form: no navigation to the customers.
	await expect(page.getByRole('link', { name: 'Customers' })).toHaveCount(0);
	await expect(page.getByText('Yes, Tea House may send me offers.')).toBeVisible();
	await expect(page.getByLabel('WeChat ID')).toHaveCount(0);

	await page.getByLabel('Name').fill('Chen Jing');
	await page.getByLabel('Phone').fill('137 0013 7000');
	await page.getByLabel('Email', { exact: true }).fill('chen.jing@example.com');
	await page.getByRole('checkbox', { name: 'Yes, send me offers by SMS' }).check();
	const signedAt = Date.now();
	await page.getByRole('button', { name: 'Sign up' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
	await page.getByRole('button', { name: 'Done — next person' }).click();

	// The next person finds an empty form, also after the back button.
	await expect(page.getByLabel('Name')).toHaveValue('');
	await expect(page.getByLabel('Phone')).toHaveValue('');
	await expect(
		page.getByRole('checkbox', { name: 'Yes, send me offers by SMS' })
	).not.toBeChecked();
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: 'Welcome! Sign up' })).toBeVisible();
	await expect(page.getByLabel('Name')).toHaveValue('');
	await expect(page.getByLabel('Email', { exact: true })).toHaveValue('');
	await expect(page.getByText('Chen Jing')).toHaveCount(0);
	// Typing another address, or reloading, comes back to the kiosk.
	await page.goto('/customers');
	await expect(page.getByRole('heading', { level: 1, name: 'Welcome! Sign up' })).toBeVisible();
	await expect(page.getByText('Chen Jing')).toHaveCount(0);

	// Undo must not take back the last sign-up at the kiosk.
	await page.keyboard.press('Control+z');

	const wrong = await tryPin(page, '1357');
	await expect(wrong).toContainText('That PIN is not right. The kiosk stays on.');
	await wrong.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Welcome! Sign up' })).toBeVisible();

	await tryPin(page, '2468');
	await expect(page.getByRole('group', { name: 'Show leads' })).toBeVisible();
	const lead = leadCard(page, 'Chen Jing');
	await expect(lead).toContainText('Source: Walk-in');
	await expect(lead).toContainText('Kiosk sign-up');
	await expect(lead).toContainText('SMS: agreed');
	await expect(lead).toContainText('WeChat: declined');
	await expect(lead).toContainText('Email: declined');
	// The consent's time is the minute of the sign-up, in this device's time.
	const minute = new Date(signedAt).toLocaleTimeString('en', {
		hour: 'numeric',
		minute: '2-digit'
	});
	await expect(lead).toContainText(minute.replace(/\s/g, ' '));

	// On the profile: the consent says kiosk.
	await lead.getByRole('link', { name: 'Chen Jing' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Chen Jing' })).toBeVisible();
	await expect(page.getByText('Kiosk', { exact: false }).first()).toBeVisible();

	// Leaving the kiosk is in the audit log; the wrong PIN left nothing to log.
	await page.goto('/settings/audit');
	const log = page.getByRole('table', { name: 'Audit log entries' });
	await expect(log.getByRole('cell', { name: 'Left kiosk mode' })).toHaveCount(1);
});

test('leads are settled: a phone twin merged first, one qualified into a deal, one discarded with a reason and reopened', async ({
	page
}) => {
	// A customer who has bought before (not a lead herself).
	await createCustomers(page, [{ name: 'Wang Fang', phone: '13800138000', stage: 'Active' }]);
	await openLeads(page);
	await addLead(page, 'Wang F.', '138 0013 8000');
	await addLead(page, 'Zhao Lei', '13900139000', 'Referral');
	await addLead(page, 'Test Entry', '13600136000', 'Online');
	await expect(page.getByRole('button', { name: 'Open (3)' })).toBeVisible();

	// A lead with an existing customer's phone: the merge comes before anything else.
	const twin = leadCard(page, 'Wang F.');
	await expect(twin).toContainText('Same phone number as Wang Fang');
	await expect(twin.getByRole('button', { name: 'Qualify into a deal' })).toHaveCount(0);
	await twin.getByRole('button', { name: 'Merge with Wang Fang…' }).click();
	const merge = page.getByRole('dialog', { name: /Merge/ });
	await merge
		.getByRole('button', { name: /^Merge/ })
		.last()
		.click();
	await expect(twin).toBeHidden();
	await expect(page.getByRole('button', { name: 'Open (2)' })).toBeVisible();

	// No pipeline yet: the inbox offers one, then qualifying makes the deal.
	await expect(
		page.getByText('To qualify leads into deals, make a sales pipeline first.')
	).toBeVisible();
	await page.getByRole('button', { name: 'Start with the usual steps' }).click();
	const zhao = leadCard(page, 'Zhao Lei');
	// Nobody has named themselves to a team here: a new lead is nobody's yet.
	await expect(zhao.getByRole('button', { name: 'Owner: Nobody' })).toBeVisible();
	await zhao.getByRole('button', { name: 'Qualify into a deal' }).click();
	const qualify = page.getByRole('dialog', { name: 'Qualify Zhao Lei into a deal' });
	await expect(qualify).toContainText('Zhao Lei');
	await qualify.getByLabel('What is being sold').fill('Wedding album');
	await qualify.getByLabel('Value').fill('8800');
	await qualify.getByRole('button', { name: 'Save' }).click();
	await expect(qualify).toBeHidden();
	await expect(notices(page)).toContainText(
		'Zhao Lei qualified: deal “Wedding album” is on the board.'
	);
	await expect(zhao).toBeHidden();
	await page.getByRole('button', { name: 'Qualified (1)' }).click();
	await expect(leadCard(page, 'Zhao Lei')).toContainText('Qualified by');
	await leadCard(page, 'Zhao Lei').getByRole('link', { name: 'Open the deal' }).click();
	await expect(page.getByRole('dialog', { name: /Wedding album/ })).toBeVisible();
	await page.keyboard.press('Escape');

	// Discarding asks why; "Other" needs words.
	await openLeads(page);
	const test_ = leadCard(page, 'Test Entry');
	await test_.getByRole('button', { name: 'Discard' }).click();
	const discard = page.getByRole('dialog', { name: 'Discard Test Entry' });
	await discard.getByRole('radio', { name: 'Other' }).check();
	await discard.getByRole('button', { name: 'Discard' }).click();
	await expect(discard).toContainText('Please say why, in a few words.');
	await discard.getByLabel('Say why').fill('A colleague trying the form');
	await discard.getByRole('button', { name: 'Discard' }).click();
	await expect(discard).toBeHidden();
	await expect(page.getByRole('button', { name: 'Open (0)' })).toBeVisible();
	await notices(page).getByRole('button', { name: 'Undo' }).click();
	await expect(leadCard(page, 'Test Entry')).toBeVisible();

	await leadCard(page, 'Test Entry').getByRole('button', { name: 'Discard' }).click();
	await page
		.getByRole('dialog', { name: 'Discard Test Entry' })
		.getByRole('radio', { name: 'Spam or a test' })
		.check();
	await page
		.getByRole('dialog', { name: 'Discard Test Entry' })
		.getByRole('button', { name: 'Discard' })
		.click();
	await page.getByRole('button', { name: 'Discarded (1)' }).click();
	await expect(leadCard(page, 'Test Entry')).toContainText('Discarded (Spam or a test)');
	await leadCard(page, 'Test Entry').getByRole('button', { name: 'Reopen' }).click();
	await expect(page.getByRole('button', { name: 'Open (1)' })).toBeVisible();

	// The merged customer kept the lead's history; the qualified one is a prospect now.
	await openCustomers(page);
	await expect(page.getByRole('list', { name: 'Customer list' })).toContainText('Wang Fang');
	await expect(page.getByRole('list', { name: 'Customer list' })).not.toContainText('Wang F.');
});

test.describe('on a tablet at the counter (1024 × 768, touch)', () => {
	test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });

	test('a walk-in signs up by touch: every control is large enough and nothing runs off the screen', async ({
		page
	}) => {
		// The shop gives 50 points to every sign-up, loyalty being on.
		await page.goto('/settings');
		const loyalty = page.getByRole('region', { name: 'Loyalty' });
		await loyalty.getByRole('checkbox', { name: 'Turn on loyalty points and tiers' }).check();
		await loyalty.getByRole('button', { name: 'Save loyalty settings' }).click();
		await expect(notices(page).getByText('Loyalty is on')).toBeVisible();
		const kioskSettings = page.getByRole('region', { name: 'Walk-in kiosk' });
		await kioskSettings.getByRole('radio', { name: 'Points' }).check();
		await kioskSettings.getByLabel('Points given').fill('50');
		await kioskSettings.getByRole('button', { name: 'Save kiosk settings' }).click();
		await expect(notices(page)).toContainText('Kiosk settings saved.');

		await page.goto('/sales/leads');
		await page.getByRole('button', { name: 'Kiosk mode' }).tap();
		const dialog = page.getByRole('dialog', { name: 'Start kiosk mode' });
		await dialog.getByLabel('PIN', { exact: true }).fill('8080');
		await dialog.getByLabel('PIN again').fill('8080');
		await dialog.getByRole('button', { name: 'Start kiosk' }).tap();
		await expect(page.getByRole('heading', { level: 1, name: 'Welcome! Sign up' })).toBeVisible();
		// The walk-in reads Chinese: the whole screen switches, the form stays.
		await page.getByRole('button', { name: '中文' }).tap();
		await expect(page.getByRole('heading', { level: 1, name: '欢迎！请登记' })).toBeVisible();
		expect(await smallTargets(page)).toEqual([]);
		expect(await clippedText(page)).toEqual([]);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBe(0);

		await page.getByLabel('姓名').tap();
		await page.keyboard.type('刘洋');
		await page.getByLabel('电话').fill('13500135000');
		await page.getByRole('checkbox', { name: '同意通过微信接收优惠信息' }).tap();
		await expect(page.getByRole('checkbox', { name: '同意通过微信接收优惠信息' })).toBeChecked();
		await page.getByRole('button', { name: '登记' }).tap();
		await expect(page.getByRole('heading', { name: '谢谢！' })).toBeVisible();
		await expect(page.getByText('新客礼：50 积分已存入您的账户。')).toBeVisible();
		// Left alone, the thank-you clears itself for the next person.
		await expect(page.getByRole('heading', { level: 1, name: '欢迎！请登记' })).toBeVisible({
			timeout: 20_000
		});
		await expect(page.getByLabel('姓名')).toHaveValue('');

		await page.getByRole('button', { name: '店员' }).tap();
		const leave = page.getByRole('dialog', { name: '退出自助登记模式' });
		await leave.getByLabel('PIN').fill('8080');
		await leave.getByRole('button', { name: '退出' }).tap();
		const lead = page.getByRole('article', { name: '刘洋' });
		await expect(lead).toContainText('微信: 同意');
		await expect(lead).toContainText('短信: 不同意');
	});
});
