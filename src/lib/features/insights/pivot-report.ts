import { PAYMENT_METHODS, PURCHASE_CHANNELS } from '../activity/rules/activity';
import { addDays, localDateKey } from '../../domain/dates';
import type { InsightsIndex } from './insights-index';
import type { Period } from './rules/periods';
import type { PivotDimension, PivotMeasure } from './rules/pivot-fields';
import { productNameKey } from '../products/rules/product';

/**
 * A pivot table over purchases, as a spreadsheet makes one: rows × columns × a measure, for a
 * period and, optionally, the members of a segment. Cells, row and column totals and the grand
 * total are each worked out from the purchases themselves, so a distinct count (customers,
 * purchases) or a purchase in two cells (a customer with two tags) is never summed twice.
 */

/** What the pivot needs of a customer (from the projection's row). */
export interface PivotCustomer {
	id: string;
	province: string;
	city: string;
	district: string;
	gender: string;
	/** YYYY-MM-DD or ''. */
	birthday: string;
	stage: string;
	source: string;
	tags: readonly string[];
	createdBy: string;
	custom?: Record<string, unknown>;
}

export interface PivotSpec {
	rows: PivotDimension;
	/** null: one column, the measure. */
	columns: PivotDimension | null;
	measure: PivotMeasure;
	period: Period | null;
	/** Only these customers (a segment's members); null for everyone. */
	customerIds: ReadonlySet<string> | null;
	/** "Now", for age bands. */
	now: number;
}

export const TOTAL = '\u0000total';

export interface PivotResult {
	rowKeys: string[];
	columnKeys: string[];
	/** A product's name for its key (products are keyed by catalogue id or normalised name). */
	productNames: Record<string, string>;
	/** rows × columns, then each row's total as its last cell; the last row is the columns' totals. */
	values: (number | null)[][];
	/** The measure's unit, for formatting. */
	unit: 'cents' | 'count' | 'share';
}

/** One cell's running sums. */
class Cell {
	revenue = 0;
	quantity = 0;
	purchases = 0;
	#lastPurchase = -1;
	readonly #bought = new Map<number, number>();

	add(purchase: number, customer: number, cents: number, quantity: number): void {
		this.revenue += cents;
		this.quantity += quantity;
		if (purchase !== this.#lastPurchase) {
			// Lines of one purchase come one after another: a purchase is counted once per cell.
			this.#lastPurchase = purchase;
			this.purchases++;
			this.#bought.set(customer, (this.#bought.get(customer) ?? 0) + 1);
		}
	}

	value(measure: PivotMeasure): number | null {
		switch (measure) {
			case 'revenue':
				return this.revenue;
			case 'quantity':
				return this.quantity;
			case 'purchases':
				return this.purchases;
			case 'customers':
				return this.#bought.size;
			case 'averageOrder':
				return this.purchases === 0 ? null : Math.round(this.revenue / this.purchases);
			case 'repeatRate': {
				if (this.#bought.size === 0) return null;
				let repeat = 0;
				for (const count of this.#bought.values()) if (count >= 2) repeat++;
				return repeat / this.#bought.size;
			}
		}
	}
}

const LINE_DIMENSIONS: readonly PivotDimension[] = ['product', 'category'];

/** Age bands of ten years ('' without a birthday). */
export function ageBand(birthday: string, now: number): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(birthday)) return '';
	const today = localDateKey(now);
	let age = Number(today.slice(0, 4)) - Number(birthday.slice(0, 4));
	if (today.slice(5) < birthday.slice(5)) age--;
	if (age < 0 || age > 120) return '';
	if (age < 20) return '0–19';
	if (age >= 70) return '70+';
	const low = Math.floor(age / 10) * 10;
	return `${low}–${low + 9}`;
}

/** The Monday of a moment's local week, as YYYY-MM-DD. */
function weekOf(at: number): string {
	const key = localDateKey(at);
	const weekday = (new Date(at).getDay() + 6) % 7;
	return addDays(key, -weekday);
}

