/**
 * Automations: when a trigger happens to a customer (optionally one of a saved segment), do
 * the rule's actions. Pure rules: what a rule may be, the occasion a trigger finds for a
 * customer on a day, and the id of what it does. Every result's id is made of rule, customer
 * and occasion, so devices that run the same rule on the same day write the same records, and
 * after they sync there is one task, one coupon, one points entry.
 */
import { cleanTagName } from '../../tags/rules/tags';
import {
	ACTION_KINDS,
	MAX_ACTIONS,
	TRIGGER_KINDS,
	type AutomationFields
} from './automation-records';

export * from './automation-records';

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
	else if (trigger.kind === 'pointsExpiring' && trigger.days > 30)
		// Points are read 30 days ahead (PointsStanding.expiringSoon).
		errors.trigger = 'automations.errors.expiringDays';
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
			else if (
				(action.kind === 'addTag' || action.kind === 'removeTag') &&
				!cleanTagName(action.text).ok
			)
				errors.actions = 'automations.errors.tagName';
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

/** The id of what a rule did for a customer on an occasion: the same on every device. */
export const resultId = (ruleId: string, customerId: string, occasion: string) =>
	`${ruleId}.${customerId}.${occasion}`;
