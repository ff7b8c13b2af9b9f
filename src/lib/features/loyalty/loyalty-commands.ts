import type { CommandContext } from '../../core/command-context';
import { commandTime } from '../../crdt/stamps';
import { newId } from '../../crdt/ids';
import { eventOwner, liveCustomer, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { liveEventValue } from '../activity/event-tombstones';
import { readPurchase } from '../activity/activity-records';
import { purchaseTotalCents } from '../activity/rules/purchase-total';
import { loyaltyIndexOf } from './loyalty-index';
import { LOYALTY_SETTINGS_KEY } from './loyalty-keys';
import { loyaltySettingsOf } from './loyalty-reads';
import { MAX_REASON } from './points-entries';
import { earnRuleAt, writeEntry, writeGeneration } from './purchase-points';
import { readLoyaltySettings, type LoyaltySettings } from './rules/loyalty-settings';
import { pointsEarned } from './rules/points';
import { purchaseEntries } from './rules/points-ledger';

/**
 * Sets how every colleague's device rewards customers. What is stored is what
 * `readLoyaltySettings` makes of the input: a part it cannot read is stored as its default.
 */
export function setLoyaltySettings(ctx: CommandContext, settings: LoyaltySettings): void {
	const clean = readLoyaltySettings(settings);
	ctx.ws.doc.transact(
		() =>
			ctx.ws.meta.set(LOYALTY_SETTINGS_KEY, {
				...clean,
				earn: { ...clean.earn },
				redeem: { ...clean.redeem },
				tiers: { ...clean.tiers, list: clean.tiers.list.map((tier) => ({ ...tier })) }
			}),
		ctx.origin
	);
}

export type AdjustResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; errors: { points?: string; reason?: string } }
	| { ok: false; reason: 'notFound' };

/** Adds or takes points by hand, with the reason the ledger shows. */
export function adjustPoints(
	ctx: CommandContext,
	customerId: string,
	points: number,
	reason: string
): AdjustResult {
	const errors: { points?: string; reason?: string } = {};
	if (!Number.isInteger(points) || points === 0 || Math.abs(points) > 1e9) {
		errors.points = 'loyalty.errors.pointsWhole';
	}
	const why = reason.trim();
	if (!why) errors.reason = 'validation.required';
	else if (why.length > MAX_REASON) errors.reason = 'validation.tooLong';
	if (errors.points || errors.reason) return { ok: false, reason: 'invalid', errors };
	if (!liveCustomer(ctx.ws, customerId)) return { ok: false, reason: 'notFound' };
	const id = `adjust.${newId()}`;
	ctx.ws.doc.transact(() => {
		writeEntry(ctx, id, { customerId, at: commandTime(ctx), kind: 'adjust', points, reason: why });
	}, ctx.origin);
	return { ok: true, value: id };
}

/**
 * The live purchases of live customers that have no points entry at all (recorded before
 * loyalty was on), in time order, so each earns with the tier its earlier purchases reached.
 */
export function uncreditedPurchases(ws: WorkspaceDoc): { id: string; at: number }[] {
	const found: { id: string; at: number }[] = [];
	for (const [customerId, records] of loyaltyIndexOf(ws).everyCustomer()) {
		if (!liveCustomer(ws, customerId)) continue;
		const credited = new Set(records.entries.map((entry) => entry.purchaseId));
		for (const purchase of records.purchases) {
			if (!credited.has(purchase.id)) found.push({ id: purchase.id, at: purchase.at });
		}
	}
	return found.sort((a, b) => a.at - b.at);
}

/** Points for one purchase recorded before loyalty was on, as its first generation. */
export function creditPastPurchase(ctx: CommandContext, purchaseId: string): boolean {
	const settings = loyaltySettingsOf(ctx.ws);
	const record = readPurchase(purchaseId, liveEventValue(ctx.ws, 'purchases', purchaseId));
	if (!settings.enabled || !record) return false;
	const customerId = eventOwner(ctx.ws, record.customerId);
	if (!liveCustomer(ctx.ws, customerId)) return false;
	// Another device may have credited it meanwhile: the same id makes it the same entry.
	if (
		purchaseEntries(loyaltyIndexOf(ctx.ws).recordsOf(customerId).entries, purchaseId).generation >=
		0
	)
		return false;
	const rule = earnRuleAt(ctx.ws, settings, customerId, record.at);
	writeGeneration(
		ctx,
		purchaseId,
		0,
		customerId,
		record.at,
		{
			points: pointsEarned(purchaseTotalCents(record), rule),
			rule
		},
		0
	);
	return true;
}
