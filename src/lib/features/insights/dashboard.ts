import { PAYMENT_METHODS, PURCHASE_CHANNELS } from '../activity/rules/activity-fields';
import { CUSTOMER_SOURCES, LIFECYCLE_STAGES } from '../customers/rules/customer';
import type { InsightsIndex } from './insights-index';
import { periodFigures, type PeriodFigures } from './period-figures';
import {
	bucketFor,
	bucketStarts,
	previousPeriod,
	type Period,
	type TimeBucket
} from './rules/periods';

export const CHART_IDS = [
	'revenueOverTime',
	'newVsReturning',
	'stages',
	'sources',
	'tags',
	'productsByRevenue',
	'productsByQuantity',
	'provinces',
	'cities',
	'payments',
	'channels',
	'weekdayHour'
] as const;
export type ChartId = (typeof CHART_IDS)[number];

export type SeriesId = 'revenue' | 'purchases' | 'quantity' | 'customers' | 'new' | 'returning';
/** `percent`: a share from 0 to 100 (the Pareto chart's cumulative line). */
export type SeriesUnit = 'cents' | 'count' | 'percent';

export interface ChartSeries {
	id: SeriesId;
	unit: SeriesUnit;
	values: number[];
}

/** One chart's numbers: a point per key, one or more series over the points. */
export interface ChartData {
	id: ChartId;
	/**
	 * What each point stands for, as the click-through asks for it: a bucket's first moment, a
	 * stage, a product's key, a place, `weekday-hour`…
	 */
	keys: string[];
	/** The stored text a point shows (a product's or tag's name, a place); '' where a word is. */
	names: string[];
	series: ChartSeries[];
	/** How many points there were before only the largest were kept. */
	totalPoints: number;
}

export interface Dashboard {
	period: Period;
	previous: Period;
	bucket: TimeBucket;
	figures: PeriodFigures;
	previousFigures: PeriodFigures;
	/** Counted purchases in the whole archive, whatever the period. */
	purchasesEver: number;
	/** Customers in the archive now, by stage (in LIFECYCLE_STAGES order). */
	customersByStage: number[];
	charts: Record<ChartId, ChartData>;
}

/** Long lists (products, tags, places) keep their largest points. */
export const TOP_POINTS = 10;

export function dashboard(index: InsightsIndex, period: Period): Dashboard {
	const bucket = bucketFor(period);
	const starts = bucketStarts(period, bucket);
	const previous = previousPeriod(period);
	const stageCounts = customerCounts(index, 'stages');
	const charts = {} as Record<ChartId, ChartData>;
	for (const id of CHART_IDS) charts[id] = chartData(index, period, starts, id);
	return {
		period,
		previous,
		bucket,
		figures: periodFigures(index.columns, period),
		previousFigures: periodFigures(index.columns, previous),
		purchasesEver: index.order.length,
		customersByStage: stageCounts.values,
		charts
	};
}

/**
 * The customers behind one point of a chart (the series tells new from returning), as ids of
 * customers in the archive, each once.
 */
export function customersBehind(
	index: InsightsIndex,
	period: Period,
	chart: ChartId,
	key: string,
	series?: SeriesId
): string[] {
	const ids = new Set<string>();
	const { columns } = index;
	if (chart === 'stages' || chart === 'sources' || chart === 'tags') {
		for (const facts of index.customers) {
			if (customerKeys(facts, chart).includes(key)) ids.add(facts.id);
		}
		return [...ids];
	}
	const starts = bucketStarts(period, bucketFor(period));
	const [from, to] = index.range(period);
	const { purchases } = columns;
	if (chart === 'productsByRevenue' || chart === 'productsByQuantity') {
		const product = columns.products.indexOf(key);
		for (let at = from; at < to; at++) {
			const row = index.order[at]!;
			const first = index.firstLine[row]!;
			for (let line = first; line < first + index.lineCount[row]!; line++) {
				if (columns.lines.product[line] === product) ids.add(customerId(index, row));
			}
		}
		return [...ids];
	}
	const dimension = purchaseDimension(index, chart, starts);
	const wanted = dimension.keys.indexOf(key);
	if (wanted === -1) return [];
	for (let at = from; at < to; at++) {
		const row = index.order[at]!;
		if (dimension.keyOf(row) !== wanted) continue;
		if (chart === 'newVsReturning') {
			const isNew =
				index.firstPurchase[purchases.customer[row]!]! >= Math.max(starts[wanted]!, period.start);
			if (isNew !== (series === 'new')) continue;
		}
		ids.add(customerId(index, row));
	}
	return [...ids];
}

