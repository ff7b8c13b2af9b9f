import { fieldLabel } from '$lib/features/custom-fields/rules/custom-fields';
import type { ChangeValue, FieldChange } from '$lib/features/customers/rules/field-changes';
import {
	formatDate,
	formatDateTime,
	locale,
	t,
	type MessageKey,
	type Words
} from '$lib/i18n/i18n.svelte';
import type { CustomFieldDef } from '$lib/features/custom-fields/rules/custom-fields';
import { money } from '$lib/features/shop/ui/shop-settings.svelte';
import { readLineText } from '$lib/features/activity/rules/event-changes';

/** An edited purchase's or conversation's fields (`purchase.total`…): label and value codes. */
const EVENT_FIELDS: Partial<Record<string, { label: MessageKey; coded?: string }>> = {
	'purchase.total': { label: 'timeline.fieldTotal' },
	'purchase.lines': { label: 'timeline.fieldLines' },
	'purchase.discount': { label: 'activity.discount' },
	'purchase.at': { label: 'activity.when' },
	'purchase.payment': { label: 'activity.payment', coded: 'payment' },
	'purchase.channel': { label: 'activity.channel', coded: 'channel' },
	'purchase.note': { label: 'activity.note' },
	'interaction.at': { label: 'activity.when' },
	'interaction.kind': { label: 'activity.kind', coded: 'interactionKind' },
	'interaction.direction': { label: 'activity.direction', coded: 'direction' },
	'interaction.summary': { label: 'activity.summary' },
	'interaction.outcome': { label: 'activity.outcome' },
	'interaction.nextStep': { label: 'activity.nextStep' },
	'interaction.products': { label: 'activity.products' }
};
const MONEY_FIELDS = new Set(['purchase.total', 'purchase.discount']);
const MOMENT_FIELDS = new Set(['purchase.at', 'interaction.at']);

/** Fields whose stored value is a code that has its own translations. */
const CODED: Partial<Record<string, string>> = {
	stage: 'stage',
	gender: 'gender',
	birthdayCalendar: 'birthdayCalendar',
	source: 'source',
	consent: 'consent',
	consentMethod: 'consentMethod'
};

/** The words a change is told in, with the shop's money format. */
export interface ChangeWords extends Words {
	money(cents: number): string;
}

/** The app's own language, as the rest of the screen. */
const appWords = (): ChangeWords => ({
	language: locale.current,
	t,
	date: (ms) => formatDate(ms),
	dateTime: formatDateTime,
	money
});

/** A purchase line of the history, its price in the shop's currency: "乌龙茶 × 2 @ ¥120.50". */
function lineWithPrice(text: string, { money }: ChangeWords): string {
	const line = readLineText(text);
	return line ? `${line.item} @ ${money(line.unitPriceCents)}` : text;
}

function valueText(field: string, value: ChangeValue, words: ChangeWords): string {
	const { t, money } = words;
	if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
		return t('timeline.empty_value');
	}
	if (Array.isArray(value) && field === 'purchase.lines')
		return value.map((line) => lineWithPrice(line, words)).join(', ');
	if (Array.isArray(value)) return value.join(', ');
	if (typeof value === 'boolean') return value ? t('customFields.yes') : t('customFields.no');
	if (typeof value === 'number' && MONEY_FIELDS.has(field)) return money(value);
	if (typeof value === 'number' && MOMENT_FIELDS.has(field)) return words.dateTime(value);
	const group = CODED[field] ?? EVENT_FIELDS[field]?.coded;
	if (group && typeof value === 'string') return t(`${group}.${value}` as MessageKey);
	if ((field === 'birthday' || field === 'consentDate') && typeof value === 'string') {
		return words.date(Date.parse(`${value}T12:00:00`));
	}
	return String(value);
}

/** "Phone: 138 0013 8000 → 139 1111 2222", in the user's language. */
export function changeText(
	change: FieldChange,
	defs: readonly Pick<CustomFieldDef, 'id' | 'labelEn' | 'labelZh'>[],
	words: ChangeWords = appWords()
): string {
	const { t } = words;
	let field: string;
	const eventField = EVENT_FIELDS[change.field];
	if (eventField) {
		field = t(eventField.label);
	} else if (change.field.startsWith('custom.')) {
		const def = defs.find((d) => d.id === change.field.slice('custom.'.length));
		field = def ? fieldLabel(def, words.language) : t('timeline.removedField');
	} else {
		field = t(`form.${change.field}` as MessageKey);
	}
	return t('timeline.fieldChange', {
		field,
		from: valueText(change.field, change.from, words),
		to: valueText(change.field, change.to, words)
	});
}
