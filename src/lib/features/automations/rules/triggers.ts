import { addDays, calendarDaysBetween, localDateKey } from '../../../domain/dates';
import { customerOccasions } from '../../care/rules/occasions';
import type { Trigger } from './automations';

/**
 * When a trigger fires for a customer. Kept apart from the rules' shapes: it needs the lunar
 * calendar (birthdays kept in 农历), which loads with a run's plan, not with the worker.
 */

/** Occasions up to this many days back are still acted on: a shop closed for a week misses none. */
export const CATCH_UP_DAYS = 7;

/** What a trigger looks at of one customer. */
export interface AutomationFacts {
	id: string;
	createdAt: number;
	/** Came in an import or with the demo shop rather than walking in: never a new customer. */
	broughtIn?: boolean;
	birthday: string;
	birthdayCalendar: '' | 'lunar';
	lastPurchaseAt: number | null;
	/** Whether their own interval reading says high churn risk as of a day (see churn.ts). */
	highRiskOn?: (day: string) => boolean;
	/** Tier changes (to: index), when loyalty is on. */
	tierChanges?: readonly { at: number; from: number; to: number }[];
	/** Points expiring, by the day they go. */
	expiring?: readonly { at: number; points: number }[];
}

/** The days from `today - CATCH_UP_DAYS` to `today`. */
function catchUp(today: string): string[] {
	return Array.from({ length: CATCH_UP_DAYS + 1 }, (_, i) => addDays(today, i - CATCH_UP_DAYS));
}

/**
 * The occasion (a day, YYYY-MM-DD) on which `trigger` fires for this customer, if it fired
 * today or in the catch-up days before; null when it did not. `tierIndex` is the index of the
 * trigger's tier, -1 when the shop has no such tier.
 */
export function triggerOccasion(
	trigger: Trigger,
	facts: AutomationFacts,
	today: string,
	tierIndex = -1
): string | null {
	const window = catchUp(today);
	const inWindow = (day: string) => day >= window[0]! && day <= today;
	switch (trigger.kind) {
		case 'birthdayIn': {
			if (!facts.birthday) return null;
			for (const day of [...window].reverse()) {
				const birthday = addDays(day, trigger.days);
				const found = customerOccasions(
					{ ...facts, lastPurchaseAt: null, createdAt: 0 },
					birthday,
					birthday,
					0
				);
				if (found.some((occasion) => occasion.kind === 'birthday')) return birthday;
			}
			return null;
		}
		case 'afterPurchase': {
			if (facts.lastPurchaseAt === null) return null;
			const bought = localDateKey(facts.lastPurchaseAt);
			return inWindow(addDays(bought, trigger.days)) ? bought : null;
		}
		case 'noPurchaseFor': {
			if (facts.lastPurchaseAt === null) return null;
			const bought = localDateKey(facts.lastPurchaseAt);
			const due = addDays(bought, Math.max(1, trigger.days));
			// Once per lapse: the occasion is the last purchase, whenever the rule first sees it.
			return due <= today ? bought : null;
		}
		case 'becameHighRisk': {
			// Once per lapse: the occasion is the last purchase before the customer drifted away.
			if (!facts.highRiskOn || facts.lastPurchaseAt === null) return null;
			return facts.highRiskOn(today) ? `risk-${localDateKey(facts.lastPurchaseAt)}` : null;
		}
		case 'reachedTier': {
			if (tierIndex < 0) return null;
			const reached = (facts.tierChanges ?? []).filter(
				(change) => change.from < tierIndex && change.to >= tierIndex
			);
			const latest = reached.at(-1);
			if (!latest) return null;
			const day = localDateKey(latest.at);
			return inWindow(day) ? day : null;
		}
		case 'pointsExpiring': {
			for (const lot of facts.expiring ?? []) {
				const last = localDateKey(lot.at - 1);
				if (
					last >= today &&
					calendarDaysBetween(Date.parse(`${today}T12:00:00`), Date.parse(`${last}T12:00:00`)) <=
						trigger.days
				)
					return last;
			}
			return null;
		}
		case 'newCustomer': {
			if (facts.createdAt <= 0 || facts.broughtIn) return null;
			const day = localDateKey(facts.createdAt);
			return inWindow(day) ? day : null;
		}
	}
}
