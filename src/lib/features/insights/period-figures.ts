import { countsPurchase } from '../../analytics/pivot';
import type { AnalyticsColumns } from '../../analytics/snapshot';
import type { Period } from './rules/periods';

/**
 * The dashboard's figures for one period, from the analytics columns. Amounts are integer
 * cents after each purchase's discount; a purchase belongs to the period its local moment falls
 * in; deleted customers' sales are left out and a merged pair counts as the customer kept.
 */
export interface PeriodFigures {
	revenueCents: number;
	purchases: number;
	/** Revenue ÷ purchases, rounded to the cent; null with no purchase. */
	averageOrderCents: number | null;
	/** Customers with at least one purchase in the period. */
	customersWhoBought: number;
	/** Of those, whose first purchase ever is in the period ("new: first purchase in this period"). */
	newCustomers: number;
	/** Of those who bought, the share who had bought before the period (0–1); null with none. */
	returningShare: number | null;
	/** Of those who bought, the share who bought twice or more in the period (0–1); null with none. */
	repeatRate: number | null;
}

export function periodFigures(columns: AnalyticsColumns, period: Period): PeriodFigures {
	const { purchases } = columns;
	const customers = columns.customers.length;
	const firstPurchase = new Float64Array(customers).fill(Infinity);
	const inPeriod = new Uint32Array(customers);
	let revenueCents = 0;
	let count = 0;
	for (let row = 0; row < purchases.count; row++) {
		if (!countsPurchase(columns, row)) continue;
		const customer = purchases.customer[row]!;
		const at = purchases.at[row]!;
		if (at < firstPurchase[customer]!) firstPurchase[customer] = at;
		if (at < period.start || at >= period.end) continue;
		revenueCents += purchases.totalCents[row]!;
		count++;
		inPeriod[customer]!++;
	}
	let customersWhoBought = 0;
	let newCustomers = 0;
	let repeaters = 0;
	for (let customer = 0; customer < customers; customer++) {
		const bought = inPeriod[customer]!;
		if (bought === 0) continue;
		customersWhoBought++;
		if (firstPurchase[customer]! >= period.start) newCustomers++;
		if (bought >= 2) repeaters++;
	}
	const share = (part: number) => (customersWhoBought === 0 ? null : part / customersWhoBought);
	return {
		revenueCents,
		purchases: count,
		averageOrderCents: count === 0 ? null : Math.round(revenueCents / count),
		customersWhoBought,
		newCustomers,
		returningShare: share(customersWhoBought - newCustomers),
		repeatRate: share(repeaters)
	};
}

/** How a figure moved against the previous period, for ▲▼ and a percentage. */
export interface FigureChange {
	direction: 'up' | 'down' | 'same';
	/** The change in percent of the previous value; null when the previous value was 0 or none. */
	percent: number | null;
}

export function figureChange(current: number | null, previous: number | null): FigureChange {
	const now = current ?? 0;
	const before = previous ?? 0;
	const direction = now > before ? 'up' : now < before ? 'down' : 'same';
	return { direction, percent: before === 0 ? null : ((now - before) / Math.abs(before)) * 100 };
}
