import { choiceLabels, PURCHASE_EXPORT_HEADERS } from '../../i18n/exported-words';
import {
	PAYMENT_METHODS,
	PURCHASE_CHANNELS,
	validatePurchase,
	type PaymentMethod,
	type PurchaseChannel,
	type PurchaseFields,
	type PurchaseLine
} from '../activity/rules/activity';
import {
	candidateEmails,
	candidatePhones,
	nameKey,
	type DuplicateCandidate
} from '../duplicates/rules/duplicates';
import { parseMoney } from '../../domain/money';
import { phoneDigits } from '../customers/rules/phone';
import { headerKey } from './column-mapping';
import { cleanCell, parseImportDate, type DayMonthOrder } from './normalise';
import type { ImportTable, ImportTableRow } from './table';

/** Where a purchase file's column goes. */
export const PURCHASE_FIELDS = [
	'purchaseNumber',
	'date',
	'customerName',
	'customerPhone',
	'customerEmail',
	'product',
	'quantity',
	'unitPrice',
	'amount',
	'discount',
	'payment',
	'channel',
	'note'
] as const;
export type PurchaseField = (typeof PURCHASE_FIELDS)[number];
export type PurchaseTarget = PurchaseField | 'ignore';

const WORDS: Record<PurchaseField, string[]> = {
	purchaseNumber: [
		'purchase no',
		'purchase number',
		'order no',
		'order number',
		'order id',
		'receipt no',
		'订单号',
		'单号',
		'购买编号',
		'订单编号',
		'小票号'
	],
	date: [
		'date',
		'purchase date',
		'order date',
		'date and time',
		'time',
		'paid at',
		'日期',
		'购买日期',
		'下单时间',
		'消费日期',
		'时间',
		'交易时间',
		'日期和时间'
	],
	customerName: [
		'name',
		'customer',
		'customer name',
		'member',
		'姓名',
		'客户',
		'客户名称',
		'客户姓名',
		'会员',
		'会员姓名'
	],
	customerPhone: [
		'phone',
		'mobile',
		'customer phone',
		'phone number',
		'电话',
		'手机',
		'手机号',
		'手机号码',
		'联系电话',
		'会员手机'
	],
	customerEmail: ['email', 'e-mail', 'customer email', '邮箱', '电子邮件'],
	product: [
		'product',
		'item',
		'goods',
		'product name',
		'item name',
		'商品',
		'产品',
		'商品名称',
		'品名',
		'货品'
	],
	quantity: ['quantity', 'qty', 'count', '数量', '件数'],
	unitPrice: ['unit price', 'price', '单价', '价格'],
	amount: [
		'amount',
		'line amount',
		'total',
		'subtotal',
		'sales',
		'金额',
		'总额',
		'实付',
		'实付金额',
		'消费金额',
		'合计',
		'行金额'
	],
	discount: ['discount', '折扣', '优惠', '优惠金额'],
	payment: ['payment', 'payment method', 'paid by', '支付方式', '付款方式'],
	channel: ['channel', 'sales channel', '渠道', '销售渠道'],
	note: ['note', 'notes', 'remark', 'memo', '备注']
};

const TARGET_BY_HEADER = new Map<string, PurchaseField>();
for (const field of PURCHASE_FIELDS) {
	for (const word of WORDS[field]) TARGET_BY_HEADER.set(headerKey(word), field);
}
// The headers our own export writes, in both languages.
for (const [field, labels] of Object.entries(PURCHASE_EXPORT_HEADERS)) {
	for (const label of labels) TARGET_BY_HEADER.set(headerKey(label), field as PurchaseField);
}

export function isPurchaseTarget(value: string): value is PurchaseTarget {
	return value === 'ignore' || (PURCHASE_FIELDS as readonly string[]).includes(value);
}

export function suggestPurchaseMapping(headers: string[]): PurchaseTarget[] {
	const taken = new Set<PurchaseTarget>();
	return headers.map((header) => {
		const target = TARGET_BY_HEADER.get(headerKey(header)) ?? 'ignore';
		if (target !== 'ignore' && taken.has(target)) return 'ignore';
		taken.add(target);
		return target;
	});
}

/** A file with a product or an amount column holds purchases rather than customers. */
export function looksLikePurchases(headers: string[]): boolean {
	const targets = suggestPurchaseMapping(headers);
	return (
		targets.includes('product') && (targets.includes('amount') || targets.includes('unitPrice'))
	);
}

export type PurchaseProblemKey =
	| 'noCustomer'
	| 'customerUnknown'
	| 'customerAmbiguous'
	| 'invalidDate'
	| 'invalidAmount'
	| 'invalidQuantity'
	| 'noProduct'
	| 'tooManyValues'
	| 'unclosedQuote';

