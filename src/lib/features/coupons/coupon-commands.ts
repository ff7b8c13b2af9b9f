import { customAlphabet } from 'nanoid';
import type { CommandContext } from '../../core/command-context';
import { changeEntity, insertEntity, removeRecord } from '../../crdt/entity-writes';
import { newId } from '../../crdt/ids';
import { commandTime } from '../../crdt/stamps';
import { eventOwner, liveCustomer, type WorkspaceDoc } from '../../crdt/workspace-doc';
import {
	campaignOf,
	campaignsOf,
	campaignsRoot,
	encodeCouponValue,
	findCode,
	issuedCodes,
	liveRedemptions
} from './coupon-records';
import {
	CODE_ALPHABET,
	CODE_LENGTH,
	normaliseCode,
	validateCampaign,
	type CampaignErrors,
	type CampaignFields,
	type CampaignFigures,
	type CodeStatus,
	type CustomerCoupons
} from './rules/coupons';

/** 8 characters from the browser's crypto RNG, from an alphabet without look-alikes. */
const newCode = customAlphabet(CODE_ALPHABET, CODE_LENGTH);

type CampaignResult<T> =
	| { ok: true; value: T }
	| { ok: false; reason: 'invalid'; errors: CampaignErrors }
	| { ok: false; reason: 'notFound' | 'inUse' };

function storedFields(fields: CampaignFields): Record<string, unknown> {
	return {
		name: fields.name.trim(),
		kind: fields.kind,
		amountCents: fields.kind === 'amount' ? fields.amountCents : 0,
		percent: fields.kind === 'percent' ? fields.percent : 0,
		minSpendCents: fields.minSpendCents,
		validFrom: fields.validFrom,
		validTo: fields.validTo,
		perCustomerLimit: fields.perCustomerLimit,
		scopeProducts: JSON.stringify(fields.scopeProducts.filter((id) => typeof id === 'string')),
		scopeCategories: JSON.stringify(fields.scopeCategories.filter((c) => typeof c === 'string')),
		codeMode: fields.codeMode,
		sharedCode: fields.codeMode === 'shared' ? normaliseCode(fields.sharedCode) : ''
	};
}

/** Whether `code` is another campaign's shared code or an issued code already. */
function codeTaken(ws: WorkspaceDoc, code: string, exceptCampaign?: string): boolean {
	const found = findCode(ws, code);
	return found !== null && found.campaign.id !== exceptCampaign;
}

function checked(
	ws: WorkspaceDoc,
	fields: CampaignFields,
	exceptCampaign?: string
): CampaignErrors {
	const errors = validateCampaign(fields);
	if (
		!errors.sharedCode &&
		fields.codeMode === 'shared' &&
		codeTaken(ws, fields.sharedCode, exceptCampaign)
	) {
		errors.sharedCode = 'coupons.errors.codeTaken';
	}
	return errors;
}

export function createCampaign(
	ctx: CommandContext,
	fields: CampaignFields
): CampaignResult<string> {
	const errors = checked(ctx.ws, fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	return { ok: true, value: insertEntity(ctx, campaignsRoot(ctx.ws), storedFields(fields)) };
}

export function updateCampaign(
	ctx: CommandContext,
	id: string,
	fields: CampaignFields
): CampaignResult<true> {
	const current = campaignOf(ctx.ws, id);
	if (!current) return { ok: false, reason: 'notFound' };
	const errors = checked(ctx.ws, fields, id);
	// Codes already handed out keep their meaning: an exclusive campaign stays exclusive.
	if (fields.codeMode !== current.codeMode && hasUses(ctx.ws, id)) {
		errors.codeMode = 'coupons.errors.modeInUse';
	}
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	changeEntity(ctx, campaignsRoot(ctx.ws), id, storedFields(fields));
	return { ok: true, value: true };
}

function hasUses(ws: WorkspaceDoc, campaignId: string): boolean {
	for (const code of issuedCodes(ws)) if (code.campaignId === campaignId) return true;
	for (const used of liveRedemptions(ws)) if (used.campaignId === campaignId) return true;
	return false;
}

/** Removes a campaign nobody holds or used a code of; one in use can only be ended. */
export function deleteCampaign(ctx: CommandContext, id: string): CampaignResult<true> {
	if (!campaignOf(ctx.ws, id)) return { ok: false, reason: 'notFound' };
	if (hasUses(ctx.ws, id)) return { ok: false, reason: 'inUse' };
	removeRecord(ctx, campaignsRoot(ctx.ws), id);
	return { ok: true, value: true };
}

/**
 * Issues a code of its own to each of these customers, in one step; customers who are gone or
 * already hold a code of this campaign are skipped and counted.
 */
export function issueCoupons(
	ctx: CommandContext,
	campaignId: string,
	customerIds: string[]
): CampaignResult<{ issued: number; skipped: number }> {
	const campaign = campaignOf(ctx.ws, campaignId);
	if (!campaign) return { ok: false, reason: 'notFound' };
	if (campaign.codeMode !== 'exclusive') return { ok: false, reason: 'inUse' };
	const holders = new Set<string>();
	const taken = new Set<string>();
	for (const code of issuedCodes(ctx.ws)) {
		taken.add(code.code);
		if (code.campaignId === campaignId) holders.add(eventOwner(ctx.ws, code.customerId));
	}
	for (const other of campaignsOf(ctx.ws)) if (other.sharedCode) taken.add(other.sharedCode);
	let issued = 0;
	let skipped = 0;
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		for (const customerId of new Set(customerIds)) {
			if (holders.has(customerId) || !liveCustomer(ctx.ws, customerId)) {
				skipped++;
				continue;
			}
			let code = newCode();
			while (taken.has(code)) code = newCode();
			taken.add(code);
			holders.add(customerId);
			ctx.ws.couponCodes.set(
				newId(),
				encodeCouponValue({ campaignId, code, customerId, issuedAt: at, issuedBy: ctx.memberId })
			);
			issued++;
		}
	}, ctx.origin);
	return { ok: true, value: { issued, skipped } };
}

