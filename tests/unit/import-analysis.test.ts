import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../src/lib/features/import/column-mapping';
import {
	analyseCustomerRows,
	type CustomerImportOptions
} from '../../src/lib/features/import/customer-import';
import { importPatch, planCustomerImport } from '../../src/lib/features/import/import-plan';
import { cleanCell, parseImportDate, splitTags } from '../../src/lib/features/import/normalise';
import { readImportFile } from '../../src/lib/features/import/read-file';
import type { ImportTable } from '../../src/lib/features/import/table';
import { customer } from './helpers';

const fixture = (name: string) =>
	readImportFile(
		new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url))),
		name
	);

function analyse(table: ImportTable, options: Partial<CustomerImportOptions> = {}) {
	return analyseCustomerRows(table, {
		mapping: suggestMapping(table.headers, options.fieldDefs ?? []),
		dayMonthOrder: 'dmy',
		fieldDefs: [],
		existing: [],
		...options
	});
}

const existing = (id: string, fields: Parameters<typeof customer>[0]) => ({
	id,
	...customer(fields)
});

describe('dates and cells', () => {
	it.each([
		['2024-03-08', '2024-03-08'],
		['2024/3/8', '2024-03-08'],
		['2024.3.8', '2024-03-08'],
		['2024年3月8日', '2024-03-08'],
		['08.03.2024', '2024-03-08'],
		['20240308', '2024-03-08'],
		['45359', '2024-03-08'],
		['2024-03-08 10:30', '2024-03-08'],
		['5/14/1975', '1975-05-14']
	])('reads %s as %s', (raw, iso) => expect(parseImportDate(raw)).toBe(iso));

	it('reads 3/8/2024 by the chosen order', () => {
		expect(parseImportDate('3/8/2024', 'dmy')).toBe('2024-08-03');
		expect(parseImportDate('3/8/2024', 'mdy')).toBe('2024-03-08');
	});

	it.each(['2024-02-30', '31.31.2024', 'next tuesday', '12', '2024-13-01'])('refuses %s', (raw) =>
		expect(parseImportDate(raw)).toBeNull()
	);

	it('takes back the apostrophe our export puts before formula characters, and only that', () => {
		expect(cleanCell("'=SUM(A1)")).toBe('=SUM(A1)');
		expect(cleanCell("'+86 138")).toBe('+86 138');
		expect(cleanCell("'quoted'")).toBe("'quoted'");
		expect(cleanCell('  x ')).toBe('x');
	});

	it('splits tags on every separator people use', () => {
		expect(splitTags('VIP、老客户; 团购，VIP|新')).toEqual(['VIP', '老客户', '团购', '新']);
	});
});