export interface AnalysedPurchase {
	/** The file rows this purchase came from (several when lines share a purchase number). */
	lines: number[];
	status: 'ready' | 'duplicate' | 'rejected';
	problem?: PurchaseProblemKey;
	/** The customer column value, for messages. */
	customerLabel: string;
	purchase?: PurchaseFields;
	cells: string[][];
}

export interface PurchaseImportOptions {
	mapping: PurchaseTarget[];
	dayMonthOrder: DayMonthOrder;
	customers: DuplicateCandidate[];
	/** Fingerprints of purchases already in the archive, to skip re-imports. */
	existing: string[];
}

/** Same customer, same minute, same lines and total: the same purchase recorded twice. */
export function purchaseFingerprint(
	p: Pick<PurchaseFields, 'customerId' | 'at' | 'lines' | 'discountCents'>
): string {
	const minute = Math.floor(p.at / 60_000);
	const lines = p.lines
		.map((line) => `${line.product.trim().toLowerCase()}×${line.quantity}@${line.unitPriceCents}`)
		.sort()
		.join('|');
	return `${p.customerId}#${minute}#${lines}#${p.discountCents}`;
}

function choice<T extends string>(
	raw: string,
	keys: readonly T[],
	group: 'payment' | 'channel',
	fallback: T
): T {
	const text = raw.trim().toLowerCase();
	if (!text) return fallback;
	for (const key of keys) {
		const labels = choiceLabels(group, key).map((label) => label.toLowerCase());
		if (key === text || labels.includes(text)) return key;
	}
	return 'other' as T;
}

/** Local date and time from "2026-01-05 14:30" or just a date (then noon, so no zone moves the day). */
function parseMoment(raw: string, order: DayMonthOrder): number | null {
	const date = parseImportDate(raw, order);
	if (!date) return null;
	const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(raw.trim());
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const hours = time ? Number(time[1]) : 12;
	const minutes = time ? Number(time[2]) : 0;
	if (hours > 23 || minutes > 59) return null;
	return new Date(y, m - 1, d, hours, minutes).getTime();
}

class CustomerFinder {
	readonly #byPhone = new Map<string, string>();
	readonly #byEmail = new Map<string, string>();
	readonly #byName = new Map<string, string[]>();

