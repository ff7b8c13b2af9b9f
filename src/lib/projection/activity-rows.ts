import type { EventMoment, PurchaseFigures } from '../features/activity/activity-records';

/**
 * What one customer's metrics take from their purchases and interactions, each list ordered by
 * id. A rebuild groups every event this way once; the groups are not stored (see EventIndex for
 * how screens read a customer's events).
 */
export interface ActivityRow {
	customerId: string;
	purchases: PurchaseFigures[];
	interactions: EventMoment[];
}

type Keyed = { id: string; customerId: string };

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function groupByCustomer<T extends Keyed>(rows: Iterable<T>): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const group = groups.get(row.customerId);
		if (group) group.push(row);
		else groups.set(row.customerId, [row]);
	}
	return groups;
}

/** Every customer's activity row, from all valid events. */
export function groupActivity(
	purchases: Iterable<PurchaseFigures>,
	interactions: Iterable<EventMoment>
): ActivityRow[] {
	const bought = groupByCustomer(purchases);
	const talked = groupByCustomer(interactions);
	const customerIds = new Set([...bought.keys(), ...talked.keys()]);
	return [...customerIds].map((customerId) => ({
		customerId,
		purchases: (bought.get(customerId) ?? []).sort(byId),
		interactions: (talked.get(customerId) ?? []).sort(byId)
	}));
}

export interface EventCounts {
	purchases: number;
	interactions: number;
}

/** How many purchases and interactions some rows hold. */
export function countEvents(rows: Iterable<ActivityRow | null | undefined>): EventCounts {
	let purchases = 0;
	let interactions = 0;
	for (const row of rows) {
		purchases += row?.purchases.length ?? 0;
		interactions += row?.interactions.length ?? 0;
	}
	return { purchases, interactions };
}
