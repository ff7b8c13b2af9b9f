import { CUSTOMER_FIELD_ORDER, type CustomerRecord } from '../customers/rules/customer';
import { fieldLabel, type CustomFieldDef } from '../custom-fields/rules/custom-fields';
import { localDateKey } from '../../domain/dates';
import { formatCustomValue } from '../custom-fields/rules/custom-fields';
import type { ChoiceField } from '../import/choice-labels';
import type { SegmentValueFacts, ValueLookup } from '../segments/rules/segment-match';
import { centsToDecimal } from '../../domain/money';

/** Translation of a message key (the app's `t`), passed in so this stays a pure function. */
export type Translate = (key: string) => string;

const CHOICE_COLUMNS: ReadonlySet<string> = new Set<ChoiceField>([
	'gender',
	'birthdayCalendar',
	'stage',
	'source',
	'consent',
	'consentMethod'
]);

/**
 * Customers as a table: a header row in the user's language, then one row per customer. The
 * headers and choice words are the ones the import recognises, so an exported file comes back
 * in unchanged. The shop's own fields follow, then the dates the record was made and changed.
 */
export function customerExportTable(
	customers: readonly CustomerRecord[],
	defs: readonly CustomFieldDef[],
	t: Translate,
	locale: string,
	/** Customer value's scores, as columns after the rest (worked out, never stored). */
	value?: ValueLookup
): string[][] {
	const header = [
		...CUSTOMER_FIELD_ORDER.map((field) => t(`form.${field}`)),
		...defs.map((def) => fieldLabel(def, locale)),
		t('export.createdColumn'),
		t('export.updatedColumn'),
		...(value ? VALUE_COLUMNS.map((column) => t(`export.valueColumns.${column}`)) : [])
	];
	const yesNo = { yes: t('customFields.yes'), no: t('customFields.no') };
	const rows = customers.map((customer) => [
		...CUSTOMER_FIELD_ORDER.map((field) => {
			const value = customer[field];
			if (field === 'tags') return customer.tags.join(', ');
			if (CHOICE_COLUMNS.has(field)) {
				if (value === '' || (field === 'consent' && value === 'unknown')) return '';
				return t(`${field}.${String(value)}`);
			}
			return String(value);
		}),
		...defs.map((def) => formatCustomValue(customer.custom[def.id], yesNo, (key) => key)),
		customer.createdAt ? localDateKey(customer.createdAt) : '',
		customer.updatedAt ? localDateKey(customer.updatedAt) : '',
		...(value ? valueCells(value.get(customer.id), t) : [])
	]);
	return [header, ...rows];
}

const VALUE_COLUMNS = [
	'rfmSegment',
	'abcClass',
	'churnRisk',
	'probabilityAlive',
	'predictedValue',
	'nextExpectedPurchase'
] as const;

/** A customer's scores as cells: empty where there is none (never bought, no model). */
function valueCells(facts: SegmentValueFacts | undefined, t: Translate): string[] {
	if (!facts) return VALUE_COLUMNS.map(() => '');
	return [
		t(`value.segment.${facts.segment}`),
		facts.abc,
		t(`value.risk.${facts.risk}`),
		facts.probabilityAlive === null ? '' : String(Math.round(facts.probabilityAlive * 10) / 10),
		facts.predictedValueCents === null ? '' : centsToDecimal(facts.predictedValueCents),
		facts.nextExpectedAt === null ? '' : localDateKey(facts.nextExpectedAt)
	];
}
