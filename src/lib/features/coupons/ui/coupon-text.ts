import { t } from '$lib/i18n/i18n.svelte';
import type { CampaignFields } from '../rules/coupons';

/** The offer in words: "¥20.00 off orders of ¥100.00 or more", "15% off". */
export function offerText(campaign: CampaignFields, money: (cents: number) => string): string {
	const off =
		campaign.kind === 'amount'
			? t('coupons.offerAmount', { amount: money(campaign.amountCents) })
			: t('coupons.offerPercent', { percent: campaign.percent });
	return campaign.minSpendCents > 0
		? t('coupons.offerMinimum', { offer: off, amount: money(campaign.minSpendCents) })
		: off;
}

/** A coupon checked and applied in the purchase form. */
export interface AppliedCoupon {
	code: string;
	discountCents: number;
	campaignName: string;
}