const customerId = (index: InsightsIndex, row: number) =>
	index.columns.customers[index.columns.purchases.customer[row]!]!;

function chartData(index: InsightsIndex, period: Period, starts: number[], id: ChartId): ChartData {
	switch (id) {
		case 'stages':
		case 'sources':
		case 'tags':
			return customerChart(index, id);
		case 'productsByRevenue':
		case 'productsByQuantity':
			return productChart(index, period, id);
		case 'newVsReturning':
			return newVsReturning(index, period, starts);
		default:
			return purchaseChart(index, period, starts, id);
	}
}

/** Groups purchases by one of their qualities: each point's revenue and number of purchases. */
interface PurchaseDimension {
	keys: string[];
	names: string[];
	keyOf(row: number): number;
}

function purchaseDimension(index: InsightsIndex, chart: ChartId, starts: number[]) {
	const { purchases } = index.columns;
	const byValue = (
		keys: readonly string[],
		names: readonly string[],
		keyOf: (row: number) => number
	) => ({ keys: [...keys], names: [...names], keyOf }) satisfies PurchaseDimension;
	const none = (count: number) => Array.from({ length: count }, () => '');
	switch (chart) {
		case 'payments':
			return byValue(
				PAYMENT_METHODS,
				none(PAYMENT_METHODS.length),
				(row) => purchases.payment[row]!
			);
		case 'channels':
			return byValue(
				PURCHASE_CHANNELS,
				none(PURCHASE_CHANNELS.length),
				(row) => purchases.channel[row]!
			);
		case 'provinces':
			return byValue(
				index.provinces.values,
				index.provinces.values,
				(row) => index.provinceOf[purchases.customer[row]!]!
			);
		case 'cities':
			return byValue(
				index.cities.values,
				index.cities.values,
				(row) => index.cityOf[purchases.customer[row]!]!
			);
		case 'weekdayHour': {
			const keys = Array.from({ length: 7 * 24 }, (_, i) => `${Math.floor(i / 24)}-${i % 24}`);
			return byValue(keys, none(keys.length), (row) => index.weekdayHour(row));
		}
		default: {
			const keys = starts.map(String);
			return byValue(keys, none(keys.length), (row) => bucketOf(starts, purchases.at[row]!));
		}
	}
}

/** The last bucket starting at or before `at`. */
function bucketOf(starts: readonly number[], at: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle]! <= at) low = middle;
		else high = middle - 1;
	}
	return low;
}

function purchaseChart(
	index: InsightsIndex,
	period: Period,
	starts: number[],
	id: ChartId
): ChartData {
	const dimension = purchaseDimension(index, id, starts);
	const size = dimension.keys.length;
	const revenue = new Array<number>(size).fill(0);
	const count = new Array<number>(size).fill(0);
	const { totalCents } = index.columns.purchases;
	const [from, to] = index.range(period);
	for (let at = from; at < to; at++) {
		const row = index.order[at]!;
		const key = dimension.keyOf(row);
		revenue[key]! += totalCents[row]!;
		count[key]!++;
	}
	const series: ChartSeries[] = [
		{ id: 'revenue', unit: 'cents', values: revenue },
		{ id: 'purchases', unit: 'count', values: count }
	];
	if (id === 'weekdayHour') series.reverse();
	const all = { id, keys: dimension.keys, names: dimension.names, series, totalPoints: size };
	if (id === 'revenueOverTime' || id === 'weekdayHour') return all;
	// Places keep the largest; methods and channels keep every one used, in their usual order.
	const used = (point: number) => count[point]! > 0;
	return id === 'payments' || id === 'channels' ? keepPoints(all, used) : keepLargest(all, used);
}

