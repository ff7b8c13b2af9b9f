import { isDateKey } from '../../../domain/dates';

export const CUSTOM_FIELD_TYPES = [
	'text',
	'number',
	'date',
	'choice',
	'multiChoice',
	'yesNo'
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A value as stored: text and dates as strings, numbers, yes/no as booleans, multiple choice as a list. */
export type CustomValue = string | number | boolean | string[];
export type CustomValues = Record<string, CustomValue>;

export interface CustomFieldDef {
	id: string;
	labelEn: string;
	labelZh: string;
	type: CustomFieldType;
	/** The choices, for choice and multiChoice. */
	options: string[];
	showInList: boolean;
	/** Display order (creation time). */
	order: number;
}

export type CustomFieldDefInput = Omit<CustomFieldDef, 'id' | 'order'>;

export type CustomFieldMessageKey =
	| 'validation.labelRequired'
	| 'validation.tooLong'
	| 'validation.choiceInvalid'
	| 'validation.optionsRequired'
	| 'validation.numberInvalid'
	| 'validation.typeLocked'
	| 'validation.dateInvalid';

export type DefErrors = Partial<Record<keyof CustomFieldDefInput, CustomFieldMessageKey>>;

/** The prefix under which a customer's Y.Map keeps custom values: `cf:<field id>`. */
export const CUSTOM_KEY_PREFIX = 'cf:';

function cleanOptions(options: string[]): string[] {
	return [...new Set(options.map((option) => option.trim()).filter(Boolean))];
}

export function validateFieldDef(
	input: CustomFieldDefInput
): { ok: true; value: CustomFieldDefInput } | { ok: false; errors: DefErrors } {
	const value: CustomFieldDefInput = {
		labelEn: input.labelEn.trim(),
		labelZh: input.labelZh.trim(),
		type: input.type,
		options:
			input.type === 'choice' || input.type === 'multiChoice' ? cleanOptions(input.options) : [],
		showInList: input.showInList
	};
	const errors: DefErrors = {};
	if (value.labelEn === '' && value.labelZh === '') errors.labelEn = 'validation.labelRequired';
	if (value.labelEn.length > 60) errors.labelEn = 'validation.tooLong';
	if (value.labelZh.length > 60) errors.labelZh = 'validation.tooLong';
	if (!(CUSTOM_FIELD_TYPES as readonly string[]).includes(value.type))
		errors.type = 'validation.choiceInvalid';
	if ((value.type === 'choice' || value.type === 'multiChoice') && value.options.length === 0) {
		errors.options = 'validation.optionsRequired';
	}
	return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** The label in the user's language, falling back to the other one. */
export function fieldLabel(
	def: Pick<CustomFieldDef, 'labelEn' | 'labelZh'>,
	locale: string
): string {
	return locale.startsWith('zh') ? def.labelZh || def.labelEn : def.labelEn || def.labelZh;
}

/**
 * Turns what a form field holds into a stored value. Returns null for "no value", or an error
 * key when the text cannot be a value of this field.
 */
export function parseCustomValue(
	def: CustomFieldDef,
	raw: string | string[] | boolean | null
): { ok: true; value: CustomValue | null } | { ok: false; error: CustomFieldMessageKey } {
	if (raw === null) return { ok: true, value: null };
	switch (def.type) {
		case 'yesNo':
			return typeof raw === 'boolean'
				? { ok: true, value: raw }
				: { ok: false, error: 'validation.choiceInvalid' };
		case 'multiChoice': {
			const list = Array.isArray(raw) ? raw : [];
			if (list.some((option) => !def.options.includes(option)))
				return { ok: false, error: 'validation.choiceInvalid' };
			return { ok: true, value: list.length > 0 ? list : null };
		}
		default: {
			if (typeof raw !== 'string') return { ok: false, error: 'validation.choiceInvalid' };
			const text = raw.trim();
			if (text === '') return { ok: true, value: null };
			if (def.type === 'number') {
				const number = Number(text.replace(/,/g, ''));
				return Number.isFinite(number)
					? { ok: true, value: number }
					: { ok: false, error: 'validation.numberInvalid' };
			}
			if (def.type === 'date')
				return isDateKey(text)
					? { ok: true, value: text }
					: { ok: false, error: 'validation.dateInvalid' };
			if (def.type === 'choice') {
				return def.options.includes(text)
					? { ok: true, value: text }
					: { ok: false, error: 'validation.choiceInvalid' };
			}
			return text.length > 500
				? { ok: false, error: 'validation.tooLong' }
				: { ok: true, value: text };
		}
	}
}

/** Whether a stored value matches a filter value chosen in the list. */
export function customValueMatches(value: CustomValue | undefined, wanted: string): boolean {
	if (value === undefined) return false;
	if (Array.isArray(value)) return value.includes(wanted);
	if (typeof value === 'boolean') return String(value) === wanted;
	return String(value) === wanted;
}

/** A stored value as text for the profile and list, e.g. ["Dry", "Oily"] → "Dry, Oily". */
export function formatCustomValue(
	value: CustomValue | undefined,
	yesNo: { yes: string; no: string },
	formatDate: (key: string) => string
): string {
	if (value === undefined) return '';
	if (Array.isArray(value)) return value.join(', ');
	if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
	if (typeof value === 'string' && isDateKey(value)) return formatDate(value);
	return String(value);
}