	constructor(customers: DuplicateCandidate[]) {
		for (const c of customers) {
			for (const phone of candidatePhones(c))
				if (!this.#byPhone.has(phone)) this.#byPhone.set(phone, c.id);
			for (const email of candidateEmails(c))
				if (!this.#byEmail.has(email)) this.#byEmail.set(email, c.id);
			const key = nameKey(c.name);
			if (key) this.#byName.set(key, [...(this.#byName.get(key) ?? []), c.id]);
		}
	}

	find(
		name: string,
		phone: string,
		email: string
	): { id: string } | { problem: PurchaseProblemKey } {
		if (!name && !phone && !email) return { problem: 'noCustomer' };
		const digits = phoneDigits(phone);
		if (digits && this.#byPhone.has(digits)) return { id: this.#byPhone.get(digits)! };
		const mail = email.trim().toLowerCase();
		if (mail && this.#byEmail.has(mail)) return { id: this.#byEmail.get(mail)! };
		const named = this.#byName.get(nameKey(name)) ?? [];
		if (named.length === 1) return { id: named[0]! };
		if (named.length > 1) return { problem: 'customerAmbiguous' };
		return { problem: 'customerUnknown' };
	}
}

interface RowValues {
	row: ImportTableRow;
	get: (field: PurchaseField) => string;
}

/** One purchase from its rows (one row per line item); a problem in any row refuses it. */
function buildPurchase(
	rows: RowValues[],
	finder: CustomerFinder,
	order: DayMonthOrder
):
	| { purchase: PurchaseFields; customerLabel: string }
	| { problem: PurchaseProblemKey; customerLabel: string } {
	const first = rows[0]!;
	const customerLabel =
		first.get('customerName') || first.get('customerPhone') || first.get('customerEmail');
	const fail = (problem: PurchaseProblemKey) => ({ problem, customerLabel });
	const shape = rows.find((r) => r.row.problem)?.row.problem;
	if (shape) return fail(shape);
	const customer = finder.find(
		first.get('customerName'),
		first.get('customerPhone'),
		first.get('customerEmail')
	);
	if ('problem' in customer) return fail(customer.problem);
	const at = parseMoment(first.get('date'), order);
	if (at === null) return fail('invalidDate');
	const lines: PurchaseLine[] = [];
	for (const { get } of rows) {
		const product = get('product');
		if (!product) return fail('noProduct');
		const quantityText = get('quantity');
		const quantity = quantityText === '' ? 1 : Number(quantityText);
		if (!Number.isInteger(quantity) || quantity < 1) return fail('invalidQuantity');
		const unitText = get('unitPrice');
		const amountText = get('amount');
		let unitPriceCents: number | null = unitText ? parseMoney(unitText) : null;
		let lineQuantity = quantity;
		let name = product;
		if (unitPriceCents === null) {
			const amount = amountText ? parseMoney(amountText) : null;
			if (amount === null) return fail('invalidAmount');
			// An amount that does not split into whole cents per unit stays exact as one line.
			if (amount % quantity === 0) unitPriceCents = amount / quantity;
			else {
				unitPriceCents = amount;
				lineQuantity = 1;
				name = `${product} × ${quantity}`;
			}
		}
		lines.push({ product: name, quantity: lineQuantity, unitPriceCents });
	}
	const discountText = first.get('discount');
	const discountCents = discountText ? parseMoney(discountText) : 0;
	if (discountCents === null) return fail('invalidAmount');
	const purchase: PurchaseFields = {
		customerId: customer.id,
		at,
		lines,
		discountCents,
		payment: choice<PaymentMethod>(first.get('payment'), PAYMENT_METHODS, 'payment', 'cash'),
		channel: choice<PurchaseChannel>(
			first.get('channel'),
			PURCHASE_CHANNELS,
			'channel',
			'in_store'
		),
		// Our export repeats the purchase's note on each of its lines.
		note: [...new Set(rows.map((r) => r.get('note')).filter(Boolean))].join('\n')
	};
	const checked = validatePurchase(purchase);
	if (!checked.ok) return fail('invalidAmount');
	return { purchase: checked.value, customerLabel };
}

/**
 * Reads purchase rows: rows sharing a purchase number become one purchase with several lines;
 * each purchase is matched to a customer by phone, then email, then a unique name. Purchases
 * already in the archive (same customer, minute, lines and discount) are marked duplicates so a
 * re-import adds nothing. Nothing is written here.
 */
export function analysePurchaseRows(
	table: ImportTable,
	options: PurchaseImportOptions,
	onProgress?: (done: number) => void
): AnalysedPurchase[] {
	const finder = new CustomerFinder(options.customers);
	const existing = new Set(options.existing);
	const column = new Map<PurchaseField, number>();
	options.mapping.forEach((target, i) => {
		if (target !== 'ignore' && !column.has(target)) column.set(target, i);
	});
	const values = (row: ImportTableRow): RowValues => ({
		row,
		get: (field) => {
			const index = column.get(field);
			return index === undefined ? '' : cleanCell(row.cells[index]);
		}
	});
	const groups = new Map<string, RowValues[]>();
	for (const row of table.rows) {
		const v = values(row);
		const number = v.get('purchaseNumber');
		const key = number ? `#${number}` : `row:${row.line}`;
		groups.set(key, [...(groups.get(key) ?? []), v]);
	}
	const results: AnalysedPurchase[] = [];
	let done = 0;
	for (const rows of groups.values()) {
		if (done % 500 === 0) onProgress?.(done);
		done += rows.length;
		const base = { lines: rows.map((r) => r.row.line), cells: rows.map((r) => r.row.cells) };
		const built = buildPurchase(rows, finder, options.dayMonthOrder);
		if ('problem' in built) {
			results.push({
				...base,
				status: 'rejected',
				problem: built.problem,
				customerLabel: built.customerLabel
			});
			continue;
		}
		const fingerprint = purchaseFingerprint(built.purchase);
		const status = existing.has(fingerprint) ? 'duplicate' : 'ready';
		existing.add(fingerprint);
		results.push({ ...base, status, customerLabel: built.customerLabel, purchase: built.purchase });
	}
	onProgress?.(table.rows.length);
	return results;
}

export type PurchaseMappingGap = 'purchaseCustomer' | 'purchaseDate' | 'purchaseAmount';

/** What a purchase file's columns lack before its rows can be checked (null when nothing). */
export function purchaseMappingGap(mapping: readonly PurchaseTarget[]): PurchaseMappingGap | null {
	const has = (target: PurchaseTarget) => mapping.includes(target);
	if (!has('customerName') && !has('customerPhone') && !has('customerEmail'))
		return 'purchaseCustomer';
	if (!has('date')) return 'purchaseDate';
	if (!has('product') || (!has('amount') && !has('unitPrice'))) return 'purchaseAmount';
	return null;
}
