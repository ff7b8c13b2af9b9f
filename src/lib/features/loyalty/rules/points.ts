import type { LoyaltySettings, PointsRounding } from './loyalty-settings';

/**
 * Points earned and redeemed: pure rules over integer cents and whole points. Rates and
 * multipliers are kept to hundredths (see readLoyaltySettings), so the arithmetic is done in
 * whole numbers (BigInt, since cents × rates can pass 2^53) and rounds exactly as the shop
 * chose, never by a float's accident (249.99999 rounded up is 250, not 251).
 */

/** The earn rule an entry was made with, kept in the entry so a later edit earns alike. */
export interface EarnRule {
	pointsPerUnit: number;
	rounding: PointsRounding;
	capPerOrder: number;
	/** The tier's and the birthday month's multipliers, multiplied. */
	multiplier: number;
}

export function earnRuleOf(
	settings: LoyaltySettings,
	tierMultiplier: number,
	inBirthdayMonth: boolean
): EarnRule {
	const birthday = inBirthdayMonth ? settings.earn.birthdayMultiplier : 1;
	return {
		pointsPerUnit: settings.earn.pointsPerUnit,
		rounding: settings.earn.rounding,
		capPerOrder: settings.earn.capPerOrder,
		multiplier: Math.round(tierMultiplier * birthday * 10_000) / 10_000
	};
}

const hundredths = (value: number) => BigInt(Math.round(value * 100));

function divide(numerator: bigint, denominator: bigint, rounding: PointsRounding): bigint {
	const quotient = numerator / denominator;
	const remainder = numerator % denominator;
	if (remainder === 0n) return quotient;
	if (rounding === 'up') return quotient + 1n;
	if (rounding === 'nearest') return remainder * 2n >= denominator ? quotient + 1n : quotient;
	return quotient;
}

/** Points a purchase of `paidCents` earns under `rule` (never below 0, at most the cap). */
export function pointsEarned(paidCents: number, rule: EarnRule): number {
	if (!(paidCents > 0) || !(rule.pointsPerUnit > 0)) return 0;
	// cents/100 units × rate/100 × multiplier (in ten-thousandths)
	const numerator =
		BigInt(Math.round(paidCents)) *
		hundredths(rule.pointsPerUnit) *
		BigInt(Math.round(rule.multiplier * 10_000));
	const points = Number(divide(numerator, 100n * 100n * 10_000n, rule.rounding));
	return rule.capPerOrder > 0 ? Math.min(points, rule.capPerOrder) : points;
}

/** What redeeming `points` takes off a purchase, in cents. */
export function redemptionValueCents(points: number, settings: LoyaltySettings): number {
	return points * settings.redeem.centsPerPoint;
}

/**
 * The most points one purchase can redeem: no more than the balance, and no more than the
 * amount left to pay after other discounts is worth (a purchase is never paid below zero).
 */
export function mostRedeemable(
	balance: number,
	payableCents: number,
	settings: LoyaltySettings
): number {
	if (balance <= 0 || payableCents <= 0) return 0;
	return Math.max(0, Math.min(balance, Math.floor(payableCents / settings.redeem.centsPerPoint)));
}

export type RedemptionProblem = 'notEnoughPoints' | 'belowMinimum' | 'moreThanPayable' | 'off';

/** Why `points` cannot be redeemed on a purchase, or null when they can. */
export function redemptionProblem(
	points: number,
	balance: number,
	payableCents: number,
	settings: LoyaltySettings
): RedemptionProblem | null {
	if (points <= 0) return null;
	if (!settings.enabled) return 'off';
	if (points < settings.redeem.minPoints) return 'belowMinimum';
	if (points > balance) return 'notEnoughPoints';
	if (redemptionValueCents(points, settings) > payableCents) return 'moreThanPayable';
	return null;
}
