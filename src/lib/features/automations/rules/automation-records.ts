/**
 * What a stored automation is: its triggers, actions and shape. Kept apart from the rules so
 * the workspace's first load (which reads every kind of record) carries only these.
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
