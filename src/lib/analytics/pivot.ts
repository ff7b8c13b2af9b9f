import type { AnalyticsColumns } from './snapshot';

/** Sales by local month and product: amounts in integer cents, after purchase discounts. */
export interface MonthProductPivot {
	/** `YYYY-MM`, oldest first, every month between the first and last sale. */
	months: string[];
	/** Indexes into `columns.products`, in column order. */
	products: number[];
	/** months × products, row by row: cents sold of that product in that month. */
	cents: Float64Array;
	/** The same, in units sold. */
	quantity: Float64Array;
}

/**
 * Whether a purchase row counts: not deleted or replaced by an edit, and its customer still in
 * the archive.
 */
export function countsPurchase(columns: AnalyticsColumns, row: number): boolean {
	const { purchases } = columns;
	return purchases.live[row] === 1 && columns.customerLive[purchases.customer[row]!] === 1;
}

/** Groups every counted purchase line by the month of its purchase and its product. */
export function pivotMonthByProduct(columns: AnalyticsColumns): MonthProductPivot {
	const { purchases, lines } = columns;
	const counts = new Uint8Array(purchases.count);
	for (let row = 0; row < purchases.count; row++) {
		if (countsPurchase(columns, row)) counts[row] = 1;
	}
	let first = Infinity;
	let last = -Infinity;
	for (let row = 0; row < purchases.count; row++) {
		if (counts[row] !== 1) continue;
		const month = purchases.month[row]!;
		if (month < first) first = month;
		if (month > last) last = month;
	}
	const productCount = columns.products.length;
	const monthCount = first <= last ? last - first + 1 : 0;
	const cents = new Float64Array(monthCount * productCount);
	const quantity = new Float64Array(monthCount * productCount);
	for (let line = 0; line < lines.count; line++) {
		const purchase = lines.purchase[line]!;
		if (counts[purchase] !== 1) continue;
		const cell = (purchases.month[purchase]! - first) * productCount + lines.product[line]!;
		cents[cell]! += lines.netCents[line]!;
		quantity[cell]! += lines.quantity[line]!;
	}
	const months = Array.from({ length: monthCount }, (_, i) => {
		const month = first + i;
		return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
	});
	return { months, products: Array.from({ length: productCount }, (_, i) => i), cents, quantity };
}
