import { addDays, calendarDaysBetween, isDateKey, localDateKey } from '../../../domain/dates';
import { customerOccasions } from '../../care/rules/occasions';

/**
 * Automations: when a trigger happens to a customer (optionally one of a saved segment), do
 * the rule's actions. Pure rules: what a rule may be, the occasion a trigger finds for a
 * customer on a day, and the id of what it does. Every result's id is made of rule, customer
 * and occasion, so devices that run the same rule on the same day write the same records, and
 * after they sync there is one task, one coupon, one points entry.
 */
export const TRIGGER_KINDS = [
	'birthdayIn',
	'afterPurchase',
	'noPurchaseFor',
	'becameHighRisk',
	'reachedTier',
	'pointsExpiring',
	'newCustomer'
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export interface Trigger {
	kind: TriggerKind;
	/** Days for birthdayIn, afterPurchase, noPurchaseFor and pointsExpiring. */
	days: number;
	/** For reachedTier: the tier's id. */
	tierId: string;
}

export const ACTION_KINDS = [
	'task',
	'addTag',
	'removeTag',
	'coupon',
	'points',
	'greeting'
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface Action {
	kind: ActionKind;
	/** task: its title; addTag/removeTag: the tag; greeting: the template id. */
	text: string;
	/** task: the member it is for (empty = anyone); coupon: the campaign id. */
	ref: string;
	/** points: how many. */
	points: number;
}

export interface AutomationFields {
	name: string;
	enabled: boolean;
	trigger: Trigger;
	/** A saved segment the customer must match; empty = every customer. */
	segmentId: string;
	actions: Action[];
}

export interface AutomationRow extends AutomationFields {
	id: string;
	createdAt: number;
	updatedAt: number;
}

export const MAX_ACTIONS = 5;
/** Occasions up to this many days back are still acted on: a shop closed for a week misses none. */
export const CATCH_UP_DAYS = 7;

export type AutomationErrors = Partial<Record<'name' | 'trigger' | 'actions', string>>;

export function validateAutomation(fields: AutomationFields): AutomationErrors {
	const errors: AutomationErrors = {};
	const name = fields.name.trim();
	if (!name) errors.name = 'validation.required';
	else if (name.length > 80) errors.name = 'validation.tooLong';
	const trigger = fields.trigger;
	if (!TRIGGER_KINDS.includes(trigger.kind)) errors.trigger = 'validation.choiceInvalid';
	else if (
		['birthdayIn', 'afterPurchase', 'noPurchaseFor', 'pointsExpiring'].includes(trigger.kind) &&
		!(Number.isInteger(trigger.days) && trigger.days >= 0 && trigger.days <= 3650)
	)
		errors.trigger = 'automations.errors.days';
	else if (trigger.kind === 'reachedTier' && !trigger.tierId)
		errors.trigger = 'automations.errors.tier';
	if (fields.actions.length === 0) errors.actions = 'automations.errors.noAction';
	else if (fields.actions.length > MAX_ACTIONS) errors.actions = 'automations.errors.tooMany';
	else
		for (const action of fields.actions) {
			if (!ACTION_KINDS.includes(action.kind)) errors.actions = 'validation.choiceInvalid';
			else if (
				['task', 'addTag', 'removeTag', 'greeting'].includes(action.kind) &&
				!action.text.trim()
			)
				errors.actions = 'automations.errors.actionText';
			else if (action.kind === 'coupon' && !action.ref)
				errors.actions = 'automations.errors.campaign';
			else if (
				action.kind === 'points' &&
				!(Number.isInteger(action.points) && action.points !== 0 && Math.abs(action.points) <= 1e6)
			)
				errors.actions = 'automations.errors.points';
			else if (action.text.length > 200) errors.actions = 'validation.tooLong';
		}
	return errors;
}

/** What a trigger looks at of one customer. */
export interface AutomationFacts {
	id: string;
	createdAt: number;
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
			if (!isDateKey(facts.birthday)) return null;
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
			if (facts.createdAt <= 0) return null;
			const day = localDateKey(facts.createdAt);
			return inWindow(day) ? day : null;
		}
	}
}

/** The id of what a rule did for a customer on an occasion: the same on every device. */
export const resultId = (ruleId: string, customerId: string, occasion: string) =>
	`${ruleId}.${customerId}.${occasion}`;