export function pivotReport(
	index: InsightsIndex,
	customers: readonly PivotCustomer[],
	productCategories: readonly string[],
	spec: PivotSpec
): PivotResult {
	const perLine = isPerLine(spec);

	const keysOf = dimensionKeys(index, customers, productCategories, spec.now);

	const cells = new Map<string, Cell>();
	const cell = (r: string, c: string) => {
		const key = `${r}\u0001${c}`;
		let found = cells.get(key);
		if (!found) cells.set(key, (found = new Cell()));
		return found;
	};
	const rowKeys = new Set<string>();
	const columnKeys = new Set<string>();
	visit(index, spec, keysOf, perLine, (row, customer, cents, quantity, rows, cols) => {
		for (const r of rows) {
			rowKeys.add(r);
			for (const c of cols) {
				columnKeys.add(c);
				cell(r, c).add(row, customer, cents, quantity);
			}
			if (spec.columns) cell(r, TOTAL).add(row, customer, cents, quantity);
		}
		for (const c of cols) if (spec.columns) cell(TOTAL, c).add(row, customer, cents, quantity);
		cell(TOTAL, TOTAL).add(row, customer, cents, quantity);
	});
	const sortKeys = (keys: Set<string>) => [...keys].filter((k) => k !== TOTAL).sort();
	const rowList = sortKeys(rowKeys);
	const columnList = spec.columns ? sortKeys(columnKeys) : [];
	const value = (r: string, c: string) =>
		cells.get(`${r}\u0001${c}`)?.value(spec.measure) ?? emptyValue(spec.measure);
	const values = [...rowList, TOTAL].map((r) => [...columnList, TOTAL].map((c) => value(r, c)));
	const productNames: Record<string, string> = {};
	if (isPerLine(spec)) {
		index.columns.products.forEach((key, i) => {
			productNames[key] = index.columns.productNames[i] ?? '';
		});
	}
	return {
		rowKeys: rowList,
		columnKeys: columnList,
		productNames,
		values,
		unit:
			spec.measure === 'revenue' || spec.measure === 'averageOrder'
				? 'cents'
				: spec.measure === 'repeatRate'
					? 'share'
					: 'count'
	};
}

/** What an empty cell holds: zero of a sum or count, nothing of an average or rate. */
function emptyValue(measure: PivotMeasure): number | null {
	return measure === 'averageOrder' || measure === 'repeatRate' ? null : 0;
}

type KeysOf = (dimension: PivotDimension, row: number, line: number) => readonly string[];

const isPerLine = (spec: PivotSpec) =>
	LINE_DIMENSIONS.includes(spec.rows) ||
	(spec.columns !== null && LINE_DIMENSIONS.includes(spec.columns));

/** Where a purchase (or one of its lines) goes along a dimension: one key, or several (tags). */
function dimensionKeys(
	index: InsightsIndex,
	customers: readonly PivotCustomer[],
	productCategories: readonly string[],
	now: number
): KeysOf {
	const { columns } = index;
	const { purchases, lines } = columns;
	const byId = new Map(customers.map((c) => [c.id, c]));
	const customerOf = columns.customers.map((id) => byId.get(id));
	return (dimension: PivotDimension, row: number, line: number): readonly string[] => {
		const at = purchases.at[row]!;
		const customer = customerOf[purchases.customer[row]!];
		switch (dimension) {
			case 'year':
				return [localDateKey(at).slice(0, 4)];
			case 'quarter': {
				const key = localDateKey(at);
				return [`${key.slice(0, 4)}-Q${Math.floor((Number(key.slice(5, 7)) - 1) / 3) + 1}`];
			}
			case 'month':
				return [localDateKey(at).slice(0, 7)];
			case 'week':
				return [weekOf(at)];
			case 'weekday':
				return [String((new Date(at).getDay() + 6) % 7)];
			case 'payment':
				return [PAYMENT_METHODS[purchases.payment[row]!] ?? 'other'];
			case 'channel':
				return [PURCHASE_CHANNELS[purchases.channel[row]!] ?? 'other'];
			case 'product':
				return [columns.products[lines.product[line]!] ?? ''];
			case 'category':
				return [productCategories[lines.product[line]!] ?? ''];
			case 'tag':
				return customer && customer.tags.length > 0 ? customer.tags : [''];
			case 'ageBand':
				return [customer ? ageBand(customer.birthday, now) : ''];
			case 'province':
			case 'city':
			case 'district':
			case 'gender':
			case 'stage':
			case 'source':
			case 'createdBy':
				return [customer ? String(customer[dimension] ?? '').trim() : ''];
			default: {
				const value = customer?.custom?.[dimension.slice('custom:'.length)];
				if (Array.isArray(value)) return value.length > 0 ? value.map(String) : [''];
				return [value === undefined || value === null ? '' : String(value)];
			}
		}
	};
}