describe('analysing customer rows', () => {
	it('imports 97 of 100 rows and names the 3 it refuses with reasons', () => {
		const rows = analyse(fixture('customers-100-with-3-malformed.csv').table);
		expect(rows).toHaveLength(100);
		const rejected = rows.filter((row) => row.status === 'rejected');
		expect(rejected.map((row) => [row.line, row.problem])).toEqual([
			[19, 'noName'],
			[44, 'tooManyValues'],
			[79, 'tooLong']
		]);
		expect(rows.filter((row) => row.status !== 'rejected')).toHaveLength(97);
	});

	it('reads the GBK file into clean customers: dates, gender, tags', () => {
		const rows = analyse(fixture('customers-gbk.csv').table);
		expect(rows.every((row) => row.status === 'ready')).toBe(true);
		expect(rows[0]!.fields).toMatchObject({
			name: '王秀英',
			phone: '138 0013 8001',
			email: 'xiuying.wang@example.cn',
			birthday: '1985-03-08',
			gender: 'female',
			tags: ['VIP', '老客户'],
			notes: '喜欢绿茶'
		});
		expect(rows[1]!.fields.birthday).toBe('1990-05-06');
		expect(rows[4]!.fields.birthday).toBe('1995-07-01');
	});

	it('puts a value the rules refuse into the notes with a warning, so nothing is lost', () => {
		const table: ImportTable = {
			headers: ['Name', 'Phone', 'Email', 'Birthday', 'Gender'],
			rows: [{ line: 2, cells: ['Ann', '12345678901', 'not-an-email', 'soon', 'robot'] }]
		};
		const [row] = analyse(table);
		expect(row!.status).toBe('warning');
		expect(row!.fields).toMatchObject({
			name: 'Ann',
			phone: '',
			email: '',
			birthday: '',
			gender: ''
		});
		expect(row!.fields.notes).toContain('Birthday: soon');
		expect(row!.fields.notes).toContain('Gender: robot');
		expect(row!.fields.notes).toContain('phone: 12345678901');
		expect(row!.fields.notes).toContain('email: not-an-email');
		expect(row!.warnings.map((w) => w.key).sort()).toEqual([
			'invalidDate',
			'invalidValue',
			'invalidValue',
			'unknownChoice'
		]);
	});

	it('imports a phone number that cannot exist as written, with a warning', () => {
		const table: ImportTable = {
			headers: ['Name', 'Phone', 'Other phones'],
			rows: [
				{ line: 2, cells: ['Ann', '12345', '138 0013 8000, 021-6234567'] },
				{ line: 3, cells: ['Bo', '010-6552 9988 ext 12', '+44 20 7946 0958'] }
			]
		};
		const [ann, bo] = analyse(table, {
			mapping: ['name', 'phone', 'otherPhones']
		});
		expect(ann!.status).toBe('warning');
		expect(ann!.fields.phone).toBe('12345');
		expect(ann!.warnings).toEqual([
			{ key: 'impossiblePhone', column: 'phone', value: '12345' },
			{ key: 'impossiblePhone', column: 'otherPhones', value: '021-6234567' }
		]);
		expect(bo!.status).toBe('ready');
		expect(bo!.fields.phone).toBe('010-6552 9988 ext 12');
	});

	it('joins first and last names in the order each script writes them', () => {
		const rows = analyse({
			headers: ['First Name', 'Last Name'],
			rows: [
				{ line: 2, cells: ['Tom', 'Baker'] },
				{ line: 3, cells: ['丽华', '孙'] }
			]
		});
		expect(rows.map((row) => row.fields.name)).toEqual(['Tom Baker', '孙丽华']);
	});

	it('reads choice columns written in either language or as stored keys', () => {
		const rows = analyse({
			headers: ['Name', 'Lifecycle stage', 'Source', '性别'],
			rows: [
				{ line: 2, cells: ['A', 'VIP', 'Walk-in', '男'] },
				{ line: 3, cells: ['B', '已流失', 'referral', 'F'] }
			]
		});
		expect(rows.map((r) => [r.fields.stage, r.fields.source, r.fields.gender])).toEqual([
			['vip', 'walk_in', 'male'],
			['lost', 'referral', 'female']
		]);
	});

	it('keeps Google labels as tags without its system groups, and both emails', () => {
		const [lucy] = analyse(fixture('google-contacts.csv').table);
		expect(lucy!.fields).toMatchObject({
			name: 'Lucy Fang',
			email: 'lucy.fang@example.com',
			otherEmails: 'lfang@example.org',
			phone: '+86 137 0013 8051',
			otherPhones: '010 6543 2100',
			tags: ['Tea club'],
			company: 'Fang & Co',
			occupation: 'Buyer',
			street: '1 Garden Rd'
		});
	});

	it('finds the existing customer a row probably is', () => {
		const table: ImportTable = {
			headers: ['Name', 'Phone', 'Email'],
			rows: [
				{ line: 2, cells: ['王秀英', '+86 138-0013-8001', ''] },
				{ line: 3, cells: ['Someone', '', 'ANNA@example.com'] },
				{ line: 4, cells: ['李 娜', '139 0013 8003', ''] },
				{ line: 5, cells: ['New Person', '13500000000', ''] }
			]
		};
		const rows = analyse(table, {
			existing: [
				existing('c1', { name: '王秀英', phone: '13800138001' }),
				existing('c2', { name: 'Anna', email: 'anna@example.com' }),
				existing('c3', { name: '李娜', phone: '13900138002' })
			]
		});
		expect(rows.map((row) => row.match ?? null)).toEqual([
			{ id: 'c1', reason: 'phone' },
			{ id: 'c2', reason: 'email' },
			{ id: 'c3', reason: 'nameAndPhone' },
			null
		]);
	});

	it('warns about a row that repeats an earlier row of the same file', () => {
		const rows = analyse({
			headers: ['Name', 'Phone'],
			rows: [
				{ line: 2, cells: ['A', '13800138001'] },
				{ line: 3, cells: ['A again', '138 0013 8001'] }
			]
		});
		expect(rows[1]!.warnings).toEqual([{ key: 'sameAsEarlierRow', line: 2 }]);
	});

	it('checks the shop’s own fields and keeps a value that does not fit in the notes', () => {
		const defs = [
			{
				id: 'skin',
				labelEn: 'Skin type',
				labelZh: '肤质',
				type: 'choice' as const,
				options: ['Dry', 'Oily'],
				showInList: false,
				order: 1
			},
			{
				id: 'member',
				labelEn: 'Member',
				labelZh: '会员',
				type: 'yesNo' as const,
				options: [],
				showInList: false,
				order: 2
			}
		];
		const rows = analyse(
			{
				headers: ['Name', '肤质', 'Member'],
				rows: [
					{ line: 2, cells: ['A', 'Dry', '是'] },
					{ line: 3, cells: ['B', 'Scaly', 'no'] }
				]
			},
			{ fieldDefs: defs }
		);
		expect(rows[0]!.fields.custom).toEqual({ skin: 'Dry', member: true });
		expect(rows[1]!.fields.custom).toEqual({ member: false });
		expect(rows[1]!.fields.notes).toBe('肤质: Scaly');
	});
});

