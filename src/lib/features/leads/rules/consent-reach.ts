import {
	CONSENT_PURPOSES,
	currentConsents,
	type ConsentDecision,
	type ConsentPurpose,
	type ConsentRow
} from './consent';

// Apart from consent.ts, which the worker's first load carries (it reads the records): these
// are for marketing screens only.

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
