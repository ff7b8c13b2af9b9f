import type { CustomerLoyalty } from '../loyalty-reads';
import type { LoyaltySettings } from '../rules/loyalty-settings';
import { tierName } from '../rules/tier-name';

/** What the purchase form offers a member: their points to redeem and their tier's discount. */
export interface PurchaseLoyalty {
	/** Points this purchase may redeem: the balance, plus what it redeemed already when edited. */
	available: number;
	centsPerPoint: number;
	minPoints: number;
	/** The tier's name and member discount, when the customer has a tier. */
	tierName: string;
	discountPercent: number;
}

export function purchaseLoyalty(
	loyalty: CustomerLoyalty,
	settings: LoyaltySettings,
	language: string,
	alreadyRedeemed = 0
): PurchaseLoyalty {
	const tier = settings.tiers.list[loyalty.tier.tier];
	return {
		available: Math.max(0, loyalty.points.balance + alreadyRedeemed),
		centsPerPoint: settings.redeem.centsPerPoint,
		minPoints: settings.redeem.minPoints,
		tierName: tier ? tierName(tier, language) : '',
		discountPercent: tier?.discountPercent ?? 0
	};
}

/** The member discount on `subtotalCents`, in whole cents (half a cent rounds up). */
export function memberDiscountCents(subtotalCents: number, percent: number): number {
	return Math.round((subtotalCents * Math.round(percent * 100)) / 10_000);
}
