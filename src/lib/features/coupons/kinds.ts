import type { TableKind } from '../../core/record-kind';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';
import type { CampaignRow, CodeMode, CouponKind } from './rules/coupons';

export const CAMPAIGNS_ROOT = 'couponCampaigns';

function textList(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	try {
		const parsed: unknown = JSON.parse(value);
		return Array.isArray(parsed)
			? parsed.filter((item): item is string => typeof item === 'string')
			: [];
	} catch {
		return [];
	}
}

/** A stored campaign as its row; one without a name or a known kind is no campaign. */
export function readCampaign(id: string, map: RecordMap): CampaignRow | null {
	const name = str(map, 'name');
	const kind = map.get('kind');
	const codeMode = map.get('codeMode');
	if (!name || (kind !== 'amount' && kind !== 'percent')) return null;
	if (codeMode !== 'shared' && codeMode !== 'exclusive') return null;
	return {
		id,
		name,
		kind: kind as CouponKind,
		amountCents: Math.max(0, Math.round(num(map, 'amountCents'))),
		percent: Math.min(100, Math.max(0, Math.round(num(map, 'percent')))),
		minSpendCents: Math.max(0, Math.round(num(map, 'minSpendCents'))),
		validFrom: str(map, 'validFrom'),
		validTo: str(map, 'validTo'),
		perCustomerLimit: Math.max(0, Math.round(num(map, 'perCustomerLimit'))),
		scopeProducts: textList(map.get('scopeProducts')),
		scopeCategories: textList(map.get('scopeCategories')),
		codeMode: codeMode as CodeMode,
		sharedCode: str(map, 'sharedCode'),
		createdAt: num(map, 'createdAt'),
		updatedAt: num(map, 'updatedAt')
	};
}

/** Coupon campaigns, shared with colleagues. */
export const campaignKind: TableKind<CampaignRow> = {
	root: CAMPAIGNS_ROOT,
	storage: 'entity',
	read: (id, map) => readCampaign(id, map as RecordMap),
	table: { name: 'couponCampaigns', schema: 'id, name', version: 1 },
	summary: 'couponCampaigns'
};
