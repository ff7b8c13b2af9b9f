import type { CustomerRow } from '../../../projection/db';
import { becameHighRisk, newlyAtRisk, upcomingBirthdays } from '../rules/today';

export interface RiskLists {
	atRisk: CustomerRow[];
	highRisk: ReturnType<typeof becameHighRisk<CustomerRow>>;
}

// Each pass reads every customer (about 30 ms at 12,000 on a slow phone): going back and forth
// between the list and Today with nothing changed should not pay for them again.
const birthdaysWorked = new WeakMap<
	readonly CustomerRow[],
	{ day: string; birthdays: ReturnType<typeof upcomingBirthdays<CustomerRow>> }
>();
const risksWorked = new WeakMap<readonly CustomerRow[], { now: number; lists: RiskLists }>();

/** The week's birthdays, worked out once per list of rows and day. */
export function todayBirthdays(rows: readonly CustomerRow[], todayKey: string) {
	const kept = birthdaysWorked.get(rows);
	if (kept && kept.day === todayKey) return kept.birthdays;
	const birthdays = upcomingBirthdays(rows, todayKey);
	birthdaysWorked.set(rows, { day: todayKey, birthdays });
	return birthdays;
}

/** The risk lists if already worked out for these rows at this moment, else null. */
export function knownRiskLists(rows: readonly CustomerRow[], now: number): RiskLists | null {
	const kept = risksWorked.get(rows);
	return kept && kept.now === now ? kept.lists : null;
}

/** Today's risk lists (two passes over every customer), worked out once per rows and moment. */
export function riskLists(rows: readonly CustomerRow[], now: number): RiskLists {
	const known = knownRiskLists(rows, now);
	if (known) return known;
	const lists = { atRisk: newlyAtRisk(rows, now), highRisk: becameHighRisk(rows, now) };
	risksWorked.set(rows, { now, lists });
	return lists;
}

/**
 * The risk lists in a task of their own, after Today's first render: at 20,000 customers the
 * passes, cold, made that render one task of 50–70 ms. Returns a cancel.
 */
export function riskListsLater(
	rows: readonly CustomerRow[],
	now: number,
	done: (lists: RiskLists) => void
): () => void {
	const timer = setTimeout(() => done(riskLists(rows, now)), 0);
	return () => clearTimeout(timer);
}
