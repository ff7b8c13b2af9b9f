import { fieldLabel } from '$lib/domain/custom-fields';
import type { ChangeValue, FieldChange } from '$lib/domain/field-changes';
import { formatDate, locale, t, type MessageKey } from '$lib/i18n/i18n.svelte';
import type { FieldDefRow } from '$lib/projection/db';

/** Fields whose stored value is a code that has its own translations. */
const CODED: Partial<Record<string, string>> = {
	stage: 'stage',
	gender: 'gender',
	source: 'source',
	consent: 'consent',
	consentMethod: 'consentMethod'
};

function valueText(field: string, value: ChangeValue): string {
	if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
		return t('timeline.empty_value');
	}
	if (Array.isArray(value)) return value.join(', ');
	if (typeof value === 'boolean') return value ? t('customFields.yes') : t('customFields.no');
	const group = CODED[field];
	if (group && typeof value === 'string') return t(`${group}.${value}` as MessageKey);
	if ((field === 'birthday' || field === 'consentDate') && typeof value === 'string') {
		return formatDate(Date.parse(`${value}T12:00:00`));
	}
	return String(value);
}

/** "Phone: 138 0013 8000 → 139 1111 2222", in the user's language. */
export function changeText(change: FieldChange, defs: readonly FieldDefRow[]): string {
	let field: string;
	if (change.field.startsWith('custom.')) {
		const def = defs.find((d) => d.id === change.field.slice('custom.'.length));
		field = def ? fieldLabel(def, locale.current) : t('timeline.removedField');
	} else {
		field = t(`form.${change.field}` as MessageKey);
	}
	return t('timeline.fieldChange', {
		field,
		from: valueText(change.field, change.from),
		to: valueText(change.field, change.to)
	});
}
