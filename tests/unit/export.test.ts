import { describe, expect, it } from 'vitest';
import { enMessages as en, zhMessages as zh } from '../../src/lib/i18n/all-messages';
import {
	pickCustomerFields,
	type CustomerFields,
	type CustomerRecord
} from '../../src/lib/features/customers/rules/customer';
import type { CustomFieldDef } from '../../src/lib/features/custom-fields/rules/custom-fields';
import { customerExportTable } from '../../src/lib/features/export/customer-table';
import { neutraliseFormula, toCsv } from '../../src/lib/features/export/csv';
import { customersToVCards } from '../../src/lib/features/export/vcard-export';
import { suggestMapping } from '../../src/lib/features/import/column-mapping';
import { analyseCustomerRows } from '../../src/lib/features/import/customer-import';
import { readImportFile } from '../../src/lib/features/import/read-file';
import { customer, translator } from './helpers';

const defs: CustomFieldDef[] = [
	{
		id: 'skin',
		labelEn: 'Skin type',
		labelZh: '肤质',
		type: 'choice',
		options: ['Dry', 'Oily'],
		showInList: false,
		order: 1
	},
	{
		id: 'size',
		labelEn: 'Shoe size',
		labelZh: '鞋码',
		type: 'number',
		options: [],
		showInList: false,
		order: 2
	},
	{
		id: 'member',
		labelEn: 'Member',
		labelZh: '会员',
		type: 'yesNo',
		options: [],
		showInList: false,
		order: 3
	},
	{
		id: 'likes',
		labelEn: 'Likes',
		labelZh: '喜好',
		type: 'multiChoice',
		options: ['Tea', 'Silk', 'Jade'],
		showInList: false,
		order: 4
	},
	{
		id: 'since',
		labelEn: 'Member since',
		labelZh: '入会日期',
		type: 'date',
		options: [],
		showInList: false,
		order: 5
	}
];

const record = (fields: Partial<CustomerFields>, id: string): CustomerRecord => ({
	...customer(fields),
	id,
	createdAt: 1_700_000_000_000,
	createdBy: 'm',
	updatedAt: 1_700_000_000_000,
	updatedBy: 'm'
});

const people: CustomerRecord[] = [
	record(
		{
			name: '王秀英',
			phone: '+86 138 0013 8001',
			otherPhones: '021 6234 5678, 13900139001',
			email: 'wang@example.cn',
			otherEmails: 'w2@example.cn',
			wechat: 'wxy_88',
			gender: 'female',
			birthday: '1985-03-08',
			province: '浙江',
			city: '杭州',
			district: '西湖区',
			street: '文三路 1 号, 2 楼',
			company: '明记, 茶行',
			occupation: '店长',
			tags: ['VIP', '老客户'],
			stage: 'vip',
			source: 'referral',
			notes: 'Line one\nLine "two", with commas',
			consent: 'yes',
			consentDate: '2024-01-02',
			consentMethod: 'wechat',
			custom: { skin: 'Dry', size: 38, member: true, likes: ['Tea', 'Jade'], since: '2020-05-01' }
		},
		'a'
	),
	record({ name: '=HYPERLINK("http://evil")', phone: '-1', notes: '@import', consent: 'no' }, 'b'),
	record({ name: 'Tom Baker', stage: 'lost', gender: 'male', custom: { member: false } }, 'c')
];

function roundTrip(csv: string) {
	const bytes = new TextEncoder().encode(csv);
	const { table } = readImportFile(bytes, 'export.csv');
	return analyseCustomerRows(table, {
		mapping: suggestMapping(table.headers, defs),
		dayMonthOrder: 'dmy',
		fieldDefs: defs,
		existing: []
	});
}

