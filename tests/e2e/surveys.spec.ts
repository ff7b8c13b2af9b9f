import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createCustomers, notices } from './support/app';
import { clippedText, smallTargets } from './support/layout';

/** Makes a survey with the two questions a new one starts with (NPS, then the reason). */
async function makeSurvey(page: Page, name: string) {
	await page.goto('/care/surveys');
	await expect(page.getByRole('heading', { name: 'No surveys yet' })).toBeVisible();
	await page.getByRole('button', { name: 'New survey' }).first().click();
	const editor = page.getByRole('dialog', { name: 'New survey' });
	await editor.getByLabel('Name').fill(name);
	await expect(editor.getByLabel('Question in English').first()).toHaveValue(
		'How likely are you to recommend us to a friend?'
	);
	await editor.getByRole('button', { name: 'Save survey' }).click();
	await expect(editor).toBeHidden();
	await expect(notices(page)).toContainText(`Survey “${name}” made.`);
}

/** A survey link for `customer`, made on their profile. */
async function surveyLink(page: Page, customer: string): Promise<string> {
	await page.goto('/customers');
	await page
		.getByRole('link', { name: new RegExp(customer) })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: customer })).toBeVisible();
	await page.getByRole('button', { name: 'Survey link' }).click();
	const dialog = page.getByRole('dialog', { name: `Survey for ${customer}` });
	await dialog.getByLabel("Your shop's name, as the customer sees it").fill('Tea House');
	await dialog.getByRole('button', { name: 'Make the link' }).click();
	await expect(
		dialog.getByRole('img', { name: `QR code of the survey link for ${customer}` })
	).toBeVisible();
	const link = await dialog.getByLabel('Survey link').inputValue();
	await dialog.getByRole('button', { name: 'Dismiss' }).click();
	return link;
}

