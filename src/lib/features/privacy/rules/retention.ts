/**
 * Retention rules the shop turns on (PIPL art. 19, GDPR art. 5(1)(e): keep personal data no
 * longer than needed): leads never converted after some months, customers with no purchase or
 * contact for some years. They only find customers; erasing them is the shop's one step after.
 */
export interface RetentionRules {
	leads: { on: boolean; months: number };
	inactive: { on: boolean; years: number };
}

export const DEFAULT_RETENTION_RULES: RetentionRules = {
	leads: { on: false, months: 12 },
	inactive: { on: false, years: 3 }
};

export const MONTHS_RANGE = { min: 1, max: 120 } as const;
export const YEARS_RANGE = { min: 1, max: 30 } as const;

const within = (value: unknown, range: { min: number; max: number }): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;

function part(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The rules as stored, each part that cannot be read as its default (off). */
export function readRetentionRules(value: unknown): RetentionRules {
	const leads = part(part(value)['leads']);
	const inactive = part(part(value)['inactive']);
	const { leads: leadsDefault, inactive: inactiveDefault } = DEFAULT_RETENTION_RULES;
	return {
		leads: {
			on: leads['on'] === true && within(leads['months'], MONTHS_RANGE),
			months: within(leads['months'], MONTHS_RANGE) ? leads['months'] : leadsDefault.months
		},
		inactive: {
			on: inactive['on'] === true && within(inactive['years'], YEARS_RANGE),
			years: within(inactive['years'], YEARS_RANGE) ? inactive['years'] : inactiveDefault.years
		}
	};
}

/** What a rule looks at of a customer. */
export interface RetainedCustomer {
	id: string;
	stage: string;
	createdAt: number;
	lastPurchaseAt: number | null;
	lastContactAt: number | null;
	mergedInto?: string;
}

export type RetentionReason = 'lead' | 'inactive';

export interface RetentionCandidate {
	id: string;
	reason: RetentionReason;
	/** The last sign of them: created, bought or was in contact. */
	lastSeenAt: number;
}

/** The moment `count` calendar months (local) before `now`, on the same day of the month. */
function monthsBefore(now: number, count: number): number {
	const date = new Date(now);
	const day = date.getDate();
	date.setDate(1);
	date.setMonth(date.getMonth() - count);
	// The same day of that month, or its last day when it is shorter (31 March → 28 February).
	const last = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
	date.setDate(Math.min(day, last));
	return date.getTime();
}

/**
 * The customers the rules that are on find, oldest sign of life first. Merged customers are
 * part of the one they were merged into and are never listed on their own.
 */
export function retentionCandidates(
	customers: readonly RetainedCustomer[],
	rules: RetentionRules,
	now: number
): RetentionCandidate[] {
	const leadCutoff = monthsBefore(now, rules.leads.months);
	const inactiveCutoff = monthsBefore(now, rules.inactive.years * 12);
	const found: RetentionCandidate[] = [];
	for (const customer of customers) {
		if (customer.mergedInto) continue;
		const lastSeenAt = Math.max(
			customer.createdAt,
			customer.lastPurchaseAt ?? 0,
			customer.lastContactAt ?? 0
		);
		if (
			rules.leads.on &&
			customer.stage === 'lead' &&
			customer.lastPurchaseAt === null &&
			customer.createdAt <= leadCutoff
		) {
			found.push({ id: customer.id, reason: 'lead', lastSeenAt });
		} else if (rules.inactive.on && lastSeenAt <= inactiveCutoff) {
			found.push({ id: customer.id, reason: 'inactive', lastSeenAt });
		}
	}
	return found.sort((a, b) => a.lastSeenAt - b.lastSeenAt || (a.id < b.id ? -1 : 1));
}
