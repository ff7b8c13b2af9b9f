import { translator } from './helpers';
import { describe, expect, it } from 'vitest';
import { enMessages as en, zhMessages as zh } from '../../src/lib/i18n/all-messages';
import type { PurchaseRecord } from '../../src/lib/features/activity/activity-records';
import { purchaseExportTable } from '../../src/lib/features/export/activity-tables';
import { toCsv } from '../../src/lib/features/export/csv';
import {
	analysePurchaseRows,
	looksLikePurchases,
	purchaseFingerprint,
	purchaseMappingGap,
	suggestPurchaseMapping
} from '../../src/lib/features/import/purchase-import';
import { lacksName } from '../../src/lib/features/import/column-mapping';
import { readImportFile } from '../../src/lib/features/import/read-file';
import type { ImportTable } from '../../src/lib/features/import/table';

const customers = [
	{
		id: 'c1',
		name: '王秀英',
		phone: '138 0013 8001',
		otherPhones: '',
		email: 'wxy@example.cn',
		otherEmails: '',
		wechat: ''
	},
	{
		id: 'c2',
		name: 'Tom Baker',
		phone: '',
		otherPhones: '',
		email: 'tom@example.com',
		otherEmails: '',
		wechat: ''
	},
	{ id: 'c3', name: '张伟', phone: '', otherPhones: '', email: '', otherEmails: '', wechat: '' },
	{ id: 'c4', name: '张伟', phone: '', otherPhones: '', email: '', otherEmails: '', wechat: '' }
];

function analyse(table: ImportTable, existing: string[] = []) {
	return analysePurchaseRows(table, {
		mapping: suggestPurchaseMapping(table.headers),
		dayMonthOrder: 'dmy',
		customers,
		existing
	});
}

const purchase = (id: string, fields: Partial<PurchaseRecord>): PurchaseRecord => ({
	id,
	customerId: 'c1',
	at: new Date(2026, 0, 5, 14, 30).getTime(),
	lines: [{ product: 'Longjing tea', quantity: 2, unitPriceCents: 12_050 }],
	discountCents: 0,
	payment: 'wechat_pay',
	channel: 'in_store',
	note: '',
	createdAt: 0,
	createdBy: 'm',
	...fields
});

describe('purchase import', () => {
	it.each([
		['English', en],
		['Chinese', zh]
	])('re-reads its own export (%s) into the same purchases', (_, messages) => {
		const purchases = [
			purchase('p1', {}),
			purchase('p2', {
				customerId: 'c2',
				lines: [
					{ product: 'Silk scarf', quantity: 1, unitPriceCents: 29_900 },
					{ product: 'Gift box', quantity: 3, unitPriceCents: 1_000 }
				],
				discountCents: 2_000,
				payment: 'alipay',
				channel: 'online',
				note: 'Birthday present'
			})
		];
		const lookup = (id: string) => customers.find((c) => c.id === id);
		const csv = toCsv(purchaseExportTable(purchases, lookup, translator(messages)));
		const { table } = readImportFile(new TextEncoder().encode(csv), 'purchases.csv');
		expect(looksLikePurchases(table.headers)).toBe(true);
		const rows = analyse(table);
		expect(rows.map((row) => row.status)).toEqual(['ready', 'ready']);
		const strip = ({ id: _id, createdAt: _c, createdBy: _b, ...fields }: PurchaseRecord) => fields;
		expect(rows.map((row) => row.purchase)).toEqual(purchases.map(strip));
		// Importing again into the same archive adds nothing.
		const again = analyse(table, purchases.map(purchaseFingerprint));
		expect(again.map((row) => row.status)).toEqual(['duplicate', 'duplicate']);
	});

	it('reads a shop’s own sheet: amounts, Chinese headers, and refuses what it cannot place', () => {
		const table: ImportTable = {
			headers: ['日期', '手机号', '姓名', '商品', '数量', '金额'],
			rows: [
				{ line: 2, cells: ['2026/1/5', '+86 138-0013-8001', '', '乌龙茶', '3', '¥100.00'] },
				{ line: 3, cells: ['2026年1月6日', '', 'Tom Baker', '茶具', '', '80'] },
				{ line: 4, cells: ['2026-01-07', '', '张伟', '茶叶', '1', '10'] },
				{ line: 5, cells: ['2026-01-07', '', '李四', '茶叶', '1', '10'] },
				{ line: 6, cells: ['someday', '13800138001', '', '茶叶', '1', '10'] },
				{ line: 7, cells: ['2026-01-07', '13800138001', '', '茶叶', '1', 'ten'] },
				{ line: 8, cells: ['2026-01-07', '13800138001', '', '茶叶', '0', '10'] },
				{ line: 9, cells: ['2026-01-07', '', '', '茶叶', '1', '10'] }
			]
		};
		const rows = analyse(table);
		expect(rows.map((row) => row.problem ?? row.status)).toEqual([
			'ready',
			'ready',
			'customerAmbiguous',
			'customerUnknown',
			'invalidDate',
			'invalidAmount',
			'invalidQuantity',
			'noCustomer'
		]);
		// 100.00 for 3 does not split into whole cents: kept exact as one line.
		expect(rows[0]!.purchase!.lines).toEqual([
			{ product: '乌龙茶 × 3', quantity: 1, unitPriceCents: 10_000 }
		]);
		expect(rows[0]!.purchase!.customerId).toBe('c1');
		expect(rows[1]!.purchase).toMatchObject({
			customerId: 'c2',
			lines: [{ product: '茶具', quantity: 1, unitPriceCents: 8_000 }],
			at: new Date(2026, 0, 6, 12, 0).getTime()
		});
	});

	it('tells a customer file from a purchase file', () => {
		expect(looksLikePurchases(['Name', 'Phone', 'Email'])).toBe(false);
		expect(looksLikePurchases(['Date', 'Phone', 'Product', 'Amount'])).toBe(true);
	});
});

describe('what a mapping lacks before its rows can be checked', () => {
	it('a customer file needs a column that names the customer', () => {
		expect(lacksName(['phone', 'email'])).toBe(true);
		expect(lacksName(['phone', 'lastName'])).toBe(false);
		expect(lacksName(['name'])).toBe(false);
	});

	it('a purchase file needs the customer, the date, and a product with an amount or price', () => {
		expect(purchaseMappingGap(['date', 'product', 'amount'])).toBe('purchaseCustomer');
		expect(purchaseMappingGap(['customerPhone', 'product', 'amount'])).toBe('purchaseDate');
		expect(purchaseMappingGap(['customerName', 'date', 'amount'])).toBe('purchaseAmount');
		expect(purchaseMappingGap(['customerName', 'date', 'product'])).toBe('purchaseAmount');
		expect(purchaseMappingGap(['customerEmail', 'date', 'product', 'unitPrice'])).toBeNull();
	});
});
