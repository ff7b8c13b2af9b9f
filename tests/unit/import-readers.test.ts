import { readFileSync } from 'node:fs';
import { utils as xlsxUtils } from '@e965/xlsx';
import { sheetRows } from '../../src/lib/features/import/spreadsheet';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../src/lib/features/import/column-mapping';
import { readImportFile } from '../../src/lib/features/import/read-file';
import { detectEncoding } from '../../src/lib/features/import/text-encoding';

const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));
const read = (name: string, choice = {}) => readImportFile(fixture(name), name, choice);
const column = (result: ReturnType<typeof read>, header: string) =>
	result.table.rows.map((row) => row.cells[result.table.headers.indexOf(header)]);

describe('reading import files', () => {
	it('detects GBK as Excel in Chinese saves CSV, and reads the Chinese headers and names', () => {
		expect(detectEncoding(fixture('customers-gbk.csv'))).toBe('gb18030');
		const result = read('customers-gbk.csv');
		expect(result.format).toBe('delimited');
		expect(result.table.headers).toEqual([
			'姓名',
			'手机号',
			'邮箱',
			'生日',
			'性别',
			'标签',
			'备注'
		]);
		expect(column(result, '姓名')).toEqual(['王秀英', '李娜', '张伟', '刘洋', '陈静']);
		expect(column(result, '备注')[4]).toBe('备注里有逗号，和“引号”');
	});

	it('garbles GBK when the user forces UTF-8, so the override really changes the reading', () => {
		const result = read('customers-gbk.csv', { encoding: 'utf-8' });
		expect(result.table.headers[0]).not.toBe('姓名');
	});

	it('reads UTF-16 tab-separated text (Excel "Unicode text")', () => {
		expect(detectEncoding(fixture('excel-unicode-text.txt'))).toBe('utf-16le');
		const result = read('excel-unicode-text.txt');
		expect(result.delimiter).toBe('\t');
		expect(result.table.headers).toEqual(['Name', 'Phone', 'Email', 'City']);
		expect(column(result, 'Name')).toEqual(['赵敏', 'Olivia Chen']);
	});

	it('drops the BOM of a UTF-8 file so the first header is clean', () => {
		const result = read('outlook-contacts.csv');
		expect(result.table.headers[0]).toBe('First Name');
	});

	it('marks a row with more values than headers, and keeps counting rows from the file', () => {
		const result = read('customers-100-with-3-malformed.csv');
		expect(result.table.rows).toHaveLength(100);
		const bad = result.table.rows.filter((row) => row.problem);
		expect(bad.map((row) => [row.line, row.problem])).toEqual([[44, 'tooManyValues']]);
	});

	it('reads vCard 2.1 quoted-printable names with soft line breaks and every phone', () => {
		const result = read('android-contacts-2.1.vcf');
		expect(result.format).toBe('vcard');
		expect(column(result, 'Name')).toEqual(['孙丽华', '周杰', 'Mei Ling Ng']);
		expect(column(result, 'Phone')[0]).toBe('138-0013-8021');
		expect(column(result, 'Other phones')[0]).toBe('+86 21 6234 5678, (0571) 8765 4321');
		expect(column(result, 'Notes')[0]).toBe('常客，喜欢乌龙茶\r\n第二行');
		expect(column(result, 'Company')[1]).toBe('茶香小铺');
		expect(column(result, 'Email')[2]).toBe('meiling@example.hk');
		expect(column(result, 'Other emails')[2]).toBe('mei@example.com');
		expect(result.table.rows.map((row) => row.line)).toEqual([1, 2, 3]);
	});

	it('reads iPhone vCard 3.0: escapes, folded lines, address, birthday and categories', () => {
		const result = read('iphone-contacts-3.0.vcf');
		expect(column(result, 'Name')).toEqual(['吴芳', 'Grace Walker']);
		expect(column(result, 'Street address')[0]).toBe('人民路 88 号, 3 楼');
		expect(column(result, 'City')[0]).toBe('苏州');
		expect(column(result, 'Province')[0]).toBe('江苏');
		expect(column(result, 'Birthday')[0]).toBe('1992-09-15');
		expect(column(result, 'Tags')[0]).toBe('VIP, Silk');
		expect(column(result, 'Occupation')[0]).toBe('店长');
		expect(column(result, 'Notes')[0]).toBe('Prefers SMS, not calls.\nAsk about new silk scarves.');
		expect(column(result, 'Other phones')[0]).toBe('021-6234-0001');
		expect(column(result, 'Notes')[1]).toContain('should stay under seventy-five');
	});

	it('reads vCard 4.0 tel: URIs and compact birthdays', () => {
		const result = read('contacts-4.0.vcf');
		expect(column(result, 'Phone')).toEqual(['tel:+86-138-0013-8041']);
		expect(column(result, 'Birthday')).toEqual(['1980-01-01']);
	});

	it.each(['xlsx', 'xls'])(
		'reads the customers sheet of a .%s with real dates and full phones',
		(ext) => {
			const result = read(`customers-two-sheets.${ext}`);
			expect(result.sheetNames).toEqual(['说明', '客户']);
			// The first sheet has rows too; the user picks the sheet, and the choice is honoured.
			const customers = read(`customers-two-sheets.${ext}`, { sheet: '客户' });
			expect(column(customers, '客户名称')).toEqual(['黄小明', 'Sophie Martin', '林美玲']);
			expect(column(customers, '联系电话')[0]).toBe('13800138061');
			expect(column(customers, '出生日期').slice(0, 2)).toEqual(['1987-06-09', '1993-01-31']);
		}
	);

	it('reads the few real rows of a sheet that declares the whole grid (A1:XFD1048576)', () => {
		// As the reader leaves such a file (cells stored by address, the declared range as it
		// was): writing one would itself walk the range, so the sheet is made in memory.
		const sheet = xlsxUtils.aoa_to_sheet([
			['Name', 'Phone'],
			['Li Na', '13800138000'],
			[],
			['Wang Wei', '13900139000']
		]);
		sheet['!ref'] = 'A1:XFD1048576';
		const rows = sheetRows(
			{ SheetNames: ['Customers'], Sheets: { Customers: sheet } },
			'Customers'
		);
		expect(rows).toEqual([
			['Name', 'Phone'],
			['Li Na', '13800138000'],
			['Wang Wei', '13900139000']
		]);
	});

	it('refuses an empty file and a broken workbook with a reason', () => {
		expect(() => readImportFile(new Uint8Array(), 'a.csv')).toThrow('empty');
		expect(() =>
			readImportFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx')
		).toThrow('workbook');
	});
});

