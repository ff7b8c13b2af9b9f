import type { ActivityRow, InteractionRow, PurchaseRow } from './db';

/**
 * Rules for the per-customer activity rows (see ActivityRow): how a full rebuild groups every
 * event, and how a flush folds changed events into the rows it read. Both order each list by
 * id, so a rebuild and an incrementally kept projection are equal value for value.
 */

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

/** Every customer's activity row, from all projected events. */
export function groupActivity(
	purchases: readonly PurchaseRow[],
	interactions: readonly InteractionRow[]
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

/** The events a flush re-read from the doc: ids that changed, and the rows they are now. */
export interface ChangedEvents {
	purchaseIds: ReadonlySet<string>;
	interactionIds: ReadonlySet<string>;
	purchases: readonly PurchaseRow[];
	interactions: readonly InteractionRow[];
}

/** The customers whose rows a change touches: those it names now (the caller adds former owners). */
export function customersNamedBy(changed: ChangedEvents): Set<string> {
	const ids = new Set<string>();
	for (const row of changed.purchases) ids.add(row.customerId);
	for (const row of changed.interactions) ids.add(row.customerId);
	return ids;
}

/**
 * Folds the changed events into each customer's row: a changed id leaves every row it was in
 * and enters the row of the customer it names now. `previous` holds the stored rows of every
 * customer the change may touch (before and after), missing ones as absent. A customer left
 * with no events gets null: its row is deleted.
 */
export function foldActivity(
	customerIds: Iterable<string>,
	previous: ReadonlyMap<string, ActivityRow>,
	changed: ChangedEvents
): Map<string, ActivityRow | null> {
	const bought = groupByCustomer(changed.purchases);
	const talked = groupByCustomer(changed.interactions);
	const next = new Map<string, ActivityRow | null>();
	for (const customerId of customerIds) {
		const before = previous.get(customerId);
		const purchases = [
			...(before?.purchases ?? []).filter((row) => !changed.purchaseIds.has(row.id)),
			...(bought.get(customerId) ?? [])
		].sort(byId);
		const interactions = [
			...(before?.interactions ?? []).filter((row) => !changed.interactionIds.has(row.id)),
			...(talked.get(customerId) ?? [])
		].sort(byId);
		next.set(
			customerId,
			purchases.length + interactions.length > 0 ? { customerId, purchases, interactions } : null
		);
	}
	return next;
}

/** How many purchases and interactions some rows hold. */
export function countEvents(rows: Iterable<ActivityRow | null | undefined>): {
	purchases: number;
	interactions: number;
} {
	let purchases = 0;
	let interactions = 0;
	for (const row of rows) {
		purchases += row?.purchases.length ?? 0;
		interactions += row?.interactions.length ?? 0;
	}
	return { purchases, interactions };
}