function newVsReturning(index: InsightsIndex, period: Period, starts: number[]): ChartData {
	const { purchases } = index.columns;
	const fresh = new Array<number>(starts.length).fill(0);
	const returning = new Array<number>(starts.length).fill(0);
	// Rows come in time order, so a customer's purchases in one bucket follow each other.
	const lastBucket = new Int32Array(index.columns.customers.length).fill(-1);
	const [from, to] = index.range(period);
	for (let at = from; at < to; at++) {
		const row = index.order[at]!;
		const customer = purchases.customer[row]!;
		const bucket = bucketOf(starts, purchases.at[row]!);
		if (lastBucket[customer] === bucket) continue;
		lastBucket[customer] = bucket;
		// New in a bucket: first purchase ever in it, and in the period (a week or month can
		// start before the period does), as the figures count new customers.
		if (index.firstPurchase[customer]! >= Math.max(starts[bucket]!, period.start)) fresh[bucket]!++;
		else returning[bucket]!++;
	}
	return {
		id: 'newVsReturning',
		keys: starts.map(String),
		names: starts.map(() => ''),
		series: [
			{ id: 'new', unit: 'count', values: fresh },
			{ id: 'returning', unit: 'count', values: returning }
		],
		totalPoints: starts.length
	};
}

function productChart(
	index: InsightsIndex,
	period: Period,
	id: 'productsByRevenue' | 'productsByQuantity'
): ChartData {
	const { columns } = index;
	const size = columns.products.length;
	const revenue = new Array<number>(size).fill(0);
	const quantity = new Array<number>(size).fill(0);
	const [from, to] = index.range(period);
	for (let at = from; at < to; at++) {
		const row = index.order[at]!;
		const first = index.firstLine[row]!;
		for (let line = first; line < first + index.lineCount[row]!; line++) {
			const product = columns.lines.product[line]!;
			revenue[product]! += columns.lines.netCents[line]!;
			quantity[product]! += columns.lines.quantity[line]!;
		}
	}
	const byRevenue = id === 'productsByRevenue';
	const revenueSeries: ChartSeries = { id: 'revenue', unit: 'cents', values: revenue };
	const quantitySeries: ChartSeries = { id: 'quantity', unit: 'count', values: quantity };
	return keepLargest(
		{
			id,
			keys: columns.products,
			names: columns.productNames,
			series: byRevenue ? [revenueSeries, quantitySeries] : [quantitySeries, revenueSeries],
			totalPoints: size
		},
		(point) => quantity[point]! > 0
	);
}

function customerKeys(
	facts: InsightsIndex['customers'][number],
	chart: 'stages' | 'sources' | 'tags'
): readonly string[] {
	if (chart === 'stages') return [facts.stage];
	if (chart === 'sources') return [facts.source];
	return facts.tags;
}

function customerCounts(index: InsightsIndex, chart: 'stages' | 'sources' | 'tags') {
	const counts = new Map<string, number>();
	if (chart === 'stages') for (const stage of LIFECYCLE_STAGES) counts.set(stage, 0);
	if (chart === 'sources') for (const source of [...CUSTOMER_SOURCES, '']) counts.set(source, 0);
	for (const facts of index.customers) {
		for (const key of customerKeys(facts, chart)) counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return { keys: [...counts.keys()], values: [...counts.values()] };
}

function customerChart(index: InsightsIndex, id: 'stages' | 'sources' | 'tags'): ChartData {
	const { keys, values } = customerCounts(index, id);
	const all: ChartData = {
		id,
		keys,
		names: id === 'tags' ? keys : keys.map(() => ''),
		series: [{ id: 'customers', unit: 'count', values }],
		totalPoints: keys.length
	};
	if (id === 'stages') return all;
	const used = (point: number) => values[point]! > 0;
	return id === 'sources' ? keepPoints(all, used) : keepLargest(all, used);
}

/** The points that pass, in their order. */
function keepPoints(chart: ChartData, keep: (point: number) => boolean): ChartData {
	const points = chart.keys.map((_, i) => i).filter(keep);
	return pick(chart, points, points.length);
}

/**
 * The TOP_POINTS largest points that pass, by the first series (ties by name), largest first.
 */
function keepLargest(chart: ChartData, keep: (point: number) => boolean): ChartData {
	const first = chart.series[0]!.values;
	const points = chart.keys
		.map((_, i) => i)
		.filter(keep)
		.sort((a, b) => first[b]! - first[a]! || chart.names[a]!.localeCompare(chart.names[b]!));
	return pick(chart, points.slice(0, TOP_POINTS), points.length);
}

function pick(chart: ChartData, points: number[], totalPoints: number): ChartData {
	return {
		id: chart.id,
		keys: points.map((i) => chart.keys[i]!),
		names: points.map((i) => chart.names[i]!),
		series: chart.series.map((series) => ({
			...series,
			values: points.map((i) => series.values[i]!)
		})),
		totalPoints
	};
}
