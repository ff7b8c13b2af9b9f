import {
	conditionalExpectedPurchases,
	fitBgNbd,
	probabilityAlive,
	type BgNbdParams,
	type BgNbdRow
} from './bg-nbd';
import { conditionalExpectedAverage, fitGammaGamma, type GammaGammaParams } from './gamma-gamma';
import type { PurchaseHistories } from './customer-value';

/** The time unit the models are fitted in: weeks, as the papers' CDNOW results are. */
const DAYS_PER_UNIT = 7;
/** An average month, for the 12-month value's discounting. */
const DAYS_PER_MONTH = 365.25 / 12;

/** Fewer customers who bought again than this, and the model says nothing worth showing. */
export const MIN_REPEAT_BUYERS = 20;

export interface ValueModel {
	bgNbd: BgNbdParams & { logLikelihood: number };
	/** Null when the spend model could not be fitted (too few repeat buyers, or q ≤ 1). */
	gammaGamma: (GammaGammaParams & { logLikelihood: number }) | null;
	/** The day the model looks from (its T ends there), YYYY-MM-DD. */
	asOf: string;
	customers: number;
	repeatBuyers: number;
	/** Purchase days it used (the models count a day's purchases as one). */
	purchaseDays: number;
	fittedAt: number;
	/** Time the fit took, in ms. */
	fitMs: number;
}

export type ModelOutcome =
	{ fitted: ValueModel } | { tooFew: { repeatBuyers: number; customers: number } };

/** Each customer's (x, t_x, T) in weeks, as of the histories' day. */
export function modelRows(h: PurchaseHistories): BgNbdRow[] {
	return h.customers.map((customer) => ({
		x: h.repeatDays[customer]!,
		tx: (h.lastDay[customer]! - h.firstDay[customer]!) / DAYS_PER_UNIT,
		T: (h.asOfDay - h.firstDay[customer]!) / DAYS_PER_UNIT
	}));
}

/** Fits BG/NBD on every customer who bought and Gamma-Gamma on those who bought again. */
export function fitValueModel(h: PurchaseHistories, asOf: string, now: number): ModelOutcome {
	const started = performance.now();
	const rows = modelRows(h);
	const repeat = h.customers.filter((customer) => h.repeatDays[customer]! > 0);
	if (repeat.length < MIN_REPEAT_BUYERS) {
		return { tooFew: { repeatBuyers: repeat.length, customers: rows.length } };
	}
	const bgNbd = fitBgNbd(rows);
	// Spend in currency units, not cents: the fit's γ then reads like the paper's.
	const spend = fitGammaGamma(
		repeat.map((customer) => ({
			x: h.repeatDays[customer]!,
			mean: h.repeatCents[customer]! / h.repeatDays[customer]! / 100
		}))
	);
	let purchaseDays = 0;
	for (const row of rows) purchaseDays += row.x + 1;
	return {
		fitted: {
			bgNbd,
			gammaGamma: spend.q > 1 && Number.isFinite(spend.logLikelihood) ? spend : null,
			asOf,
			customers: rows.length,
			repeatBuyers: repeat.length,
			purchaseDays,
			fittedAt: now,
			fitMs: performance.now() - started
		}
	};
}

export interface ModelPredictions {
	probabilityAlive: number;
	/** Expected purchase days in the next 30, 90 and 365 days. */
	next30: number;
	next90: number;
	next365: number;
	/** Gamma-Gamma's expected average purchase, in cents; null without the spend model. */
	expectedAverageCents: number | null;
	/** The next 12 months' expected spend, discounted monthly, in cents. */
	value12Cents: number;
}

/** One customer's predictions from the fitted models. */
export function modelPredictions(
	model: ValueModel,
	c: {
		x: number;
		firstDay: number;
		lastDay: number;
		asOfDay: number;
		repeatMeanCents: number;
		averageCents: number;
		monthlyDiscount: number;
	}
): ModelPredictions {
	const params = model.bgNbd;
	const tx = (c.lastDay - c.firstDay) / DAYS_PER_UNIT;
	const T = (c.asOfDay - c.firstDay) / DAYS_PER_UNIT;
	const expected = (days: number) =>
		conditionalExpectedPurchases(params, days / DAYS_PER_UNIT, c.x, tx, T);
	const expectedAverageCents =
		model.gammaGamma === null
			? null
			: 100 * conditionalExpectedAverage(model.gammaGamma, c.x, c.repeatMeanCents / 100);
	const perPurchase = expectedAverageCents ?? c.averageCents;
	let value12 = 0;
	let before = 0;
	for (let month = 1; month <= 12; month++) {
		const upTo = expected(month * DAYS_PER_MONTH);
		value12 += ((upTo - before) * perPurchase) / Math.pow(1 + c.monthlyDiscount, month);
		before = upTo;
	}
	return {
		probabilityAlive: probabilityAlive(params, c.x, tx, T),
		next30: expected(30),
		next90: expected(90),
		next365: expected(365),
		expectedAverageCents,
		value12Cents: value12
	};
}