/**
 * Every purchase of the period (and segment), or every line of it when a dimension is per
 * line, with its amount, units and the row and column keys it goes under.
 */
function visit(
	index: InsightsIndex,
	spec: PivotSpec,
	keysOf: KeysOf,
	perLine: boolean,
	take: (
		row: number,
		customer: number,
		cents: number,
		quantity: number,
		rows: ReadonlySet<string>,
		cols: ReadonlySet<string>
	) => void
): void {
	const { columns } = index;
	const { purchases, lines } = columns;
	const [from, to] = spec.period ? index.range(spec.period) : [0, index.order.length];
	for (let position = from; position < to; position++) {
		const row = index.order[position]!;
		const customer = purchases.customer[row]!;
		if (spec.customerIds && !spec.customerIds.has(columns.customers[customer]!)) continue;
		const first = index.firstLine[row]!;
		const count = index.lineCount[row]!;
		for (let k = 0; k < (perLine ? count : 1); k++) {
			const line = first + k;
			let quantity = 0;
			if (perLine) quantity = lines.quantity[line]!;
			else for (let l = first; l < first + count; l++) quantity += lines.quantity[l]!;
			const cents = perLine ? lines.netCents[line]! : purchases.totalCents[row]!;
			const rows = new Set(keysOf(spec.rows, row, line));
			const cols = new Set(spec.columns ? keysOf(spec.columns, row, line) : [TOTAL]);
			take(row, customer, cents, quantity, rows, cols);
		}
	}
}

/**
 * The customers behind a cell (TOTAL for a row's or column's total), each once: their
 * purchases (or lines) in that cell add up to it.
 */
export function pivotCustomers(
	index: InsightsIndex,
	customers: readonly PivotCustomer[],
	productCategories: readonly string[],
	spec: PivotSpec,
	rowKey: string,
	columnKey: string
): string[] {
	const ids = new Set<string>();
	const keysOf = dimensionKeys(index, customers, productCategories, spec.now);
	visit(index, spec, keysOf, isPerLine(spec), (_row, customer, _cents, _quantity, rows, cols) => {
		if (rowKey !== TOTAL && !rows.has(rowKey)) return;
		if (columnKey !== TOTAL && spec.columns && !cols.has(columnKey)) return;
		ids.add(index.columns.customers[customer]!);
	});
	return [...ids];
}

/** Each product's category as the catalogue names it (a product sold by name: its namesake's). */
export function productCategories(
	products: readonly string[],
	productNames: readonly string[],
	catalogue: readonly { id: string; name: string; category: string }[]
): string[] {
	const byId = new Map(catalogue.map((p) => [p.id, p.category]));
	const byName = new Map(catalogue.map((p) => [productNameKey(p.name), p.category]));
	return products.map(
		(key, i) => byId.get(key) ?? byName.get(productNameKey(productNames[i] ?? '')) ?? ''
	);
}
