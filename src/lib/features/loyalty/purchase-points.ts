/**
 * Points on purchases: what the purchase commands call in their own transaction (earn,
 * redeem, reverse, restore, re-earn on an edit). Loaded before the first purchase command
 * (activity/purchase-effects.ts), with the lunar calendar a lunar birthday month needs.
 */
import type { CommandContext } from '../../core/command-context';
import { commandTime } from '../../crdt/stamps';
import { entityOf, eventOwner, str, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { liveEventValue } from '../activity/event-tombstones';
import { readPurchase } from '../activity/activity-records';
import type { PurchaseFields } from '../activity/rules/activity-fields';
import { purchaseTotalCents } from '../activity/rules/purchase-total';
import { loyaltyIndexOf } from './loyalty-index';
import { customerLoyalty, loyaltySettingsOf, tierSteps } from './loyalty-reads';
import { isBirthdayMonth } from './rules/birthday-month';
import { encodePointsEntry, type NewPointsEntry } from './points-entries';
import type { LoyaltySettings } from './rules/loyalty-settings';
import {
	earnRuleOf,
	pointsEarned,
	redemptionProblem,
	redemptionValueCents,
	type EarnRule,
	type RedemptionProblem
} from './rules/points';
import {
	earnEntryId,
	purchaseEntries,
	redeemEntryId,
	reversalId,
	type PointsEntry
} from './rules/points-ledger';
import { tierStanding } from './rules/tiers';

export function writeEntry(ctx: CommandContext, id: string, entry: NewPointsEntry): void {
	// The same cause on two devices gives the same id: the second write is the same entry.
	if (ctx.ws.pointsLedger.has(id)) return;
	ctx.ws.pointsLedger.set(
		id,
		encodePointsEntry(entry, { createdAt: commandTime(ctx), createdBy: ctx.memberId })
	);
	loyaltyIndexOf(ctx.ws).noteEntry(id);
}

/**
 * Checks a new purchase's redemption: points need loyalty on, enough balance (as this device
 * knows it) and a discount that includes their value at the shop's rate, which is what the
 * purchase stores beside them.
 */
export function redemptionRefusal(
	ws: WorkspaceDoc,
	fields: PurchaseFields,
	now: number
):
	| { ok: true; value: { pointsRedeemed?: number; pointsValueCents?: number } }
	| { ok: false; problem: RedemptionProblem } {
	const points = fields.pointsRedeemed ?? 0;
	if (points <= 0) return { ok: true, value: {} };
	const settings = loyaltySettingsOf(ws);
	const customerId = eventOwner(ws, fields.customerId);
	const balance = customerLoyalty(ws, customerId, now, settings).points.balance;
	// The points' value is part of the discount, besides what a coupon took off.
	const discount = fields.discountCents - (fields.couponDiscountCents ?? 0);
	const problem = redemptionProblem(points, balance, discount, settings);
	if (problem) return { ok: false, problem };
	return {
		ok: true,
		value: { pointsRedeemed: points, pointsValueCents: redemptionValueCents(points, settings) }
	};
}

/** The earn rule for a purchase of `customerId` at `at`: their tier then, their birthday month. */
export function earnRuleAt(
	ws: WorkspaceDoc,
	settings: LoyaltySettings,
	customerId: string,
	at: number
): EarnRule {
	const records = loyaltyIndexOf(ws).recordsOf(customerId);
	// The tier before this purchase: strictly earlier records only.
	const tier = tierStanding(tierSteps(records, settings), settings.tiers, at - 1).tier;
	const multiplier = settings.tiers.list[tier]?.multiplier ?? 1;
	const customer = entityOf(ws.customers, customerId);
	const birthdayMonth =
		!!customer && isBirthdayMonth(str(customer, 'birthday'), str(customer, 'birthdayCalendar'), at);
	return earnRuleOf(settings, multiplier, birthdayMonth);
}

export function writeGeneration(
	ctx: CommandContext,
	purchaseId: string,
	generation: number,
	customerId: string,
	at: number,
	earned: { points: number; rule: EarnRule } | null,
	redeemed: number
): void {
	// An earn of 0 points is written too: it carries the generation and the rule, so an edit
	// that raises the amount later earns by them.
	if (earned) {
		writeEntry(ctx, earnEntryId(purchaseId, generation), {
			customerId,
			at,
			kind: 'earn',
			points: earned.points,
			purchaseId,
			rule: earned.rule
		});
	}
	if (redeemed > 0) {
		writeEntry(ctx, redeemEntryId(purchaseId, generation), {
			customerId,
			// Spent when it was recorded at the latest: a purchase dated ahead must not leave
			// its points to be spent again until that day.
			at: Math.min(at, commandTime(ctx)),
			kind: 'redeem',
			points: -redeemed,
			purchaseId
		});
	}
}

function reverse(ctx: CommandContext, entries: readonly PointsEntry[], customerId: string): void {
	for (const entry of entries) {
		writeEntry(ctx, reversalId(entry.id), {
			customerId,
			at: commandTime(ctx),
			kind: 'reverse',
			points: -entry.points,
			purchaseId: entry.purchaseId,
			of: entry.id,
			ofKind: entry.kind
		});
	}
}

/**
 * The points of a purchase just written, in its transaction: earned by the shop's rule (with
 * the customer's tier before it and their birthday month) and the points it redeemed.
 */
export function pointsForNewPurchase(
	ctx: CommandContext,
	purchaseId: string,
	fields: PurchaseFields
): void {
	const settings = loyaltySettingsOf(ctx.ws);
	loyaltyIndexOf(ctx.ws).notePurchase(purchaseId);
	if (!settings.enabled) return;
	const customerId = eventOwner(ctx.ws, fields.customerId);
	const rule = earnRuleAt(ctx.ws, settings, customerId, fields.at);
	const points = pointsEarned(purchaseTotalCents(fields), rule);
	writeGeneration(
		ctx,
		purchaseId,
		0,
		customerId,
		fields.at,
		{ points, rule },
		fields.pointsRedeemed ?? 0
	);
}

function purchaseState(ctx: CommandContext, purchaseId: string, customerId: string) {
	const owner = eventOwner(ctx.ws, customerId);
	const records = loyaltyIndexOf(ctx.ws).recordsOf(owner);
	return { owner, own: purchaseEntries(records.entries, purchaseId) };
}

/** A deleted purchase's points are taken back: its earn reversed, its redemption refunded. */
export function reversePurchasePoints(
	ctx: CommandContext,
	purchaseId: string,
	customerId: string
): void {
	const { owner, own } = purchaseState(ctx, purchaseId, customerId);
	reverse(ctx, own.active, owner);
}

/**
 * A restored purchase earns again, as the next generation, by the rule it first earned with
 * (the version restored may be one edited while it was deleted elsewhere), and redeems what it
 * redeemed.
 */
export function restorePurchasePoints(
	ctx: CommandContext,
	purchaseId: string,
	customerId: string
): void {
	const { owner, own } = purchaseState(ctx, purchaseId, customerId);
	if (own.generation < 0 || own.active.length > 0) return;
	const earn = own.latest.find((entry) => entry.kind === 'earn');
	const redeem = own.latest.find((entry) => entry.kind === 'redeem');
	const record = readPurchase(purchaseId, liveEventValue(ctx.ws, 'purchases', purchaseId));
	const at = record?.at ?? earn?.at ?? redeem?.at ?? commandTime(ctx);
	const rule = earn?.rule ?? noRule;
	writeGeneration(
		ctx,
		purchaseId,
		own.generation + 1,
		owner,
		at,
		earn
			? { points: record ? pointsEarned(purchaseTotalCents(record), rule) : earn.points, rule }
			: null,
		record?.pointsRedeemed ?? (redeem ? -redeem.points : 0)
	);
}

const noRule: EarnRule = { pointsPerUnit: 0, rounding: 'down', capPerOrder: 0, multiplier: 1 };

/**
 * An edited purchase earns again by the rule it first earned with (the amount or date may have
 * changed): when its points differ, the last generation is reversed and the next written.
 * A purchase that earned nothing before loyalty was on stays without points.
 */
export function repricePurchasePoints(
	ctx: CommandContext,
	purchaseId: string,
	fields: PurchaseFields
): void {
	const { owner, own } = purchaseState(ctx, purchaseId, fields.customerId);
	if (own.active.length === 0) return;
	const earn = own.active.find((entry) => entry.kind === 'earn');
	const redeem = own.active.find((entry) => entry.kind === 'redeem');
	const rule = earn?.rule ?? earnRuleAt(ctx.ws, loyaltySettingsOf(ctx.ws), owner, fields.at);
	const points = pointsEarned(purchaseTotalCents(fields), rule);
	const redeemed = fields.pointsRedeemed ?? (redeem ? -redeem.points : 0);
	const same =
		points === (earn?.points ?? 0) &&
		redeemed === (redeem ? -redeem.points : 0) &&
		own.active.every((entry) => entry.at === fields.at);
	if (same) return;
	reverse(ctx, own.active, owner);
	writeGeneration(
		ctx,
		purchaseId,
		own.generation + 1,
		owner,
		fields.at,
		{ points, rule },
		redeemed
	);
}
