import type { LifecycleStage } from './customer';
import { calendarDaysBetween } from '../../../domain/dates';

/** Per-customer figures derived from purchases and contacts; kept in the projection, not in Yjs. */
export interface CustomerMetrics {
	totalSpentCents: number;
	purchaseCount: number;
	averageOrderCents: number;
	firstPurchaseAt: number | null;
	lastPurchaseAt: number | null;
	lastContactAt: number | null;
	/** Median calendar days between purchase days (needs purchases on 2+ days). */
	usualIntervalDays: number | null;
}

export const EMPTY_METRICS: CustomerMetrics = {
	totalSpentCents: 0,
	purchaseCount: 0,
	averageOrderCents: 0,
	firstPurchaseAt: null,
	lastPurchaseAt: null,
	lastContactAt: null,
	usualIntervalDays: null
};

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * @param purchases each purchase's moment and total in cents
 * @param contactMoments every interaction's moment (a purchase counts as contact too)
 */
export function customerMetrics(
	purchases: readonly { at: number; totalCents: number }[],
	contactMoments: readonly number[]
): CustomerMetrics {
	if (purchases.length === 0 && contactMoments.length === 0) return EMPTY_METRICS;
	const moments = purchases.map((p) => p.at).sort((a, b) => a - b);
	let total = 0;
	for (const purchase of purchases) total += purchase.totalCents;
	// Between purchase days: a second purchase the same day (a forgotten item) is no rhythm.
	const gaps: number[] = [];
	for (let i = 1; i < moments.length; i++) {
		const days = calendarDaysBetween(moments[i - 1]!, moments[i]!);
		if (days > 0) gaps.push(days);
	}
	const lastPurchaseAt = moments.at(-1) ?? null;
	const lastInteraction = contactMoments.length > 0 ? Math.max(...contactMoments) : null;
	return {
		totalSpentCents: total,
		purchaseCount: purchases.length,
		// Rounded half up to whole cents; the exact total is kept in totalSpentCents.
		averageOrderCents: purchases.length > 0 ? Math.round(total / purchases.length) : 0,
		firstPurchaseAt: moments[0] ?? null,
		lastPurchaseAt,
		lastContactAt:
			lastInteraction === null ? lastPurchaseAt : Math.max(lastInteraction, lastPurchaseAt ?? 0),
		usualIntervalDays: gaps.length > 0 ? Math.max(1, Math.round(median(gaps))) : null
	};
}

/**
 * "Average order" as shown: a dash until the first purchase, since ¥0.00 would claim orders of
 * nothing (a purchase worth ¥0.00, a gift, still shows as one).
 */
export function averageOrderText(
	metrics: Pick<CustomerMetrics, 'purchaseCount' | 'averageOrderCents'>,
	money: (cents: number) => string
): string {
	return metrics.purchaseCount > 0 ? money(metrics.averageOrderCents) : '—';
}

export interface StageRules {
	/** Total spend from which a customer counts as VIP. */
	vipSpendCents: number;
	/** Silence after which a customer counts as lost. */
	lostAfterDays: number;
	/** A one-time buyer is at risk after this long without buying again. */
	newAtRiskAfterDays: number;
	/** A repeat buyer is at risk when this many usual intervals have passed. */
	overdueFactor: number;
}

export const DEFAULT_STAGE_RULES: StageRules = {
	vipSpendCents: 500_000,
	lostAfterDays: 365,
	newAtRiskAfterDays: 180,
	overdueFactor: 2
};

export type StageReason =
	| 'noContact'
	| 'noPurchase'
	| 'lost'
	| 'overdue'
	| 'oneTimeOverdue'
	| 'vip'
	| 'onePurchase'
	| 'repeat';

export interface StageSuggestion {
	stage: LifecycleStage;
	reason: StageReason;
	/** Numbers the explanation shows (days, intervals, amounts). */
	facts: { daysSinceLastPurchase?: number; usualIntervalDays?: number; vipSpendCents?: number };
}

/**
 * The lifecycle stage the numbers suggest, with the reason. First rule that holds wins:
 * no purchase and no contact → lead (what a new customer is saved as, so the two agree); in
 * contact but no purchase → prospect; silent past lostAfterDays → lost; overdue against the customer's own
 * usual interval (or, after one purchase, newAtRiskAfterDays) → at risk; spend ≥ VIP threshold →
 * VIP; one purchase → new; otherwise active.
 */
export function suggestStage(
	metrics: CustomerMetrics & { stage?: LifecycleStage },
	now: number,
	rules: StageRules = DEFAULT_STAGE_RULES
): StageSuggestion {
	if (metrics.purchaseCount === 0 || metrics.lastPurchaseAt === null) {
		if (metrics.lastContactAt === null) {
			// Nothing logged tells a lead from a prospect: one the shopkeeper chose stays.
			const stage = metrics.stage === 'prospect' ? 'prospect' : 'lead';
			return { stage, reason: 'noContact', facts: {} };
		}
		return { stage: 'prospect', reason: 'noPurchase', facts: {} };
	}
	const daysSinceLastPurchase = Math.max(0, calendarDaysBetween(metrics.lastPurchaseAt, now));
	if (daysSinceLastPurchase > rules.lostAfterDays) {
		return { stage: 'lost', reason: 'lost', facts: { daysSinceLastPurchase } };
	}
	if (metrics.usualIntervalDays !== null) {
		const overdueAfter = Math.max(30, metrics.usualIntervalDays * rules.overdueFactor);
		if (daysSinceLastPurchase > overdueAfter) {
			return {
				stage: 'at_risk',
				reason: 'overdue',
				facts: { daysSinceLastPurchase, usualIntervalDays: metrics.usualIntervalDays }
			};
		}
	} else if (daysSinceLastPurchase > rules.newAtRiskAfterDays) {
		return { stage: 'at_risk', reason: 'oneTimeOverdue', facts: { daysSinceLastPurchase } };
	}
	if (metrics.totalSpentCents >= rules.vipSpendCents) {
		return { stage: 'vip', reason: 'vip', facts: { vipSpendCents: rules.vipSpendCents } };
	}
	if (metrics.purchaseCount === 1) return { stage: 'new', reason: 'onePurchase', facts: {} };
	return { stage: 'active', reason: 'repeat', facts: {} };
}
