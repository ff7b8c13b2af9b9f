import { readActivity, readActivityOf, readAllActivity } from './activity-store';
import {
	PROJECTION_STATE_KEY,
	type ActivityRow,
	type InteractionRow,
	type ProjectionDb,
	type PurchaseRow
} from './db';

/** Reads of the per-customer activity rows for screens that want events across customers. */

export async function allPurchases(db: ProjectionDb): Promise<PurchaseRow[]> {
	return (await readAllActivity(db)).flatMap((row) => row.purchases);
}

export async function allInteractions(db: ProjectionDb): Promise<InteractionRow[]> {
	return (await readAllActivity(db)).flatMap((row) => row.interactions);
}

/** How many purchases and interactions the archive holds (kept by the projector). */
export async function eventCounts(
	db: ProjectionDb
): Promise<{ purchases: number; interactions: number }> {
	const state = await db.projectionState.get(PROJECTION_STATE_KEY);
	return { purchases: state?.purchaseCount ?? 0, interactions: state?.interactionCount ?? 0 };
}

/** One customer's activity row; a customer with no events has none. */
export async function activityOf(
	db: ProjectionDb,
	customerId: string
): Promise<Pick<ActivityRow, 'purchases' | 'interactions'>> {
	return (await readActivityOf(db, customerId)) ?? { purchases: [], interactions: [] };
}

/**
 * Product names from the purchases of the customers who bought most recently, for suggestions
 * while recording a sale: enough to cover what the shop sells now without reading every row.
 */
export async function recentProductNames(db: ProjectionDb, customers = 100): Promise<string[]> {
	const recentBuyers = await db.customers
		.orderBy('lastPurchaseAt')
		.reverse()
		.limit(customers)
		.primaryKeys();
	const activity = await readActivity(db, recentBuyers);
	const names = recentBuyers.flatMap((id) =>
		(activity.get(id)?.purchases ?? []).flatMap((purchase) =>
			purchase.lines.map((line) => line.product)
		)
	);
	return [...new Set(names)].sort();
}
