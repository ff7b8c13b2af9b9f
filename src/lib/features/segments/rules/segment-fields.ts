import { INTERACTION_KINDS } from '../../activity/rules/activity-fields';
import type { CustomFieldDef } from '../../custom-fields/rules/custom-fields';
import {
	CONSENT_STATES,
	CUSTOMER_SOURCES,
	GENDERS,
	LIFECYCLE_STAGES
} from '../../customers/rules/customer';
import type { FieldType } from './segment';
import { RFM_SEGMENTS } from '../../value/rules/rfm';
import { RISK_LEVELS } from '../../value/rules/churn';

/** What a condition can look at, grouped as the editor lists them. */
export interface SegmentField {
	id: string;
	type: FieldType;
	group: 'customer' | 'metrics' | 'behaviour' | 'value' | 'custom';
	/** The values of a choice, in order ('' = not given). */
	options?: readonly string[];
	/** A shop's own field: its labels. */
	custom?: Pick<CustomFieldDef, 'labelEn' | 'labelZh'>;
}

export const TEXT_FIELDS = [
	'name',
	'phone',
	'email',
	'wechat',
	'company',
	'occupation',
	'province',
	'city',
	'district',
	'street',
	'notes'
] as const;

/**
 * Customer value's scores (see features/value): worked out when a segment asks for them, as of
 * the day it is counted, and never stored.
 */
export const VALUE_FIELDS: SegmentField[] = [
	{ id: 'rfmSegment', type: 'choice', group: 'value', options: RFM_SEGMENTS },
	{ id: 'abcClass', type: 'choice', group: 'value', options: ['A', 'B', 'C'] },
	{ id: 'churnRisk', type: 'choice', group: 'value', options: RISK_LEVELS },
	{ id: 'probabilityAlive', type: 'number', group: 'value' },
	{ id: 'predictedValue', type: 'money', group: 'value' },
	{ id: 'nextExpectedPurchase', type: 'date', group: 'value' }
];

const BUILT_IN: SegmentField[] = [
	...TEXT_FIELDS.map((id) => ({ id, type: 'text' as const, group: 'customer' as const })),
	{ id: 'stage', type: 'choice', group: 'customer', options: LIFECYCLE_STAGES },
	{ id: 'source', type: 'choice', group: 'customer', options: [...CUSTOMER_SOURCES, ''] },
	{ id: 'gender', type: 'choice', group: 'customer', options: [...GENDERS, ''] },
	{ id: 'consent', type: 'choice', group: 'customer', options: CONSENT_STATES },
	{ id: 'tag', type: 'tags', group: 'customer' },
	{ id: 'birthdayMonth', type: 'month', group: 'customer' },
	{ id: 'createdAt', type: 'date', group: 'customer' },
	{ id: 'totalSpent', type: 'money', group: 'metrics' },
	{ id: 'purchaseCount', type: 'number', group: 'metrics' },
	{ id: 'averageOrder', type: 'money', group: 'metrics' },
	{ id: 'firstPurchase', type: 'date', group: 'metrics' },
	{ id: 'lastPurchase', type: 'date', group: 'metrics' },
	{ id: 'daysSinceLastPurchase', type: 'days', group: 'metrics' },
	{ id: 'daysSinceLastContact', type: 'days', group: 'metrics' },
	{ id: 'boughtProduct', type: 'product', group: 'behaviour' },
	{ id: 'boughtCategory', type: 'category', group: 'behaviour' },
	{ id: 'spentInPeriod', type: 'spent', group: 'behaviour' },
	{ id: 'hadInteraction', type: 'interaction', group: 'behaviour', options: INTERACTION_KINDS },
	...VALUE_FIELDS
];

export const CUSTOM_PREFIX = 'custom:';

/** Every field a condition can use: the built-in ones, then the shop's own (not removed). */
export function segmentFields(customDefs: readonly CustomFieldDef[]): SegmentField[] {
	const custom = customDefs.map((def): SegmentField => {
		const base = { id: `${CUSTOM_PREFIX}${def.id}`, group: 'custom' as const, custom: def };
		switch (def.type) {
			case 'number':
				return { ...base, type: 'number' };
			case 'date':
				return { ...base, type: 'date' };
			case 'choice':
				return { ...base, type: 'choice', options: [...def.options, ''] };
			case 'multiChoice':
				return { ...base, type: 'multiChoice', options: def.options };
			case 'yesNo':
				return { ...base, type: 'choice', options: ['true', 'false', ''] };
			default:
				return { ...base, type: 'text' };
		}
	});
	return [...BUILT_IN, ...custom];
}
