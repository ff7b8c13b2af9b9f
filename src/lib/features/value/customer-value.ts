import type { InsightsIndex } from '../insights/insights-index';
import { addDays, localDateKey } from '../../domain/dates';
import { dayStart } from '../insights/rules/periods';
import { DEFAULT_STAGE_RULES } from '../customers/rules/customer-metrics';
import { abcClasses, type AbcClass } from './rules/abc';
import { churnRisk, type ChurnRisk } from './rules/churn';
import {
	averageLines,
	cutScore,
	highs,
	quintileScores,
	segmentOf,
	type RfmFacts,
	type RfmLines,
	type RfmSegment
} from './rules/rfm';
import type { ValueSettings } from './rules/value-settings';
import type { ValueModel } from './value-model';
import { modelPredictions, type ModelPredictions } from './value-model';

/** One customer who has bought, as the value screens see them. Derived, never stored. */
export interface CustomerValue extends RfmFacts {
	id: string;
	/** Scores 1–5 (see the settings' scoring). */
	r: number;
	f: number;
	m: number;
	segment: RfmSegment;
	abc: AbcClass;
	risk: ChurnRisk;
	/** All purchases ever (up to the as-of day) and their total. */
	purchases: number;
	totalCents: number;
	/** Median days between purchases, as the profile's metrics say; null after one purchase. */
	usualIntervalDays: number | null;
	lastPurchaseAt: number;
	/** Local calendar day (days since 1970-01-01) of the first and last purchase. */
	firstDay: number;
	lastDay: number;
	/** Distinct purchase days after the first: the models' x. */
	repeatDays: number;
	/** The average of those later days' totals, in cents (Gamma-Gamma's mean); 0 without. */
	repeatMeanCents: number;
	/** What a year of their usual buying is worth (the model's 12-month value when fitted). */
	valueAtRiskCents: number;
	/** The model's predictions, when a model is fitted. */
	model: ModelPredictions | null;
}

