import { PROJECTION_STATE_KEY, type ProjectionDb, type PurchaseRow } from './db';

/** How many purchases and interactions the archive holds (kept by the projector). */
export async function eventCounts(
	db: ProjectionDb
): Promise<{ purchases: number; interactions: number }> {
	const state = await db.projectionState.get(PROJECTION_STATE_KEY);
	return { purchases: state?.purchaseCount ?? 0, interactions: state?.interactionCount ?? 0 };
}

/** The products named in some purchases, each once and sorted: suggestions while recording a sale. */
export function productNames(purchases: readonly Pick<PurchaseRow, 'lines'>[]): string[] {
	const names = purchases.flatMap((purchase) => purchase.lines.map((line) => line.product));
	return [...new Set(names)].sort();
}
