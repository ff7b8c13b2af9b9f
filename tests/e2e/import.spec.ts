import { expect, test } from './support/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { customerList, notices, openCustomers } from './support/app';
import { checkAndImport, chooseImportFile, fixturePath } from './support/import';

test('the import file input takes spreadsheets, text tables and contact cards', async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Import customers' }).click();
	const input = page.getByLabel('Import file');
	const accept = (await input.getAttribute('accept')) ?? '';
	for (const ext of ['.csv', '.tsv', '.xlsx', '.xls', '.vcf']) expect(accept).toContain(ext);
});

test('a GBK CSV with Chinese headers shows and imports correct Chinese names', async ({ page }) => {
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await expect(page.getByLabel('Text encoding')).toHaveValue('gb18030');
	const preview = page.getByRole('table');
	await expect(preview.getByRole('columnheader', { name: '姓名' })).toBeVisible();
	await expect(preview.getByRole('cell', { name: '王秀英' })).toBeVisible();
	await expect(page.getByLabel('Column “手机号” goes to')).toHaveValue('phone');
	await expect(page.getByLabel('Column “生日” goes to')).toHaveValue('birthday');

	await checkAndImport(page);
	await expect(page.getByRole('status').filter({ hasText: '5 added' })).toBeVisible();
	await openCustomers(page);
	await expect(page.getByText('5 of 5 customers')).toBeVisible();
	await customerList(page)
		.getByRole('link', { name: /王秀英/ })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: '王秀英' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Notes' })).toContainText('喜欢绿茶');
});

test('choosing another encoding re-reads the file', async ({ page }) => {
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await page.getByLabel('Text encoding').selectOption('utf-8');
	await expect(page.getByRole('table').getByRole('cell', { name: '王秀英' })).toHaveCount(0);
	await page.getByLabel('Text encoding').selectOption('gb18030');
	await expect(page.getByRole('table').getByRole('cell', { name: '王秀英' })).toBeVisible();
});

test('a vCard 2.1 file imports Chinese names and every phone number', async ({ page }) => {
	await chooseImportFile(page, fixturePath('android-contacts-2.1.vcf'));
	await expect(page.getByText('android-contacts-2.1.vcf: 3 contacts')).toBeVisible();
	await checkAndImport(page);
	await openCustomers(page);
	await customerList(page)
		.getByRole('link', { name: /孙丽华/ })
		.click();
	const contact = page.getByRole('region', { name: 'Contact' });
	// Mobiles are shown grouped 3-4-4; other numbers as written.
	for (const phone of ['138 0013 8021', '+86 21 6234 5678', '(0571) 8765 4321']) {
		await expect(contact.getByRole('link', { name: phone })).toBeVisible();
	}
});

test('3 malformed rows among 100: 97 come in and the report names the 3', async ({ page }) => {
	await chooseImportFile(page, fixturePath('customers-100-with-3-malformed.csv'));
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByText('3 cannot be imported')).toBeVisible();
	const report = page.getByRole('region', { name: 'Rows that cannot be imported' });
	await expect(report.getByRole('listitem')).toHaveCount(3);
	await expect(report).toContainText('Row 19: No name');
	await expect(report).toContainText('Row 44');
	await expect(report).toContainText('More values than columns');
	await expect(report).toContainText('Row 79');
	await expect(report).toContainText('too long');

	const download = page.waitForEvent('download');
	await report.getByRole('button', { name: 'Download these rows (CSV)' }).click();
	const file = await download;
	const text = readFileSync((await file.path())!, 'utf8');
	expect(text.startsWith('\uFEFFName,Phone,Email,Birthday,Tags,Reason')).toBe(true);
	expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);

	await page.getByRole('button', { name: 'Import 97 customers' }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await openCustomers(page);
	await expect(page.getByText('97 of 97 customers')).toBeVisible();
});

test('importing the same file twice with "skip" adds nothing the second time', async ({ page }) => {
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await checkAndImport(page);
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await page.getByRole('button', { name: 'Check rows' }).click();
	// The headline says they are all known and what the choice does, not "5 ready to import".
	const review = page.getByRole('region', { name: 'Review before importing' });
	await expect(review).toContainText('All 5 customers in this file are already in your archive.');
	await expect(review).not.toContainText('ready to import');
	await expect(review).toContainText('5 left as they are (Skip)');
	await expect(page.getByLabel('For all of them')).toHaveValue('skip');
	await expect(page.getByRole('button', { name: 'Import 0 customers' })).toBeDisabled();
	// Filling empty fields with the same file changes nothing either.
	await page.getByLabel('For all of them').selectOption({ label: 'Fill in empty fields' });
	await expect(review).toContainText('5 get the file’s values for the fields they lack');
	await page.getByRole('button', { name: 'Import 5 customers' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: '0 added, 0 updated, 5 skipped' })
	).toBeVisible();
	await openCustomers(page);
	await expect(page.getByText('5 of 5 customers')).toBeVisible();
});

