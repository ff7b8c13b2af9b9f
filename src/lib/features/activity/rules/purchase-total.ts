import type { PurchaseFields, PurchaseLine } from './activity-fields';

// Apart from activity.ts so the projector can total a purchase without loading its validation.

export function linesSubtotalCents(lines: readonly PurchaseLine[]): number {
	let total = 0;
	for (const line of lines) total += line.quantity * line.unitPriceCents;
	return total;
}

export function purchaseTotalCents(
	purchase: Pick<PurchaseFields, 'lines' | 'discountCents'>
): number {
	return linesSubtotalCents(purchase.lines) - purchase.discountCents;
}