/** Day numbers: local calendar days as whole days since 1970-01-01. */
export function dayNumber(dateKey: string): number {
	const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
	return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export interface ValueInputs {
	index: InsightsIndex;
	/** The last day counted (YYYY-MM-DD): today, or a day in the past for a look back. */
	asOf: string;
	settings: ValueSettings;
	model: ValueModel | null;
}

/** Per customer facts, read from the purchases up to the end of the as-of day. */
export interface PurchaseHistories {
	/** Column customer numbers of the customers who bought, in the archive. */
	customers: number[];
	firstDay: Int32Array;
	lastDay: Int32Array;
	lastAt: Float64Array;
	purchases: Uint32Array;
	totalCents: Float64Array;
	windowPurchases: Uint32Array;
	windowCents: Float64Array;
	repeatDays: Uint32Array;
	repeatCents: Float64Array;
	usualIntervalDays: Array<number | null>;
	asOfDay: number;
}

const median = (values: number[]) => {
	values.sort((a, b) => a - b);
	const mid = values.length >> 1;
	return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
};

/**
 * The first moment of the `months` months that end with the day y-m-d: the same day that many
 * months before, or that month's last day when it is shorter (May 31 back 3 months is Feb 28),
 * then the day after. Local midnight.
 */
export function windowStartOf(y: number, m: number, d: number, months: number): number {
	const month = new Date(y, m - 1 - months, 1);
	const lastDay = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
	return new Date(month.getFullYear(), month.getMonth(), Math.min(d, lastDay) + 1).getTime();
}

/**
 * Walks the counted purchases once, in time order, up to the end of the as-of day: per
 * customer their first and last purchase day, counts and totals, those within the window,
 * the distinct later days (the models' repeat purchases) and the days between purchases.
 */
export function purchaseHistories(
	index: InsightsIndex,
	asOf: string,
	windowMonths: number
): PurchaseHistories {
	const { purchases } = index.columns;
	const size = index.columns.customers.length;
	const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
	const end = dayStart(addDays(asOf, 1));
	const windowStart = windowStartOf(y, m, d, windowMonths);
	const { keys, ofPosition } = index.days();
	const dayOfKey = new Int32Array(keys.length);
	for (let k = 0; k < keys.length; k++) dayOfKey[k] = dayNumber(keys[k]!);
	const h: PurchaseHistories = {
		customers: [],
		firstDay: new Int32Array(size).fill(-1),
		lastDay: new Int32Array(size),
		lastAt: new Float64Array(size),
		purchases: new Uint32Array(size),
		totalCents: new Float64Array(size),
		windowPurchases: new Uint32Array(size),
		windowCents: new Float64Array(size),
		repeatDays: new Uint32Array(size),
		repeatCents: new Float64Array(size),
		usualIntervalDays: [],
		asOfDay: dayNumber(asOf)
	};
	const gaps: number[][] = [];
	for (let position = 0; position < index.order.length; position++) {
		const at = index.orderAt[position]!;
		if (at >= end) break;
		const row = index.order[position]!;
		const customer = purchases.customer[row]!;
		const day = dayOfKey[ofPosition[position]!]!;
		const cents = purchases.totalCents[row]!;
		if (h.firstDay[customer] === -1) {
			h.firstDay[customer] = day;
			h.customers.push(customer);
		} else {
			// Between purchase days, as the profile's metrics count them.
			if (day !== h.lastDay[customer]) {
				(gaps[customer] ??= []).push(day - h.lastDay[customer]!);
				h.repeatDays[customer]!++;
			}
			if (day !== h.firstDay[customer]) h.repeatCents[customer]! += cents;
		}
		h.lastDay[customer] = day;
		h.lastAt[customer] = at;
		h.purchases[customer]!++;
		h.totalCents[customer]! += cents;
		if (at >= windowStart) {
			h.windowPurchases[customer]!++;
			h.windowCents[customer]! += cents;
		}
	}
	h.usualIntervalDays = h.customers.map((customer) => {
		const between = gaps[customer];
		return between ? Math.max(1, Math.round(median(between))) : null;
	});
	return h;
}

/** Every customer's value as of the day, with the lines their segments were drawn by. */
export function customerValues(
	{ index, asOf, settings, model }: ValueInputs,
	histories = purchaseHistories(index, asOf, settings.windowMonths)
): { values: CustomerValue[]; lines: RfmLines } {
	const h = histories;
	const facts: RfmFacts[] = h.customers.map((customer) => ({
		recencyDays: h.asOfDay - h.lastDay[customer]!,
		frequency: h.windowPurchases[customer]!,
		monetaryCents: h.windowCents[customer]!
	}));
	const lines: RfmLines =
		settings.lines === 'averages' ? averageLines(facts) : { ...settings.lines, kind: 'own' };
	const quintiles =
		settings.scoring === 'quintiles'
			? {
					r: quintileScores(
						facts.map((f) => f.recencyDays),
						'lower'
					),
					f: quintileScores(
						facts.map((f) => f.frequency),
						'higher'
					),
					m: quintileScores(
						facts.map((f) => f.monetaryCents),
						'higher'
					)
				}
			: null;
	const abc = abcClasses(
		facts.map((f) => f.monetaryCents),
		settings.abc
	);
	const values = h.customers.map((customer, i): CustomerValue => {
		const fact = facts[i]!;
		const high = highs(fact, lines);
		const repeatDays = h.repeatDays[customer]!;
		const repeatMeanCents = repeatDays > 0 ? h.repeatCents[customer]! / repeatDays : 0;
		const predictions = model
			? modelPredictions(model, {
					x: repeatDays,
					firstDay: h.firstDay[customer]!,
					lastDay: h.lastDay[customer]!,
					asOfDay: h.asOfDay,
					repeatMeanCents,
					averageCents: h.totalCents[customer]! / h.purchases[customer]!,
					monthlyDiscount: settings.monthlyDiscount
				})
			: null;
		const usualIntervalDays = h.usualIntervalDays[i]!;
		const averageCents = h.totalCents[customer]! / h.purchases[customer]!;
		const ruleYear =
			usualIntervalDays === null ? averageCents : (365 / usualIntervalDays) * averageCents;
		return {
			id: index.columns.customers[customer]!,
			...fact,
			r: quintiles
				? quintiles.r[i]!
				: cutScore(fact.recencyDays, settings.cuts.recencyDays, 'lower'),
			f: quintiles ? quintiles.f[i]! : cutScore(fact.frequency, settings.cuts.frequency, 'higher'),
			m: quintiles
				? quintiles.m[i]!
				: cutScore(fact.monetaryCents, settings.cuts.monetaryCents, 'higher'),
			segment: segmentOf(high.r, high.f, high.m),
			abc: abc[i]!,
			risk: churnRisk(
				{ daysSince: fact.recencyDays, usualIntervalDays },
				predictions && repeatDays > 0 ? predictions.probabilityAlive : null,
				DEFAULT_STAGE_RULES
			),
			purchases: h.purchases[customer]!,
			totalCents: h.totalCents[customer]!,
			usualIntervalDays,
			lastPurchaseAt: h.lastAt[customer]!,
			firstDay: h.firstDay[customer]!,
			lastDay: h.lastDay[customer]!,
			repeatDays,
			repeatMeanCents,
			valueAtRiskCents: Math.round(predictions ? predictions.value12Cents : ruleYear),
			model: predictions
		};
	});
	return { values, lines };
}

export const todayKey = (now: number) => localDateKey(now);