describe('suggested column mapping', () => {
	it('maps Chinese headers', () => {
		expect(
			suggestMapping(
				[
					'姓名',
					'手机号',
					'邮箱',
					'地址',
					'生日',
					'性别',
					'单位',
					'职业',
					'备注',
					'标签',
					'微信号',
					'来源'
				],
				[]
			)
		).toEqual([
			'name',
			'phone',
			'email',
			'address',
			'birthday',
			'gender',
			'company',
			'occupation',
			'notes',
			'tags',
			'wechat',
			'source'
		]);
		expect(
			suggestMapping(['客户名称', '联系电话', '电子邮件', '出生日期', '公司', '职位', '微信'], [])
		).toEqual(['name', 'phone', 'email', 'birthday', 'company', 'occupation', 'wechat']);
	});

	it('maps a Google Contacts export, numbered columns included', () => {
		const { table } = read('google-contacts.csv');
		const mapping = suggestMapping(table.headers, []);
		const byHeader = Object.fromEntries(table.headers.map((h, i) => [h, mapping[i]]));
		expect(byHeader).toMatchObject({
			Name: 'name',
			'Given Name': 'firstName',
			'Family Name': 'lastName',
			'E-mail 1 - Type': 'ignore',
			'E-mail 1 - Value': 'email',
			'E-mail 2 - Value': 'otherEmails',
			'Phone 1 - Value': 'phone',
			'Phone 2 - Value': 'otherPhones',
			'Group Membership': 'tags',
			'Organization 1 - Name': 'company',
			'Organization 1 - Title': 'occupation',
			'Address 1 - Street': 'street'
		});
	});

	it('maps an Outlook export, and never takes the honorific "Title" for a job', () => {
		const { table } = read('outlook-contacts.csv');
		const mapping = suggestMapping(table.headers, []);
		const byHeader = Object.fromEntries(table.headers.map((h, i) => [h, mapping[i]]));
		expect(byHeader).toMatchObject({
			'First Name': 'firstName',
			'Last Name': 'lastName',
			Title: 'ignore',
			'E-mail Address': 'email',
			'Mobile Phone': 'otherPhones',
			'Home Phone': 'otherPhones',
			'Job Title': 'occupation',
			Categories: 'tags'
		});
	});

	it('maps the shop’s own fields by either label, and a second single-value column to ignore', () => {
		const defs = [
			{
				id: 'f1',
				labelEn: 'Skin type',
				labelZh: '肤质',
				type: 'choice' as const,
				options: [],
				showInList: false,
				order: 1
			}
		];
		expect(suggestMapping(['肤质', 'Skin Type', 'Name', '姓名', 'Whatever'], defs)).toEqual([
			'custom:f1',
			'ignore',
			'name',
			'ignore',
			'ignore'
		]);
	});
});
