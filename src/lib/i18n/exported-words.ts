import { enMessages, zhMessages } from './all-messages';

/**
 * The words our export writes — column headers and choice labels — in every language, as data
 * for the import, which recognises a file we wrote in either language. Taken from the
 * catalogues so the two never drift; the import reads these lists, never the catalogues.
 */
const CATALOGUES = [enMessages, zhMessages] as const;

const labelIn = (group: unknown, key: string): string | undefined => {
	const label = (group as Record<string, unknown> | undefined)?.[key];
	return typeof label === 'string' ? label : undefined;
};

const present = (labels: (string | undefined)[]) =>
	labels.filter((label): label is string => label !== undefined);

/** A customer field's label as the form (or, for import-only fields, the import) names it. */
export function fieldLabels(field: string): string[] {
	return present(CATALOGUES.map((m) => labelIn(m.form, field) ?? labelIn(m.import, field)));
}

/** The words for one choice of a field (stage, gender, payment, channel…). */
export function choiceLabels(
	field:
		| 'gender'
		| 'birthdayCalendar'
		| 'stage'
		| 'source'
		| 'consent'
		| 'consentMethod'
		| 'payment'
		| 'channel',
	key: string
): string[] {
	return present(CATALOGUES.map((m) => labelIn(m[field], key)));
}

/** The headers of our purchase export, by the column each names. */
export const PURCHASE_EXPORT_HEADERS = {
	purchaseNumber: CATALOGUES.map((m) => m.export.purchaseNumber),
	date: CATALOGUES.map((m) => m.export.dateColumn),
	customerName: CATALOGUES.map((m) => m.form.name),
	customerPhone: CATALOGUES.map((m) => m.form.phone),
	customerEmail: CATALOGUES.map((m) => m.form.email),
	product: CATALOGUES.map((m) => m.activity.product),
	quantity: CATALOGUES.map((m) => m.activity.quantity),
	unitPrice: CATALOGUES.map((m) => m.activity.unitPrice),
	amount: CATALOGUES.map((m) => m.export.lineAmount),
	discount: CATALOGUES.map((m) => m.activity.discount),
	payment: CATALOGUES.map((m) => m.activity.payment),
	channel: CATALOGUES.map((m) => m.activity.channel),
	note: CATALOGUES.map((m) => m.activity.note)
} as const;