/** Each campaign's figures: issued, redeemed, the rate and the revenue of purchases using it. */
export function campaignFigures(ws: WorkspaceDoc): Record<string, CampaignFigures> {
	const figures: Record<string, CampaignFigures> = {};
	const of = (id: string) =>
		(figures[id] ??= { issued: 0, redeemed: 0, rate: null, revenueCents: 0, overused: 0 });
	for (const campaign of campaignsOf(ws)) of(campaign.id);
	for (const code of issuedCodes(ws)) of(code.campaignId).issued++;
	const usesOfCode = new Map<string, number>();
	for (const used of liveRedemptions(ws)) {
		const figure = of(used.campaignId);
		figure.redeemed++;
		figure.revenueCents += used.paidCents;
		usesOfCode.set(used.code, (usesOfCode.get(used.code) ?? 0) + 1);
	}
	for (const code of issuedCodes(ws)) {
		if ((usesOfCode.get(code.code) ?? 0) > 1) of(code.campaignId).overused++;
	}
	for (const figure of Object.values(figures)) {
		figure.rate = figure.issued > 0 ? figure.redeemed / figure.issued : null;
	}
	return figures;
}

/** A campaign's issued codes with how often each was used, newest first. */
export function campaignCodes(ws: WorkspaceDoc, campaignId: string): CodeStatus[] {
	const uses = new Map<string, string[]>();
	for (const used of liveRedemptions(ws)) {
		if (used.campaignId !== campaignId) continue;
		const list = uses.get(used.code);
		if (list) list.push(used.purchaseId);
		else uses.set(used.code, [used.purchaseId]);
	}
	const codes: CodeStatus[] = [];
	for (const code of issuedCodes(ws)) {
		if (code.campaignId !== campaignId) continue;
		const usedOn = uses.get(code.code) ?? [];
		codes.push({
			id: code.id,
			code: code.code,
			customerId: eventOwner(ws, code.customerId),
			issuedAt: code.issuedAt,
			uses: usedOn.length,
			usedOn
		});
	}
	return codes.sort((a, b) => b.issuedAt - a.issuedAt || (a.code < b.code ? -1 : 1));
}

/** The coupons a customer holds and has used, for their profile. */
export function customerCoupons(ws: WorkspaceDoc, customerId: string): CustomerCoupons {
	const held: (CodeStatus & { campaignName: string })[] = [];
	const usedOn: Record<string, string> = {};
	const seen = new Set<string>();
	for (const code of issuedCodes(ws)) {
		if (eventOwner(ws, code.customerId) !== customerId || seen.has(code.campaignId)) continue;
		seen.add(code.campaignId);
		const campaign = campaignOf(ws, code.campaignId);
		if (!campaign) continue;
		for (const status of campaignCodes(ws, code.campaignId)) {
			if (status.customerId === customerId) held.push({ ...status, campaignName: campaign.name });
		}
	}
	for (const used of liveRedemptions(ws)) {
		if (used.customerId === customerId) usedOn[used.purchaseId] = used.code;
	}
	return { held, usedOn };
}