test('a survey link is answered offline on the customer’s phone; its code is recorded once, an edited one refused, and a detractor’s answer opens a complaint', async ({
	page,
	browser
}, testInfo) => {
	test.slow();
	await createCustomers(page, [
		{ name: 'Li Na', phone: '13800138000' },
		{ name: 'Zhang Wei', phone: '13900139000' }
	]);
	await makeSurvey(page, 'After a visit');
	const link = await surveyLink(page, 'Li Na');
	expect(new URL(link).pathname).toBe('/survey');

	// The customer's own phone: another browser, which has never opened the shop's app.
	const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true });
	const customer = await phone.newPage();
	await customer.goto(link);
	await expect(
		customer.getByRole('heading', { level: 1, name: 'Tea House would like your opinion' })
	).toBeVisible();
	// No archive is opened on a customer's phone: no app navigation, no shop of its own.
	await expect(customer.getByRole('navigation')).toHaveCount(0);
	await customer.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await customer.reload();
	await expect.poll(() => customer.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await phone.setOffline(true);
	await customer.reload();

	const recommend = customer.getByRole('group', { name: /recommend us to a friend/ });
	await expect(recommend).toBeVisible();
	// Every answer is a target a thumb can hit on a 360-px phone, and no words are cut off.
	expect(await smallTargets(customer)).toEqual([]);
	expect(await clippedText(customer)).toEqual([]);
	// A required question left blank is said, and nothing is made.
	await customer.getByRole('button', { name: 'Finish and get my code' }).click();
	await expect(recommend).toContainText('Please answer this question.');
	await recommend.getByRole('radio', { name: '3', exact: true }).check({ force: true });
	await customer.getByLabel(/main reason for your score/).fill('The tea was served cold');
	await customer.getByRole('button', { name: 'Finish and get my code' }).click();
	await expect(customer.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
	const code = await customer.getByLabel('Your answer code').inputValue();
	expect(code).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
	const qr = customer.getByRole('img', { name: 'QR code of your answers' });
	await expect(qr).toBeVisible();
	// It fits a 360-px phone: nothing wider than the screen.
	expect(
		await customer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
	).toBe(true);
	const photo = testInfo.outputPath('answer-qr.png');
	writeFileSync(photo, await qr.screenshot());
	// Opened again (still offline), the phone shows the code it made rather than a blank form.
	await customer.reload();
	await expect(customer.getByLabel('Your answer code')).toHaveValue(code);
	await phone.close();

	await page.goto('/care/surveys');
	await page.getByRole('button', { name: 'Enter an answer code' }).click();
	const enter = page.getByRole('dialog', { name: 'Enter an answer code' });
	// One character changed: refused whole, with a message.
	const last = code.at(-1) === 'A' ? 'B' : 'A';
	await enter.getByLabel('Answer code').fill(code.slice(0, -1) + last);
	await enter.getByRole('button', { name: 'Check and record' }).click();
	await expect(enter.getByRole('alert')).toContainText(
		'This code does not match its survey link: it was changed or made up. Nothing was recorded.'
	);
	// Cut short in copying: refused too.
	await enter.getByLabel('Answer code').fill(code.slice(0, 20));
	await enter.getByRole('button', { name: 'Check and record' }).click();
	await expect(enter.getByRole('alert')).toContainText('This is not a complete answer code.');

	// Scanned from a photo of the phone's screen: recorded on Li Na, and the low score complains.
	await enter.getByLabel('Read a QR code from a photo').setInputFiles(photo);
	await expect(enter.getByRole('status')).toContainText(
		'Answers recorded for Li Na. The low score opened a complaint in Feedback.'
	);
	// The same code pasted again adds nothing.
	await enter.getByLabel('Answer code').fill(code);
	await enter.getByRole('button', { name: 'Check and record' }).click();
	await expect(enter.getByRole('status')).toContainText(
		'This code was already recorded for Li Na; nothing was added.'
	);
	await enter.getByRole('button', { name: 'Dismiss' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'After a visit' })).toContainText(
		'Links sent: 1 · Answers: 1'
	);

	await page.goto('/care/feedback');
	const complaint = page.getByRole('article').filter({ hasText: 'The tea was served cold' });
	await expect(complaint).toContainText('Recommend score 3');
	await expect(complaint).toContainText('Survey');
	await expect(complaint.getByRole('link', { name: 'Li Na' })).toBeVisible();

	// Her words are in Insights → Feedback, as text, found by searching.
	await page
		.getByRole('link', { name: 'NPS, satisfaction and response times in Insights' })
		.click();
	const written = page.getByRole('region', { name: 'What customers wrote' });
	await expect(written.getByRole('status')).toHaveText('1 answer');
	await written.getByLabel('Search the answers').fill('COLD tea');
	await expect(written.getByRole('blockquote')).toHaveText('The tea was served cold');
	await written.getByLabel('Search the answers').fill('warm');
	await expect(written.getByRole('status')).toHaveText('0 answers');
});

