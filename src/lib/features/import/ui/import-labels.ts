import { fieldLabel, type CustomFieldDef } from '$lib/features/custom-fields/rules/custom-fields';
import { locale, t, type MessageKey } from '$lib/i18n/i18n.svelte';
import { IMPORT_FIELDS, type ImportTarget } from '$lib/features/import/column-mapping';
import type { AnalysedRow, RowProblemKey, RowWarning } from '$lib/features/import/customer-import';
import type { DuplicateChoice } from '$lib/features/import/import-plan';
import type { TextEncodingName } from '$lib/features/import/text-encoding';
import {
	PURCHASE_FIELDS,
	type AnalysedPurchase,
	type PurchaseProblemKey,
	type PurchaseTarget
} from '$lib/features/import/purchase-import';

const OWN_LABELS: Partial<Record<ImportTarget, MessageKey>> = {
	firstName: 'import.firstName',
	lastName: 'import.lastName',
	address: 'import.address',
	ignore: 'import.ignore'
};

/** The targets a column can go to, with their labels in the current language. */
export function targetOptions(defs: CustomFieldDef[]): { value: ImportTarget; label: string }[] {
	return [
		{ value: 'ignore', label: t('import.ignore') },
		...IMPORT_FIELDS.map((field) => ({
			value: field as ImportTarget,
			label: t(OWN_LABELS[field] ?? (`form.${field}` as MessageKey))
		})),
		...defs.map((def) => ({
			value: `custom:${def.id}` as ImportTarget,
			label: fieldLabel(def, locale.current)
		}))
	];
}

/** The targets a column of a purchase file can go to. */
export function purchaseTargetOptions(): { value: PurchaseTarget; label: string }[] {
	return [
		{ value: 'ignore', label: t('import.ignore') },
		...PURCHASE_FIELDS.map((field) => ({
			value: field as PurchaseTarget,
			label: t(`import.target_${field}` as MessageKey)
		}))
	];
}

const PURCHASE_PROBLEMS: Record<PurchaseProblemKey, MessageKey> = {
	noCustomer: 'import.purchaseProblemNoCustomer',
	customerUnknown: 'import.purchaseProblemCustomerUnknown',
	customerAmbiguous: 'import.purchaseProblemCustomerAmbiguous',
	invalidDate: 'import.purchaseProblemInvalidDate',
	invalidAmount: 'import.purchaseProblemInvalidAmount',
	invalidQuantity: 'import.purchaseProblemInvalidQuantity',
	noProduct: 'import.purchaseProblemNoProduct',
	tooManyValues: 'import.problemTooManyValues',
	unclosedQuote: 'import.problemUnclosedQuote'
};

export function purchaseProblemText(row: AnalysedPurchase): string {
	return row.problem ? t(PURCHASE_PROBLEMS[row.problem], { customer: row.customerLabel }) : '';
}

export const ENCODING_LABELS: Record<TextEncodingName, MessageKey> = {
	'utf-8': 'import.encodingUtf8',
	gb18030: 'import.encodingGb18030',
	'utf-16le': 'import.encodingUtf16le',
	'utf-16be': 'import.encodingUtf16be'
};

export const CHOICE_LABELS: Record<DuplicateChoice, MessageKey> = {
	skip: 'import.choiceSkip',
	fillEmpty: 'import.choiceFillEmpty',
	overwrite: 'import.choiceOverwrite',
	create: 'import.choiceCreate'
};

const PROBLEM_LABELS: Record<RowProblemKey, MessageKey> = {
	noName: 'import.problemNoName',
	tooManyValues: 'import.problemTooManyValues',
	unclosedQuote: 'import.problemUnclosedQuote',
	tooLong: 'import.problemTooLong'
};

export function problemText(row: AnalysedRow): string {
	return row.problem ? t(PROBLEM_LABELS[row.problem]) : '';
}

const WARNING_LABELS: Record<RowWarning['key'], MessageKey> = {
	invalidValue: 'import.warningInvalidValue',
	unknownChoice: 'import.warningUnknownChoice',
	invalidDate: 'import.warningInvalidDate',
	sameAsEarlierRow: 'import.warningSameAsEarlierRow',
	impossiblePhone: 'import.warningImpossiblePhone'
};

export function warningText(warning: RowWarning): string {
	// A column named after a field (moved by the rules) shows that field's label.
	const column =
		warning.column && /^[a-z][A-Za-z]*$/.test(warning.column)
			? t(`form.${warning.column}` as MessageKey)
			: (warning.column ?? '');
	return t(WARNING_LABELS[warning.key], {
		column,
		value: warning.value ?? '',
		line: warning.line ?? 0
	});
}

export function rowLabel(line: number, unit: 'row' | 'card' = 'row'): string {
	return t(unit === 'card' ? 'import.card' : 'import.row', { line });
}
