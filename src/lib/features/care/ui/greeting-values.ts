import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { tierName } from '$lib/features/loyalty/rules/tier-name';
import type { TemplateValues } from '../rules/templates';

/**
 * What a template's placeholders stand for, for one customer: their name, their tier and
 * points (while loyalty is on), their newest unused coupon code, the shop's name.
 */
export async function greetingValues(
	session: WorkspaceSession,
	customer: { id: string; name: string },
	language: string
): Promise<TemplateValues> {
	const settings = session.loyaltySettings;
	const [loyalty, coupons] = await Promise.all([
		settings?.enabled ? session.loyaltyOf(customer.id) : null,
		session.customerCoupons(customer.id)
	]);
	const tier = loyalty && settings ? settings.tiers.list[loyalty.tier.tier] : undefined;
	const unused = coupons.held.find((code) => code.uses === 0);
	return {
		name: customer.name,
		tier: tier ? tierName(tier, language) : '',
		points: loyalty ? String(loyalty.points.balance) : '',
		coupon: unused?.code ?? '',
		shop: session.careSettings?.shopName ?? ''
	};
}
