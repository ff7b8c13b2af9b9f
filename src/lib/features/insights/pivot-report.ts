import { PAYMENT_METHODS, PURCHASE_CHANNELS } from '../activity/rules/activity-fields';
import { addDays, localDateKey } from '../../domain/dates';
import type { InsightsIndex } from './insights-index';
import type { Period } from './rules/periods';
import {
	VALUE_DIMENSIONS,
	type PivotDimension,
	type PivotMeasure,
	type ValueDimension
} from './rules/pivot-fields';
import type { ValueSettings } from '../value/rules/value-settings';
import { productNameKey } from '../products/rules/product-catalogue';

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
	/** Customer value's scores, when a report groups by them (none: never bought). */
	value?: Record<ValueDimension, string>;
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
	/** How the shop scores customer value, for its dimensions (the page fills it in). */
	valueSettings?: ValueSettings;
}

export const TOTAL = '\u0000total';

/** Whether a report groups by customer value (its scores are then worked out first). */
export const usesValue = (spec: PivotSpec) =>
	(VALUE_DIMENSIONS as readonly string[]).includes(spec.rows) ||
	(spec.columns !== null && (VALUE_DIMENSIONS as readonly string[]).includes(spec.columns));

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
	/** Purchases per customer, kept only for the measures that count customers. */
	readonly #bought: Map<number, number> | null;

	constructor(countsCustomers: boolean) {
		this.#bought = countsCustomers ? new Map() : null;
	}

	add(purchase: number, customer: number, cents: number, quantity: number): void {
		this.revenue += cents;
		this.quantity += quantity;
		if (purchase !== this.#lastPurchase) {
			// Lines of one purchase come one after another: a purchase is counted once per cell.
			this.#lastPurchase = purchase;
			this.purchases++;
			this.#bought?.set(customer, (this.#bought.get(customer) ?? 0) + 1);
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
				return this.#bought!.size;
			case 'averageOrder':
				return this.purchases === 0 ? null : Math.round(this.revenue / this.purchases);
			case 'repeatRate': {
				const bought = this.#bought!;
				if (bought.size === 0) return null;
				let repeat = 0;
				for (const count of bought.values()) if (count >= 2) repeat++;
				return repeat / bought.size;
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

/** A local day's key along a time dimension. */
function timeKey(dimension: PivotDimension, day: string): string {
	switch (dimension) {
		case 'year':
			return day.slice(0, 4);
		case 'quarter':
			return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
		case 'month':
			return day.slice(0, 7);
		default: {
			// week (its Monday) or weekday (Monday = 0), from the day's own calendar date.
			const [y, m, d] = day.split('-').map(Number) as [number, number, number];
			const weekday = (new Date(y, m - 1, d).getDay() + 6) % 7;
			return dimension === 'week' ? addDays(day, -weekday) : String(weekday);
		}
	}
}

/**
 * One side of the table: its keys, each a small number, and where a purchase (or one of its
 * lines) goes along it. Keys are worked out once per day, code, product or customer, not per
 * purchase, so the walk over 100,000 purchases only adds numbers.
 */
class Axis {
	readonly names: string[] = [];
	readonly #ids = new Map<string, number>();

	constructor(
		/** Writes the keys of purchase `row` (at `position` in time order), `line`; their count. */
		readonly keys: (position: number, row: number, line: number, out: number[]) => number
	) {}

	id(name: string): number {
		let id = this.#ids.get(name);
		if (id === undefined) {
			id = this.names.length;
			this.#ids.set(name, id);
			this.names.push(name);
		}
		return id;
	}

	find(name: string): number {
		return this.#ids.get(name) ?? -1;
	}
}

const TIME_DIMENSIONS: readonly PivotDimension[] = ['year', 'quarter', 'month', 'week', 'weekday'];

function axisOf(
	index: InsightsIndex,
	customers: readonly PivotCustomer[],
	productCategories: readonly string[],
	dimension: PivotDimension,
	now: number
): Axis {
	const { columns } = index;
	const { purchases, lines } = columns;
	/** An axis whose key is one per item of a column (day, code, product): `of` item → key id. */
	const single = (of: Int32Array, item: (position: number, row: number, line: number) => number) =>
		new Axis((position, row, line, out) => {
			out[0] = of[item(position, row, line)]!;
			return 1;
		});

	if (TIME_DIMENSIONS.includes(dimension)) {
		const days = index.days();
		const of = new Int32Array(days.keys.length);
		const axis = single(of, (position) => days.ofPosition[position]!);
		days.keys.forEach((day, i) => (of[i] = axis.id(timeKey(dimension, day))));
		return axis;
	}
	if (dimension === 'payment' || dimension === 'channel') {
		const names = dimension === 'payment' ? PAYMENT_METHODS : PURCHASE_CHANNELS;
		const codes = dimension === 'payment' ? purchases.payment : purchases.channel;
		const of = new Int32Array(256);
		const axis = single(of, (_position, row) => codes[row]!);
		for (let code = 0; code < 256; code++) of[code] = axis.id(names[code] ?? 'other');
		return axis;
	}
	if (dimension === 'product' || dimension === 'category') {
		const of = new Int32Array(columns.products.length);
		const axis = single(of, (_position, _row, line) => lines.product[line]!);
		columns.products.forEach((key, i) => {
			of[i] = axis.id((dimension === 'product' ? key : productCategories[i]) ?? '');
		});
		return axis;
	}

	// The customer's own fields: one key each, or several (tags, a multiple-choice field).
	const byId = new Map(customers.map((c) => [c.id, c]));
	const valuesOf = (customer: PivotCustomer | undefined): readonly string[] => {
		switch (dimension) {
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
			case 'rfmSegment':
			case 'abcClass':
			case 'churnRisk':
				return [customer?.value?.[dimension] ?? ''];
			default: {
				const value = customer?.custom?.[dimension.slice('custom:'.length)];
				if (Array.isArray(value)) return value.length > 0 ? value.map(String) : [''];
				return [value === undefined || value === null ? '' : String(value)];
			}
		}
	};
	const first = new Int32Array(columns.customers.length);
	const more = new Map<number, number[]>();
	const axis = new Axis((_position, row, _line, out) => {
		const customer = purchases.customer[row]!;
		out[0] = first[customer]!;
		const rest = more.size > 0 ? more.get(customer) : undefined;
		if (!rest) return 1;
		for (let i = 0; i < rest.length; i++) out[i + 1] = rest[i]!;
		return rest.length + 1;
	});
	columns.customers.forEach((id, customer) => {
		const keys = [...new Set(valuesOf(byId.get(id)).map((name) => axis.id(name)))];
		first[customer] = keys[0]!;
		if (keys.length > 1) more.set(customer, keys.slice(1));
	});
	return axis;
}

const isPerLine = (spec: PivotSpec) =>
	LINE_DIMENSIONS.includes(spec.rows) ||
	(spec.columns !== null && LINE_DIMENSIONS.includes(spec.columns));

/**
 * Every purchase of the period (and segment), or every line of it when a dimension is per
 * line, with its amount, units and the row and column keys it goes under (`rows[0..r)`,
 * `cols[0..c)`; with no column dimension, c is 0).
 */
function visit(
	index: InsightsIndex,
	spec: PivotSpec,
	rowAxis: Axis,
	columnAxis: Axis | null,
	take: (
		row: number,
		customer: number,
		cents: number,
		quantity: number,
		rows: readonly number[],
		r: number,
		cols: readonly number[],
		c: number
	) => void
): void {
	const { columns } = index;
	const { purchases, lines } = columns;
	const perLine = isPerLine(spec);
	const wantsQuantity = spec.measure === 'quantity';
	const rows: number[] = [];
	const cols: number[] = [];
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
			else if (wantsQuantity)
				for (let l = first; l < first + count; l++) quantity += lines.quantity[l]!;
			const cents = perLine ? lines.netCents[line]! : purchases.totalCents[row]!;
			const r = rowAxis.keys(position, row, line, rows);
			const c = columnAxis ? columnAxis.keys(position, row, line, cols) : 0;
			take(row, customer, cents, quantity, rows, r, cols, c);
		}
	}
}

export function pivotReport(
	index: InsightsIndex,
	customers: readonly PivotCustomer[],
	productCategories: readonly string[],
	spec: PivotSpec
): PivotResult {
	const rowAxis = axisOf(index, customers, productCategories, spec.rows, spec.now);
	const columnAxis = spec.columns
		? axisOf(index, customers, productCategories, spec.columns, spec.now)
		: null;
	// Cell (r, c) is at r × width + c; column `across` holds each row's total, row `down` the
	// columns' totals (with no column dimension, the row's total is its only cell).
	const across = columnAxis ? columnAxis.names.length : 0;
	const down = rowAxis.names.length;
	const width = across + 1;
	const countsCustomers = spec.measure === 'customers' || spec.measure === 'repeatRate';
	const cells = new Map<number, Cell>();
	const add = (at: number, row: number, customer: number, cents: number, quantity: number) => {
		let cell = cells.get(at);
		if (!cell) cells.set(at, (cell = new Cell(countsCustomers)));
		cell.add(row, customer, cents, quantity);
	};
	const rowSeen = new Uint8Array(down);
	const columnSeen = new Uint8Array(across);
	visit(index, spec, rowAxis, columnAxis, (row, customer, cents, quantity, rows, r, cols, c) => {
		for (let i = 0; i < r; i++) {
			const base = rows[i]! * width;
			rowSeen[rows[i]!] = 1;
			for (let j = 0; j < c; j++) add(base + cols[j]!, row, customer, cents, quantity);
			add(base + across, row, customer, cents, quantity);
		}
		for (let j = 0; j < c; j++) {
			columnSeen[cols[j]!] = 1;
			add(down * width + cols[j]!, row, customer, cents, quantity);
		}
		add(down * width + across, row, customer, cents, quantity);
	});
	const byName = (names: readonly string[]) => (a: number, b: number) =>
		names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0;
	const rowIds = [...rowSeen.keys()].filter((r) => rowSeen[r]).sort(byName(rowAxis.names));
	const columnIds = columnAxis
		? [...columnSeen.keys()].filter((c) => columnSeen[c]).sort(byName(columnAxis.names))
		: [];
	const value = (at: number) => cells.get(at)?.value(spec.measure) ?? emptyValue(spec.measure);
	const values = [...rowIds, down].map((r) =>
		[...columnIds, across].map((c) => value(r * width + c))
	);
	const productNames: Record<string, string> = {};
	if (isPerLine(spec)) {
		index.columns.products.forEach((key, i) => {
			productNames[key] = index.columns.productNames[i] ?? '';
		});
	}
	return {
		rowKeys: rowIds.map((r) => rowAxis.names[r]!),
		columnKeys: columnIds.map((c) => columnAxis!.names[c]!),
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
	const rowAxis = axisOf(index, customers, productCategories, spec.rows, spec.now);
	const columnAxis = spec.columns
		? axisOf(index, customers, productCategories, spec.columns, spec.now)
		: null;
	const wantedRow = rowKey === TOTAL ? -1 : rowAxis.find(rowKey);
	const wantedColumn = columnKey === TOTAL || !columnAxis ? -1 : columnAxis.find(columnKey);
	if (
		(rowKey !== TOTAL && wantedRow === -1) ||
		(columnKey !== TOTAL && columnAxis && wantedColumn === -1)
	)
		return [];
	visit(index, spec, rowAxis, columnAxis, (_row, customer, _cents, _quantity, rows, r, cols, c) => {
		if (wantedRow !== -1 && !rows.slice(0, r).includes(wantedRow)) return;
		if (wantedColumn !== -1 && !cols.slice(0, c).includes(wantedColumn)) return;
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
