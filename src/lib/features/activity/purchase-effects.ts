import type * as PurchasePoints from '../loyalty/purchase-points';
import type * as CouponUse from '../coupons/coupon-use';

/**
 * What loyalty and coupons do inside the purchase commands' own transactions: check and store a
 * coupon or a points redemption, earn, reverse and re-earn points. They load before the first
 * purchase command runs (the commands' `load`, the import job, the demo), not with the worker:
 * the worker's first load is part of the first route's. A purchase command that ran without
 * them would write a purchase without its points, so it throws instead.
 */
export type PurchaseEffects = Pick<
	typeof PurchasePoints,
	| 'redemptionRefusal'
	| 'pointsForNewPurchase'
	| 'reversePurchasePoints'
	| 'restorePurchasePoints'
	| 'repricePurchasePoints'
> &
	Pick<typeof CouponUse, 'couponRefusal' | 'writeRedemption'>;

let loaded: PurchaseEffects | null = null;

export async function loadPurchaseEffects(): Promise<void> {
	if (loaded) return;
	const [points, coupons] = await Promise.all([
		import('../loyalty/purchase-points'),
		import('../coupons/coupon-use')
	]);
	loaded = {
		redemptionRefusal: points.redemptionRefusal,
		pointsForNewPurchase: points.pointsForNewPurchase,
		reversePurchasePoints: points.reversePurchasePoints,
		restorePurchasePoints: points.restorePurchasePoints,
		repricePurchasePoints: points.repricePurchasePoints,
		couponRefusal: coupons.couponRefusal,
		writeRedemption: coupons.writeRedemption
	};
}

export function purchaseEffects(): PurchaseEffects {
	if (!loaded)
		throw new Error('purchase effects are not loaded: await loadPurchaseEffects() first');
	return loaded;
}
