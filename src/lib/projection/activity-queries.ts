import { PROJECTION_STATE_KEY, type ProjectionDb } from './db';
import type { CustomerEvents } from './event-index';

/** How many purchases and interactions the archive holds (kept by the projector). */
export async function eventCounts(
	db: ProjectionDb
): Promise<{ purchases: number; interactions: number }> {
	const state = await db.projectionState.get(PROJECTION_STATE_KEY);
	return { purchases: state?.purchaseCount ?? 0, interactions: state?.interactionCount ?? 0 };
}

/**
 * Product names from the purchases of the customers who bought most recently, for suggestions
 * while recording a sale: enough to cover what the shop sells now without reading every event.
 */
export async function recentProductNames(
	db: ProjectionDb,
	eventsOf: (customerId: string) => Pick<CustomerEvents, 'purchases'>,
	customers = 100
): Promise<string[]> {
	const recentBuyers = await db.customers
		.orderBy('lastPurchaseAt')
		.reverse()
		.limit(customers)
		.primaryKeys();
	const names = recentBuyers.flatMap((id) =>
		eventsOf(id).purchases.flatMap((purchase) => purchase.lines.map((line) => line.product))
	);
	return [...new Set(names)].sort();
}