describe('customer export', () => {
	it.each([
		['English', en, 'en'],
		['Chinese', zh, 'zh-CN']
	])('re-imports its own CSV (%s headers) with every field unchanged', (_, messages, locale) => {
		const table = customerExportTable(people, defs, translator(messages), locale);
		const rows = roundTrip(toCsv(table));
		// The second person's phone "-1" is no phone; it comes back in the notes, with a warning.
		expect(rows.map((row) => row.status)).toEqual(['ready', 'warning', 'ready']);
		expect(rows[0]!.fields).toEqual(pickCustomerFields(people[0]!));
		expect(rows[2]!.fields).toEqual(pickCustomerFields(people[2]!));
		expect(rows[1]!.fields.name).toBe('=HYPERLINK("http://evil")');
	});

	it('adds customer value columns when asked, empty for a customer who never bought', () => {
		const value = new Map([
			[
				'a',
				{
					segment: 'importantWinBack',
					abc: 'B',
					risk: 'high',
					probabilityAlive: 7.04,
					predictedValueCents: 123_456,
					nextExpectedAt: new Date(2026, 11, 20, 0).getTime()
				}
			]
		]);
		const [header, first, second] = customerExportTable(people, defs, translator(en), 'en', value);
		expect(header!.slice(-6)).toEqual([
			'RFM segment',
			'ABC class',
			'Churn risk',
			'Chance still active (%)',
			'12-month value (predicted)',
			'Next purchase expected'
		]);
		expect(first!.slice(-6)).toEqual([
			'Important to win back',
			'B',
			'High risk',
			'7',
			'1234.56',
			'2026-12-20'
		]);
		expect(second!.slice(-6)).toEqual(['', '', '', '', '', '']);
		// Without them, the file is the one the import reads back.
		expect(customerExportTable(people, defs, translator(en), 'en')[0]).toHaveLength(
			header!.length - 6
		);
	});

	it('neutralises formulas so a spreadsheet shows them as text', () => {
		const csv = toCsv(customerExportTable(people, defs, translator(en), 'en'));
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(csv).toContain(`'-1`);
		expect(csv).toContain(`'@import`);
		expect(csv).toContain(`'+86 138 0013 8001`);
		expect(neutraliseFormula('plain')).toBe('plain');
	});

	it('writes vCards that our reader (and phones) read back with every phone and email', () => {
		const text = customersToVCards(people);
		const { table } = readImportFile(new TextEncoder().encode(text), 'export.vcf');
		const rows = analyseCustomerRows(table, {
			mapping: suggestMapping(table.headers, []),
			dayMonthOrder: 'dmy',
			fieldDefs: [],
			existing: []
		});
		expect(rows[0]!.fields).toMatchObject({
			name: '王秀英',
			phone: '+86 138 0013 8001',
			otherPhones: '021 6234 5678, 13900139001',
			email: 'wang@example.cn',
			otherEmails: 'w2@example.cn',
			wechat: 'wxy_88',
			birthday: '1985-03-08',
			company: '明记, 茶行',
			occupation: '店长',
			tags: ['VIP', '老客户'],
			notes: 'Line one\nLine "two", with commas',
			city: '杭州',
			province: '浙江'
		});
		expect(rows[0]!.fields.street).toBe('西湖区 文三路 1 号, 2 楼');
	});

	it('keeps a lunar birthday out of BDAY (a phone would remind on the wrong day) and reads it back', () => {
		const lunar = { ...people[0]!, birthday: '1985-02-30', birthdayCalendar: 'lunar' as const };
		const text = customersToVCards([lunar]);
		expect(text).not.toMatch(/^BDAY/m);
		expect(text).toMatch(/^X-LUNAR-BIRTHDAY:1985-02-30/m);
		const { table } = readImportFile(new TextEncoder().encode(text), 'export.vcf');
		const rows = analyseCustomerRows(table, {
			mapping: suggestMapping(table.headers, []),
			dayMonthOrder: 'dmy',
			fieldDefs: [],
			existing: []
		});
		expect(rows[0]!.fields).toMatchObject({ birthday: '1985-02-30', birthdayCalendar: 'lunar' });
		expect(rows[0]!.status).toBe('ready');
		expect(rows[0]!.warnings).toEqual([]);
	});
});
