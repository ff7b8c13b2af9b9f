import {
	SINGLE_VALUE_FIELDS,
	splitList,
	type CustomerFields,
	type SingleValueField
} from '../../customers/rules/customer';

/** Fields a person picks between when two records disagree (lists are combined instead). */
export const PICKABLE_FIELDS = SINGLE_VALUE_FIELDS;
export type PickableField = SingleValueField;

/** `field` or `custom.<id>`; the value is which record's value to keep. */
export type MergeChoices = Record<string, 'kept' | 'other'>;

const isEmptyValue = (field: string, value: unknown) =>
	value === undefined ||
	value === '' ||
	(field === 'stage' && value === 'lead') ||
	(field === 'consent' && value === 'unknown');

/** The fields whose values differ, each defaulting to the kept record unless it has none. */
export function differingFields(kept: CustomerFields, other: CustomerFields): MergeChoices {
	const choices: MergeChoices = {};
	for (const field of PICKABLE_FIELDS) {
		// The calendar goes with the birthday it reads (a solar date read as lunar is wrong).
		if (field === 'birthdayCalendar') continue;
		const differs =
			kept[field] !== other[field] ||
			(field === 'birthday' && kept.birthdayCalendar !== other.birthdayCalendar);
		if (!differs) continue;
		choices[field] = isEmptyValue(field, kept[field]) ? 'other' : 'kept';
	}
	for (const id of new Set([...Object.keys(kept.custom), ...Object.keys(other.custom)])) {
		if (JSON.stringify(kept.custom[id]) === JSON.stringify(other.custom[id])) continue;
		choices[`custom.${id}`] = kept.custom[id] === undefined ? 'other' : 'kept';
	}
	return choices;
}

/** How the main phone and email relate to their "other" lists. */
const CONTACT_LISTS = [
	['phone', 'otherPhones'],
	['email', 'otherEmails']
] as const;

/**
 * The "other phones" (or emails) when two records come together: every value of either, once,
 * except the one chosen as main — so a merge or an import never loses a way to reach someone.
 * The first record's own list comes first, so an unchanged list stays unchanged.
 */
export function combinedContacts(
	first: CustomerFields,
	second: CustomerFields,
	main: Pick<CustomerFields, 'phone' | 'email'>
): Pick<CustomerFields, 'otherPhones' | 'otherEmails'> {
	const result = { otherPhones: '', otherEmails: '' };
	for (const [single, list] of CONTACT_LISTS) {
		const values = [first[list], first[single], second[single], second[list]].flatMap(splitList);
		result[list] = [...new Set(values)].filter((value) => value !== main[single]).join(', ');
	}
	return result;
}

/**
 * The surviving record's fields: each differing field from the record chosen; tags combined;
 * and every phone and email of both kept, the ones not chosen as main going to the "other"
 * lists, so merging never loses a way to reach the customer.
 */
export function mergedFields(
	kept: CustomerFields,
	other: CustomerFields,
	choices: MergeChoices
): CustomerFields {
	const result: CustomerFields = { ...kept, tags: [...kept.tags], custom: { ...kept.custom } };
	for (const [key, side] of Object.entries(choices)) {
		if (side !== 'other') continue;
		if (key.startsWith('custom.')) {
			const id = key.slice('custom.'.length);
			const value = other.custom[id];
			if (value === undefined) delete result.custom[id];
			else result.custom[id] = value;
		} else if (key !== 'birthdayCalendar') {
			Object.assign(result, { [key]: other[key as PickableField] });
			if (key === 'birthday') result.birthdayCalendar = other.birthdayCalendar;
		}
	}
	result.tags = [...new Set([...kept.tags, ...other.tags])];
	return { ...result, ...combinedContacts(kept, other, result) };
}