test('"Undo import" removes exactly what the import added and changed', async ({ page }) => {
	await chooseImportFile(page, fixturePath('excel-unicode-text.txt'));
	await checkAndImport(page);
	// A second file that adds one customer and fills an empty field of an existing one.
	await chooseImportFile(page, fixturePath('customers-two-sheets.xlsx'));
	await expect(page.getByLabel('Sheet')).toBeVisible();
	await page.getByLabel('Sheet').selectOption('客户');
	await expect(page.getByRole('table').getByRole('cell', { name: '黄小明' })).toBeVisible();
	await checkAndImport(page);
	await openCustomers(page);
	await expect(page.getByText('5 of 5 customers')).toBeVisible();

	await chooseImportFile(page, fixturePath('google-contacts.csv'));
	await checkAndImport(page);
	await page.getByRole('button', { name: 'Undo import' }).click();
	await expect(notices(page)).toContainText('Import undone');
	await openCustomers(page);
	await expect(page.getByText('5 of 5 customers')).toBeVisible();
	await expect(customerList(page).getByRole('link', { name: /Lucy Fang/ })).toHaveCount(0);
});

test('a broken workbook says what went wrong and imports nothing', async ({ page }) => {
	await page.goto('/import');
	await page.getByLabel('Import file').setInputFiles({
		name: 'broken.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])
	});
	await expect(page.getByRole('alert')).toContainText('could not be opened');
	await openCustomers(page);
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
});

test('a file over the import limit is refused before it is read, naming its size and the limit', async ({
	page
}, testInfo) => {
	// 60 MB of well-formed rows, over the 50 MB limit: read, they would reach the column step.
	// Written to disk, since Playwright takes no buffer over 50 MB.
	const row = Buffer.from('Lucy Fang,13800138000\n');
	const rows = Math.ceil((60 * 1024 * 1024) / row.length);
	const big = Buffer.concat([Buffer.from('Name,Phone\n'), Buffer.alloc(rows * row.length)]);
	for (let i = 0; i < rows; i++) row.copy(big, 11 + i * row.length);
	const path = testInfo.outputPath('customers-60mb.csv');
	writeFileSync(path, big);

	await page.goto('/import');
	await expect(page.getByText('up to 50 MB')).toBeVisible();
	await page.getByLabel('Import file').setInputFiles(path);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('This file is 60 MB, larger than the 50 MB an import takes');
	await expect(alert).toContainText('Nothing was read or imported');
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toHaveCount(0);
	await openCustomers(page);
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
});

test('purchases import onto the customers they name, and a re-import adds nothing', async ({
	page
}) => {
	await chooseImportFile(page, fixturePath('customers-gbk.csv'));
	await checkAndImport(page);
	await chooseImportFile(page, fixturePath('purchases-wechat-shop.csv'));
	await expect(page.getByRole('radio', { name: /^Purchases/ })).toBeChecked();
	await expect(page.getByLabel('Column “金额” goes to')).toHaveValue('amount');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByText('4 purchases ready to import')).toBeVisible();
	const report = page.getByRole('region', { name: 'Rows that cannot be imported' });
	await expect(report).toContainText('Rows 6: No customer “赵六” in the archive');
	await page.getByRole('button', { name: 'Import 4 purchases' }).click();
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: '4 purchases added, 0 already recorded, 1 not imported.' })
	).toBeVisible();

	await openCustomers(page);
	await customerList(page)
		.getByRole('link', { name: /王秀英/ })
		.click();
	await expect(page.getByTestId('metric-count')).toHaveText('1');
	await expect(page.getByTestId('metric-total')).toContainText('241.00');
	await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('龙井茶');

	await chooseImportFile(page, fixturePath('purchases-wechat-shop.csv'));
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByText('4 already recorded (skipped)')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Import 0 purchases' })).toBeDisabled();
});

test('column choices saved as a preset apply to the next file with those headers', async ({
	page
}) => {
	const file = {
		name: 'kunden.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Kunde,Handy\nAnna Berg,13800138077\n', 'utf8')
	};
	await page.goto('/import');
	await page.getByLabel('Import file').setInputFiles(file);
	await expect(page.getByLabel('Column “Handy” goes to')).toHaveValue('ignore');
	await page.getByLabel('Column “Kunde” goes to').selectOption('name');
	await page.getByLabel('Column “Handy” goes to').selectOption('phone');
	await page.getByRole('button', { name: 'Remember these columns' }).click();
	await expect(notices(page)).toContainText('Column choices saved');

	await page.getByRole('button', { name: 'Choose another file' }).click();
	await page.getByLabel('Import file').setInputFiles(file);
	await expect(page.getByText('Your saved column choices were applied.')).toBeVisible();
	await expect(page.getByLabel('Column “Handy” goes to')).toHaveValue('phone');
	await checkAndImport(page);
	await openCustomers(page);
	await customerList(page)
		.getByRole('link', { name: /Anna Berg/ })
		.click();
	await expect(page.getByRole('region', { name: 'Contact' })).toContainText('138 0013 8077');
});

test('a long check shows progress and can be cancelled, leaving the file as it was', async ({
	page
}) => {
	const rows = Array.from(
		{ length: 60_000 },
		(_, i) => `Customer ${i},139${String(i).padStart(8, '0')}`
	);
	await page.goto('/import');
	await page.getByLabel('Import file').setInputFiles({
		name: 'big.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(['Name,Phone', ...rows].join('\n'))
	});
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	await page.getByRole('button', { name: 'Check rows' }).click();
	const progress = page.getByRole('progressbar', { name: 'Import progress' });
	await expect(progress).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(progress).toBeHidden();
	await expect(page.getByRole('heading', { name: 'Review before importing' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Check rows' })).toBeEnabled();
	await openCustomers(page);
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
});
