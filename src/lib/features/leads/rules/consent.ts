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

/** Where a purpose stands for one customer: a recorded decision, or nothing recorded. */
export type ConsentStanding = ConsentDecision | 'unknown';

/**
 * A purpose's standing: its latest recorded decision; failing that, the customer's general
 * answer from before consent was kept per purpose ('no' declines every purpose, 'yes' agrees).
 */
export function consentStanding(
	general: 'yes' | 'no' | 'unknown',
	latest: Partial<Record<ConsentPurpose, ConsentRow>>,
	purpose: ConsentPurpose
): ConsentStanding {
	const recorded = latest[purpose];
	if (recorded) return recorded.decision;
	return general === 'yes' ? 'agreed' : general === 'no' ? 'declined' : 'unknown';
}

/**
 * Whether marketing may use this purpose. A decline or a withdrawal always stops it; with
 * `agreedOnly` (the shop's choice) so does having never been asked.
 */
export function mayMarket(standing: ConsentStanding, agreedOnly: boolean): boolean {
	if (standing === 'declined' || standing === 'withdrawn') return false;
	return standing === 'agreed' || !agreedOnly;
}

/** Why customers were left out of a marketing list for one purpose, counted. */
export interface LeftOut {
	declined: number;
	withdrawn: number;
	unknown: number;
}

/**
 * Splits customers into those marketing may reach by `purpose` and the count of those left
 * out, by reason, so the list can say how many and why.
 */
export function reachableFor<Customer extends { id: string; consent: 'yes' | 'no' | 'unknown' }>(
	customers: readonly Customer[],
	consents: ReadonlyMap<string, Partial<Record<ConsentPurpose, ConsentRow>>>,
	purpose: ConsentPurpose,
	agreedOnly: boolean
): { reachable: Customer[]; leftOut: LeftOut } {
	const reachable: Customer[] = [];
	const leftOut: LeftOut = { declined: 0, withdrawn: 0, unknown: 0 };
	for (const customer of customers) {
		const standing = consentStanding(customer.consent, consents.get(customer.id) ?? {}, purpose);
		if (mayMarket(standing, agreedOnly)) reachable.push(customer);
		else leftOut[standing === 'agreed' ? 'unknown' : standing]++;
	}
	return { reachable, leftOut };
}

/** Each customer's latest decision per purpose, from all their consent records. */
export function latestByCustomer(
	rows: readonly ConsentRow[]
): Map<string, Partial<Record<ConsentPurpose, ConsentRow>>> {
	const byCustomer = new Map<string, ConsentRow[]>();
	for (const row of rows) {
		const list = byCustomer.get(row.customerId);
		if (list) list.push(row);
		else byCustomer.set(row.customerId, [row]);
	}
	return new Map([...byCustomer].map(([id, list]) => [id, currentConsents(list)]));
}

/** The purposes marketing may use for one customer. */
export function allowedPurposes(
	general: 'yes' | 'no' | 'unknown',
	latest: Partial<Record<ConsentPurpose, ConsentRow>>,
	agreedOnly: boolean
): Set<ConsentPurpose> {
	return new Set(
		CONSENT_PURPOSES.filter((purpose) =>
			mayMarket(consentStanding(general, latest, purpose), agreedOnly)
		)
	);
}

/**
 * Splits customers for a list that may use any purpose (a send list: the channel is chosen per
 * person): those with none left are left out, counted by their strongest reason.
 */
export function reachableByAny<Customer extends { id: string; consent: 'yes' | 'no' | 'unknown' }>(
	customers: readonly Customer[],
	consents: ReadonlyMap<string, Partial<Record<ConsentPurpose, ConsentRow>>>,
	agreedOnly: boolean
): { reachable: Customer[]; leftOut: LeftOut } {
	const reachable: Customer[] = [];
	const leftOut: LeftOut = { declined: 0, withdrawn: 0, unknown: 0 };
	for (const customer of customers) {
		const latest = consents.get(customer.id) ?? {};
		if (allowedPurposes(customer.consent, latest, agreedOnly).size > 0) {
			reachable.push(customer);
			continue;
		}
		const standings = CONSENT_PURPOSES.map((p) => consentStanding(customer.consent, latest, p));
		if (standings.includes('withdrawn')) leftOut.withdrawn++;
		else if (standings.includes('declined')) leftOut.declined++;
		else leftOut.unknown++;
	}
	return { reachable, leftOut };
}
