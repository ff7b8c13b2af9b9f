import { decodeEventValue, encodeEventValue } from '../activity/event-values';
import { liveEventValue } from '../activity/event-tombstones';
import { readPurchaseFigures } from '../activity/activity-records';
import { entitiesOf, entityOf, eventOwner, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { CAMPAIGNS_ROOT, readCampaign } from './kinds';
import { CODE_ALPHABET, CODE_LENGTH, normaliseCode, type CampaignRow } from './rules/coupons';

/** A code issued to one customer (exclusive campaigns). */
export interface IssuedCode {
	id: string;
	campaignId: string;
	code: string;
	customerId: string;
	issuedAt: number;
	issuedBy: string;
}

/** A coupon used on a purchase, keyed by the purchase. */
export interface Redemption {
	purchaseId: string;
	code: string;
	campaignId: string;
	customerId: string;
	at: number;
	discountCents: number;
}

const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);
/** The range a Date holds: a moment outside it cannot be shown or compared as a day. */
const MAX_MOMENT = 8.64e15;
const isMoment = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_MOMENT;

export function readIssuedCode(id: string, stored: unknown): IssuedCode | null {
	const value = decodeEventValue(stored);
	if (!value) return null;
	const { campaignId, code, customerId, issuedAt, issuedBy } = value;
	if (typeof campaignId !== 'string' || typeof customerId !== 'string') return null;
	if (typeof code !== 'string' || !CODE_PATTERN.test(code)) return null;
	return {
		id,
		campaignId,
		code,
		customerId,
		issuedAt: isMoment(issuedAt) ? issuedAt : 0,
		issuedBy: typeof issuedBy === 'string' ? issuedBy : ''
	};
}

export function readRedemption(purchaseId: string, stored: unknown): Redemption | null {
	const value = decodeEventValue(stored);
	if (!value) return null;
	const { code, campaignId, customerId, at, discountCents } = value;
	if (typeof code !== 'string' || typeof campaignId !== 'string') return null;
	if (typeof customerId !== 'string' || !isMoment(at)) return null;
	if (typeof discountCents !== 'number' || !Number.isInteger(discountCents) || discountCents < 0)
		return null;
	return { purchaseId, code, campaignId, customerId, at, discountCents };
}

export const encodeCouponValue = encodeEventValue;

export const campaignsRoot = (ws: WorkspaceDoc) => ws.doc.getMap<unknown>(CAMPAIGNS_ROOT);

export function campaignOf(ws: WorkspaceDoc, id: string): CampaignRow | null {
	const map = entityOf(campaignsRoot(ws), id);
	return map ? readCampaign(id, map) : null;
}

export function* campaignsOf(ws: WorkspaceDoc): Generator<CampaignRow> {
	for (const [id, map] of entitiesOf(campaignsRoot(ws))) {
		const campaign = readCampaign(id, map);
		if (campaign) yield campaign;
	}
}

export function* issuedCodes(ws: WorkspaceDoc): Generator<IssuedCode> {
	for (const [id, value] of ws.couponCodes.entries()) {
		const code = readIssuedCode(id, value);
		if (code) yield code;
	}
}

/** Coupons used on purchases that are live now (a deleted purchase's coupon no longer counts). */
export function* liveRedemptions(ws: WorkspaceDoc): Generator<Redemption & { paidCents: number }> {
	for (const [purchaseId, value] of ws.couponRedemptions.entries()) {
		const redemption = readRedemption(purchaseId, value);
		if (!redemption) continue;
		const purchase = readPurchaseFigures(purchaseId, liveEventValue(ws, 'purchases', purchaseId));
		if (!purchase) continue;
		yield {
			...redemption,
			customerId: eventOwner(ws, redemption.customerId),
			paidCents: purchase.totalCents
		};
	}
}

/** What a typed code is: a campaign's shared code, or a code issued to one customer. */
export function findCode(
	ws: WorkspaceDoc,
	typed: string
): { campaign: CampaignRow; issued: IssuedCode | null } | null {
	const code = normaliseCode(typed);
	if (!code) return null;
	for (const issued of issuedCodes(ws)) {
		if (issued.code !== code) continue;
		const campaign = campaignOf(ws, issued.campaignId);
		if (campaign && campaign.codeMode === 'exclusive') return { campaign, issued };
	}
	for (const campaign of campaignsOf(ws)) {
		if (campaign.codeMode === 'shared' && normaliseCode(campaign.sharedCode) === code) {
			return { campaign, issued: null };
		}
	}
	return null;
}
