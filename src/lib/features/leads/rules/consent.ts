/**
 * Consent to marketing, one record per purpose and decision (营销许可), kept as it was given:
 * when, how, by whom and the words the person agreed to. Records are only ever added, so the
 * history of a customer's consent is the list of them.
 */
export const CONSENT_PURPOSES = ['sms', 'wechat', 'email', 'phone'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The purposes a walk-in is asked about at the kiosk. */
export const KIOSK_PURPOSES = [
	'sms',
	'wechat',
	'email'
] as const satisfies readonly ConsentPurpose[];

export const CONSENT_DECISIONS = ['agreed', 'declined', 'withdrawn'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export const CONSENT_WAYS = ['kiosk', 'form', 'paper', 'verbal'] as const;
export type ConsentWay = (typeof CONSENT_WAYS)[number];

export const MAX_CONSENT_TEXT = 2_000;

export interface ConsentRow {
	id: string;
	customerId: string;
	purpose: ConsentPurpose;
	decision: ConsentDecision;
	at: number;
	method: ConsentWay;
	/** The member whose device recorded it. */
	by: string;
	/** The words shown when it was given. */
	text: string;
}

/** Each purpose's latest decision for one customer (purposes never decided are left out). */
export function currentConsents(
	rows: readonly ConsentRow[]
): Partial<Record<ConsentPurpose, ConsentRow>> {
	const latest: Partial<Record<ConsentPurpose, ConsentRow>> = {};
	for (const row of rows) {
		const known = latest[row.purpose];
		if (!known || row.at > known.at || (row.at === known.at && row.id > known.id))
			latest[row.purpose] = row;
	}
	return latest;
}
