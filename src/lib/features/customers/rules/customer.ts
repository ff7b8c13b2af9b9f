import type { CustomValues } from '../../custom-fields/rules/custom-fields';

export const LIFECYCLE_STAGES = [
	'lead',
	'prospect',
	'new',
	'active',
	'vip',
	'at_risk',
	'lost'
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const CUSTOMER_SOURCES = [
	'walk_in',
	'referral',
	'online',
	'phone',
	'event',
	'other'
] as const;
export type CustomerSource = (typeof CUSTOMER_SOURCES)[number];

export const GENDERS = ['female', 'male', 'other'] as const;

export const CONSENT_STATES = ['unknown', 'yes', 'no'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const CONSENT_METHODS = [
	'in_person',
	'written',
	'online',
	'wechat',
	'phone',
	'kiosk',
	'other'
] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export type Gender = (typeof GENDERS)[number];

/** A birthday kept in the lunar calendar (农历); empty = the Gregorian calendar. */
export const BIRTHDAY_CALENDARS = ['lunar'] as const;
export type BirthdayCalendar = (typeof BIRTHDAY_CALENDARS)[number];

/** What a person can type into the customer form. Empty strings mean "not given". */
export interface CustomerFields {
	name: string;
	phone: string;
	/** More phone numbers, separated by commas (a contact card often has several). */
	otherPhones: string;
	email: string;
	/** More email addresses, separated by commas. */
	otherEmails: string;
	wechat: string;
	gender: Gender | '';
	/** ISO date, YYYY-MM-DD; with `birthdayCalendar` lunar, the lunar year, month and day. */
	birthday: string;
	birthdayCalendar: BirthdayCalendar | '';
	province: string;
	city: string;
	district: string;
	street: string;
	company: string;
	occupation: string;
	tags: string[];
	stage: LifecycleStage;
	source: CustomerSource | '';
	notes: string;
	/** Marketing consent (营销许可): whether the customer agreed to hear from the shop. */
	consent: ConsentState;
	/** YYYY-MM-DD the consent was given or refused. */
	consentDate: string;
	consentMethod: ConsentMethod | '';
	/** The shop's own fields (defined in Settings), by field id. */
	custom: CustomValues;
}

export type CustomerFieldName = keyof CustomerFields;

/**
 * Every field but the shop's own, in the order the form shows them. Exports, imports and the
 * merge dialog all follow it.
 */
export const CUSTOMER_FIELD_ORDER = [
	'name',
	'phone',
	'otherPhones',
	'email',
	'otherEmails',
	'wechat',
	'gender',
	'birthday',
	'birthdayCalendar',
	'province',
	'city',
	'district',
	'street',
	'company',
	'occupation',
	'tags',
	'stage',
	'source',
	'notes',
	'consent',
	'consentDate',
	'consentMethod'
] as const satisfies readonly CustomerFieldName[];
export type OrderedFieldName = (typeof CUSTOMER_FIELD_ORDER)[number];

/** Fields holding several values, which merges and imports combine rather than choose. */
export const LIST_FIELDS = ['otherPhones', 'otherEmails', 'tags'] as const;
export type SingleValueField = Exclude<OrderedFieldName, (typeof LIST_FIELDS)[number]>;

/** The fields that hold one value, in form order. */
export const SINGLE_VALUE_FIELDS = CUSTOMER_FIELD_ORDER.filter(
	(field): field is SingleValueField => !(LIST_FIELDS as readonly string[]).includes(field)
);

/** A stored customer: the fields plus who made and last changed it, and when (ms since epoch). */
export interface CustomerRecord extends CustomerFields {
	id: string;
	createdAt: number;
	createdBy: string;
	updatedAt: number;
	updatedBy: string;
}

/** Fields whose value is free text (the rest are choices or lists). */
const NON_TEXT_FIELDS = [
	'gender',
	'birthdayCalendar',
	'tags',
	'stage',
	'source',
	'consent',
	'consentMethod'
] as const;
export type TextFieldName = Exclude<OrderedFieldName, (typeof NON_TEXT_FIELDS)[number]>;
export const TEXT_FIELDS = CUSTOMER_FIELD_ORDER.filter(
	(field): field is TextFieldName => !(NON_TEXT_FIELDS as readonly string[]).includes(field)
);

export function emptyCustomerFields(): CustomerFields {
	return {
		name: '',
		phone: '',
		otherPhones: '',
		email: '',
		otherEmails: '',
		wechat: '',
		gender: '',
		birthday: '',
		birthdayCalendar: '',
		province: '',
		city: '',
		district: '',
		street: '',
		company: '',
		occupation: '',
		tags: [],
		stage: 'lead',
		source: '',
		notes: '',
		consent: 'unknown',
		consentDate: '',
		consentMethod: '',
		custom: {}
	};
}

/**
 * Validation messages are i18n keys (under `validation.`), so the UI can show them in the
 * user's language next to the field.
 */
export type ValidationMessageKey =
	| 'validation.nameRequired'
	| 'validation.required'
	| 'validation.tooLong'
	| 'validation.emailInvalid'
	| 'validation.phoneCharacters'
	| 'validation.phoneLength'
	| 'validation.phoneMobile'
	| 'validation.birthdayInvalid'
	| 'validation.birthdayFuture'
	| 'validation.dateInvalid'
	| 'validation.choiceInvalid'
	| 'validation.tagInvalid';

export type FieldErrors = Partial<
	Record<CustomerFieldName | `custom.${string}`, ValidationMessageKey>
>;

/** What a customer command answers: its value, or why it was refused. */
export type CommandResult<T> =
	| { ok: true; value: T }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	| { ok: false; reason: 'notFound' };

export type ValidationResult =
	{ ok: true; value: CustomerFields } | { ok: false; errors: FieldErrors };

/** The parts of a comma- (or semicolon-, or 、-) separated list, trimmed, without empties. */
export function splitList(value: string): string[] {
	return value
		.split(/[,;，；、]/)
		.map((part) => part.trim())
		.filter(Boolean);
}

const FIELD_NAMES = Object.keys(emptyCustomerFields()) as CustomerFieldName[];

/** Just the editable fields of a record or row (drops ids, stamps and derived keys). */
export function pickCustomerFields(source: CustomerFields): CustomerFields {
	const fields = emptyCustomerFields();
	for (const key of FIELD_NAMES) Object.assign(fields, { [key]: source[key] });
	return { ...fields, tags: [...fields.tags], custom: { ...(source.custom ?? {}) } };
}

export function sameCustomValues(a: CustomValues, b: CustomValues): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	for (const key of keys) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return false;
	return true;
}

/** The fields whose value differs, so a save sends only what this user changed. */
export function changedCustomerFields(
	before: CustomerFields,
	after: CustomerFields
): Partial<CustomerFields> {
	const patch: Partial<CustomerFields> = {};
	for (const key of FIELD_NAMES) {
		const same =
			key === 'tags'
				? before.tags.length === after.tags.length &&
					before.tags.every((tag, i) => tag === after.tags[i])
				: key === 'custom'
					? sameCustomValues(before.custom, after.custom)
					: before[key] === after[key];
		if (!same) Object.assign(patch, { [key]: after[key] });
	}
	return patch;
}
