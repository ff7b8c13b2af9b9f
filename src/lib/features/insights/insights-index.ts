import { countsPurchase } from '../../analytics/pivot';
import type { AnalyticsColumns } from '../../analytics/snapshot';
import { Dictionary } from '../../analytics/columns';
import type { CustomerSource, LifecycleStage } from '../customers/rules/customer';
import type { Period } from './rules/periods';
import { localDateKey } from '../../domain/dates';

/** What the insights know of each customer in the archive, read from the projection. */
export interface CustomerFacts {
	id: string;
	stage: LifecycleStage;
	source: CustomerSource | '';
	tags: readonly string[];
	province: string;
	city: string;
}

const NOT_YET = 255;

/** Where a city is: the same city name in two provinces is two places. */
export const placeKey = (province: string, city: string) => `${province}\u001f${city}`;

/**
 * The analytics columns joined with the customers, arranged once for every question the
 * dashboard asks of a period: the counted purchases in time order (a period is then a range
 * found by binary search), each purchase's local weekday and hour, each customer's first
 * purchase ever and place. Built again when the columns or the customers change.
 */
export class InsightsIndex {
	/** Counted purchase rows (live, of a customer in the archive), oldest first. */
	readonly order: Uint32Array;
	/** `at` of each row of `order`, for the binary search. */
	readonly orderAt: Float64Array;
	/** Per purchase row: local weekday (Monday = 0) × 24 + local hour, or 255 until asked. */
	readonly #weekdayHour: Uint8Array;
	/** Per column customer: the moment of their first counted purchase, or Infinity. */
	readonly firstPurchase: Float64Array;
	/** Per column customer: their facts' position in `customers`, or -1 (deleted, merged away). */
	readonly factOf: Int32Array;
	/** Per column customer: index into `provinces` / `cities` (0 = not given). */
	readonly provinceOf: Uint32Array;
	readonly cityOf: Uint32Array;
	readonly provinces = new Dictionary();
	/** `placeKey(province, city)` values. */
	readonly cities = new Dictionary();
	/** Each purchase row's lines, as a range of line rows (lines are stored purchase by purchase). */
	readonly firstLine: Uint32Array;
	readonly lineCount: Uint32Array;

	constructor(
		readonly columns: AnalyticsColumns,
		readonly customers: readonly CustomerFacts[]
	) {
		const { purchases, lines } = columns;
		const counted: number[] = [];
		for (let row = 0; row < purchases.count; row++) {
			if (countsPurchase(columns, row)) counted.push(row);
		}
		counted.sort((a, b) => purchases.at[a]! - purchases.at[b]!);
		this.order = Uint32Array.from(counted);
		this.orderAt = Float64Array.from(counted, (row) => purchases.at[row]!);

		this.#weekdayHour = new Uint8Array(purchases.count).fill(NOT_YET);

		const customerCount = columns.customers.length;
		this.firstPurchase = new Float64Array(customerCount).fill(Infinity);
		for (const row of counted) {
			const customer = purchases.customer[row]!;
			if (this.firstPurchase[customer] === Infinity) {
				this.firstPurchase[customer] = purchases.at[row]!;
			}
		}

		const position = new Map(customers.map((facts, i) => [facts.id, i]));
		this.factOf = new Int32Array(customerCount);
		this.provinceOf = new Uint32Array(customerCount);
		this.cityOf = new Uint32Array(customerCount);
		this.provinces.indexOf('');
		this.cities.indexOf(placeKey('', ''));
		for (let customer = 0; customer < customerCount; customer++) {
			const at = position.get(columns.customers[customer]!) ?? -1;
			this.factOf[customer] = at;
			const facts = at === -1 ? undefined : customers[at];
			this.provinceOf[customer] = this.provinces.indexOf(facts?.province ?? '');
			this.cityOf[customer] = this.cities.indexOf(
				placeKey(facts?.province ?? '', facts?.city ?? '')
			);
		}

		this.firstLine = new Uint32Array(purchases.count);
		this.lineCount = new Uint32Array(purchases.count);
		for (let line = lines.count - 1; line >= 0; line--) {
			const row = lines.purchase[line]!;
			this.firstLine[row] = line;
			this.lineCount[row]!++;
		}
	}

	/**
	 * A purchase's local weekday (Monday = 0) × 24 + local hour, worked out when first asked:
	 * a Date for each of 100,000 purchases was a third of the index's build.
	 */
	weekdayHour(row: number): number {
		let cell = this.#weekdayHour[row]!;
		if (cell === NOT_YET) {
			const date = new Date(this.columns.purchases.at[row]!);
			cell = ((date.getDay() + 6) % 7) * 24 + date.getHours();
			this.#weekdayHour[row] = cell;
		}
		return cell;
	}

	#days: { keys: string[]; ofPosition: Uint32Array } | null = null;

	/**
	 * The local days with counted purchases, oldest first (YYYY-MM-DD), and each position of
	 * `order` as an index into them: worked out when first asked, a Date per day, not per
	 * purchase (purchases are in time order, so a day ends where the next midnight falls).
	 */
	days(): { keys: readonly string[]; ofPosition: Uint32Array } {
		if (this.#days) return this.#days;
		const keys: string[] = [];
		const ofPosition = new Uint32Array(this.orderAt.length);
		let nextMidnight = -Infinity;
		for (let position = 0; position < this.orderAt.length; position++) {
			const at = this.orderAt[position]!;
			if (at >= nextMidnight) {
				const date = new Date(at);
				keys.push(localDateKey(at));
				nextMidnight = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
			}
			ofPosition[position] = keys.length - 1;
		}
		return (this.#days = { keys, ofPosition });
	}

	/** The positions in `order` of the purchases in the period: `[from, to)`. */
	range(period: Period): [from: number, to: number] {
		return [this.#firstAtOrAfter(period.start), this.#firstAtOrAfter(period.end)];
	}

	#firstAtOrAfter(moment: number): number {
		let low = 0;
		let high = this.orderAt.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.orderAt[middle]! < moment) low = middle + 1;
			else high = middle;
		}
		return low;
	}
}