test('ten paper cards — three 0–6, two 7–8, five 9–10 — show an NPS of 20 in Insights, and in the chart’s table', async ({
	page
}) => {
	test.slow();
	await createCustomers(page, [{ name: 'Li Na', phone: '13800138000' }]);
	await makeSurvey(page, 'Counter card');
	await page.getByRole('button', { name: 'Type in a paper card' }).click();
	const paper = page.getByRole('dialog', { name: 'Type in a paper card' });
	for (const score of [0, 5, 6, 7, 8, 9, 9, 10, 10, 10]) {
		await paper.getByLabel('Find the customer').fill('Li Na');
		await paper.getByRole('button', { name: 'Choose Li Na' }).click();
		await paper
			.getByRole('group', { name: /recommend us to a friend/ })
			.getByRole('radio', { name: String(score), exact: true })
			.check({ force: true });
		await paper.getByRole('button', { name: 'Record answers' }).click();
		await expect(paper.getByRole('status')).toContainText('Answers recorded for Li Na.');
		// Each card starts blank: the last one's score is not carried over.
		await expect(paper.getByRole('radio', { checked: true })).toHaveCount(0);
	}
	await paper.getByRole('button', { name: 'Dismiss' }).click();

	await page.getByRole('link', { name: 'Insights' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Insights sections' })
		.getByRole('link', { name: 'Feedback' })
		.click();
	const summary = page.getByRole('definition').filter({ hasText: /^20$/ });
	await expect(summary).toBeVisible();
	await expect(
		page.getByText('10 answers: 5 promoters (9–10), 2 passives (7–8), 3 detractors (0–6).')
	).toBeVisible();
	const chart = page.getByRole('region', { name: 'NPS by month' });
	await expect(chart.getByRole('img')).toHaveAccessibleName(/NPS by month/);
	await chart.getByRole('switch', { name: 'Show as table' }).click();
	const row = chart.getByRole('row').nth(1);
	await expect(row.getByRole('cell').first()).toHaveText('20');
	await expect(row.getByRole('cell').nth(1)).toHaveText('10');
	// The three detractors' cards opened complaints, counted by kind.
	const kinds = page.getByRole('region', { name: 'Feedback by kind' });
	await kinds.getByRole('switch', { name: 'Show as table' }).click();
	await expect(kinds.getByRole('row', { name: /Complaint/ }).getByRole('cell')).toHaveText('3');
});

test('at the counter, the kiosk asks a survey: a known number goes to its customer, a new one needs a name and arrives as a lead, and each person starts blank', async ({
	page
}) => {
	test.slow();
	await createCustomers(page, [{ name: 'Li Na', phone: '13800138000' }]);
	await makeSurvey(page, 'At the till');
	await page.goto('/settings');
	const settings = page.getByRole('region', { name: 'Walk-in kiosk' });
	await settings
		.getByLabel('At the counter, the kiosk shows')
		.selectOption({ label: 'Survey: At the till' });
	await settings.getByRole('button', { name: 'Save kiosk settings' }).click();
	await expect(notices(page)).toContainText('Kiosk settings saved.');

	await page.goto('/sales/leads');
	await page.getByRole('button', { name: 'Kiosk mode' }).click();
	const entering = page.getByRole('dialog', { name: 'Start kiosk mode' });
	await entering.getByLabel('PIN', { exact: true }).fill('2468');
	await entering.getByLabel('PIN again').fill('2468');
	await entering.getByRole('button', { name: 'Start kiosk' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tell us how we did' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Customers' })).toHaveCount(0);

	const answer = async (score: number) => {
		await page
			.getByRole('group', { name: /recommend us to a friend/ })
			.getByRole('radio', { name: String(score), exact: true })
			.check({ force: true });
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByLabel('Phone')).toBeFocused();
	};
	// Li Na, by her number written another way.
	await answer(10);
	await page.getByLabel('Phone').fill('+86 138 0013 8000');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
	await page.getByRole('button', { name: 'Done — next person' }).click();

	// Someone new: the number is unknown, so their name is asked before anything is written.
	await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
	await answer(2);
	await page.getByLabel('Phone').fill('137 0000 1111');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page.getByText('We do not know this number yet. Your name, please:')).toBeVisible();
	await page.getByLabel('Name').fill('Sun Yue');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

	await page.getByRole('button', { name: 'Staff' }).click();
	const leaving = page.getByRole('dialog', { name: 'Leave kiosk mode' });
	await leaving.getByLabel('PIN').fill('2468');
	await leaving.getByRole('button', { name: 'Leave kiosk' }).click();
	await expect(page.getByRole('article', { name: 'Sun Yue', exact: true })).toBeVisible();

	await page.goto('/care/surveys');
	await expect(page.getByRole('listitem').filter({ hasText: 'At the till' })).toContainText(
		'Answers: 2'
	);
	// Sun Yue's 2 opened a complaint on her; Li Na's 10 did not.
	await page.goto('/care/feedback');
	const complaint = page.getByRole('article').filter({ hasText: 'Recommend score 2' });
	await expect(complaint.getByRole('link', { name: 'Sun Yue' })).toBeVisible();
	await expect(page.getByRole('article').filter({ hasText: 'Recommend score 10' })).toHaveCount(0);
});
