import type { TierRules } from './loyalty-settings';

/**
 * Membership tiers worked out from what a customer did, never stored: as of any day the
 * customer qualifies for the highest tier whose threshold their measure reaches (lifetime
 * points, or spend or purchases in the rolling window). Qualifying for a higher tier moves them
 * up at once; no longer qualifying starts a keeping period, after which they drop one tier (and
 * one more after each further period, while they still fall short). Every device works out
 * the same tiers from the same records, so tiers need no sync of their own.
 */

/** One change of the measure: a purchase counted (+) or leaving the window (−), points earned. */
export interface MeasureStep {
	at: number;
	delta: number;
}

export interface TierChange {
	at: number;
	/** Tier indexes into the shop's list; -1 = no tier. */
	from: number;
	to: number;
}

export interface TierStanding {
	/** Index into the shop's tiers; -1 = none. */
	tier: number;
	/** The measure now: points, cents or purchases. */
	measure: number;
	/** The tier the measure qualifies for now (below `tier` during a keeping period). */
	qualifies: number;
	/** When the customer drops a tier unless they qualify again; null when not falling short. */
	dropsAt: number | null;
	changes: TierChange[];
}

/** `at` moved by whole calendar months in local time, the day kept within the month. */
export function addMonthsMs(at: number, months: number): number {
	const date = new Date(at);
	const target = new Date(date.getFullYear(), date.getMonth() + months, 1);
	const lastDay = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
	return new Date(
		target.getFullYear(),
		target.getMonth(),
		Math.min(date.getDate(), lastDay),
		date.getHours(),
		date.getMinutes(),
		date.getSeconds(),
		date.getMilliseconds()
	).getTime();
}

/**
 * The steps of a windowed measure: each item counts from its moment until it leaves the
 * window `windowMonths` later (0 = it never leaves).
 */
export function windowedSteps(
	items: readonly { at: number; amount: number }[],
	windowMonths: number
): MeasureStep[] {
	const steps: MeasureStep[] = [];
	for (const item of items) {
		steps.push({ at: item.at, delta: item.amount });
		if (windowMonths > 0)
			steps.push({ at: addMonthsMs(item.at, windowMonths), delta: -item.amount });
	}
	return steps;
}

function qualifyingTier(measure: number, thresholds: readonly number[]): number {
	let tier = -1;
	for (let i = 0; i < thresholds.length; i++) if (measure >= thresholds[i]!) tier = i;
	return tier;
}

/** Where a customer stands as of `asOf`, with every tier change up to then. */
export function tierStanding(
	steps: readonly MeasureStep[],
	rules: Pick<TierRules, 'keepMonths' | 'list'>,
	asOf: number
): TierStanding {
	const thresholds = rules.list.map((tier) => tier.threshold);
	const sorted = steps.filter((step) => step.at <= asOf).sort((a, b) => a.at - b.at);
	const changes: TierChange[] = [];
	let tier = -1;
	let measure = 0;
	let qualifies = qualifyingTier(0, thresholds);
	let belowSince: number | null = null;
	if (qualifies > -1) tier = qualifies;
	const dropAt = () =>
		belowSince === null || rules.keepMonths === 0
			? Infinity
			: addMonthsMs(belowSince, rules.keepMonths);

	let i = 0;
	for (;;) {
		const nextStep = i < sorted.length ? sorted[i]!.at : Infinity;
		const nextDrop = dropAt();
		if (nextDrop <= nextStep && nextDrop <= asOf) {
			changes.push({ at: nextDrop, from: tier, to: tier - 1 });
			tier -= 1;
			belowSince = qualifies >= tier ? null : nextDrop;
			continue;
		}
		if (nextStep === Infinity) break;
		const at = nextStep;
		while (i < sorted.length && sorted[i]!.at === at) measure += sorted[i++]!.delta;
		qualifies = qualifyingTier(measure, thresholds);
		if (qualifies >= tier) {
			if (qualifies > tier) changes.push({ at, from: tier, to: qualifies });
			tier = qualifies;
			belowSince = null;
		} else if (rules.keepMonths === 0) {
			changes.push({ at, from: tier, to: qualifies });
			tier = qualifies;
		} else if (belowSince === null) {
			belowSince = at;
		}
	}
	return {
		tier,
		measure,
		qualifies,
		dropsAt: belowSince === null ? null : dropAt(),
		changes
	};
}

/** What is missing to reach the next tier above `tier`, or null at the top. */
export function nextTier(
	standing: Pick<TierStanding, 'tier' | 'measure'>,
	rules: Pick<TierRules, 'list'>
): { index: number; missing: number } | null {
	const index = standing.tier + 1;
	const next = rules.list[index];
	if (!next) return null;
	return { index, missing: Math.max(0, next.threshold - standing.measure) };
}