describe('planning an import', () => {
	const rows = analyse(
		{
			headers: ['Name', 'Phone', 'Email', 'Tags', 'City'],
			rows: [
				{ line: 2, cells: ['王秀英', '13800138001', 'new@example.com', 'VIP', '杭州'] },
				{ line: 3, cells: ['Brand New', '13500000000', '', '', ''] },
				{ line: 4, cells: ['', '', '', '', ''] }
			]
		},
		{
			existing: [
				existing('c1', { name: '王秀英', phone: '13800138001', city: '上海', tags: ['老客户'] })
			]
		}
	);
	const stored = customer({ name: '王秀英', phone: '13800138001', city: '上海', tags: ['老客户'] });

	it('skips a matched row, creates the rest, and counts refusals', () => {
		const plan = planCustomerImport(
			rows,
			() => 'skip',
			() => stored
		);
		expect(plan.create.map((fields) => fields.name)).toEqual(['Brand New']);
		expect(plan.update).toEqual([]);
		expect([plan.skipped, plan.rejected]).toEqual([1, 1]);
	});

	it('fills only empty fields, and adds tags', () => {
		const plan = planCustomerImport(
			rows,
			() => 'fillEmpty',
			() => stored
		);
		expect(plan.update).toEqual([
			{ id: 'c1', patch: { email: 'new@example.com', tags: ['老客户', 'VIP'] } }
		]);
	});

	it('overwrites with every value the file has, but never clears or drops tags', () => {
		expect(importPatch(stored, rows[0]!.fields, 'overwrite')).toEqual({
			email: 'new@example.com',
			city: '杭州',
			tags: ['老客户', 'VIP']
		});
	});

	it('creates a matched row anyway when asked', () => {
		const plan = planCustomerImport(
			rows,
			() => 'create',
			() => stored
		);
		expect(plan.create).toHaveLength(2);
	});

	it('keeps the phone and email an overwrite replaces among the others', () => {
		const patch = importPatch(
			customer({ name: 'A', phone: '13800138001', email: 'old@example.com' }),
			customer({ name: 'A', phone: '13900139001', email: 'new@example.com' }),
			'overwrite'
		);
		expect(patch).toEqual({
			phone: '13900139001',
			email: 'new@example.com',
			otherPhones: '13800138001',
			otherEmails: 'old@example.com'
		});
	});

	it('keeps a differing phone from the file as another phone rather than losing it', () => {
		const patch = importPatch(
			customer({ name: 'A', phone: '13800138001' }),
			customer({ name: 'A', phone: '13900139001', email: '' }),
			'fillEmpty'
		);
		expect(patch).toEqual({ otherPhones: '13900139001' });
	});
});
