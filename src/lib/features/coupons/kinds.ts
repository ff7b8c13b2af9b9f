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

/** A whole number within [0, max], else 0: a stranger's NaN or Infinity is no amount. */
function whole(value: number, max: number): number {
	return Number.isFinite(value) ? Math.min(max, Math.max(0, Math.round(value))) : 0;
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
		amountCents: whole(num(map, 'amountCents'), 1e11),
		percent: whole(num(map, 'percent'), 100),
		minSpendCents: whole(num(map, 'minSpendCents'), 1e11),
		validFrom: str(map, 'validFrom'),
		validTo: str(map, 'validTo'),
		perCustomerLimit: whole(num(map, 'perCustomerLimit'), 1000),
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
	personal: { about: 'shop' },
	table: { name: 'couponCampaigns', schema: 'id, name', version: 1 },
	summary: 'couponCampaigns'
};
