import { entityOf, isDeleted, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { loyaltyIndexOf, type PaidPurchase } from './loyalty-index';
import { LOYALTY_SETTINGS_KEY } from './loyalty-keys';
import type { StoredPointsEntry } from './points-entries';
import { readLoyaltySettings, type LoyaltySettings } from './rules/loyalty-settings';
import {
	countedEntries,
	countsAsEarned,
	pointsStanding,
	type PointsStanding
} from './rules/points-ledger';
import {
	nextTier,
	tierStanding,
	windowedSteps,
	type MeasureStep,
	type TierStanding
} from './rules/tiers';

export function loyaltySettingsOf(ws: WorkspaceDoc): LoyaltySettings {
	return readLoyaltySettings(ws.meta.get(LOYALTY_SETTINGS_KEY));
}

/** The steps of the measure the shop's tiers are reached by. */
export function tierSteps(
	records: { purchases: readonly PaidPurchase[]; entries: readonly StoredPointsEntry[] },
	settings: LoyaltySettings
): MeasureStep[] {
	const { basis, windowMonths } = settings.tiers;
	if (basis === 'points') {
		const live = new Set(records.purchases.map((purchase) => purchase.id));
		return countedEntries(records.entries, live)
			.filter(countsAsEarned)
			.map((entry) => ({ at: entry.at, delta: entry.points }));
	}
	return windowedSteps(
		records.purchases.map((p) => ({ at: p.at, amount: basis === 'spend' ? p.totalCents : 1 })),
		windowMonths
	);
}

/** A customer's points, tier and ledger as of `now`. */
export interface CustomerLoyalty {
	points: PointsStanding;
	tier: TierStanding;
	/** What is missing for the next tier up, or null at the top. */
	next: { index: number; missing: number } | null;
	/** Newest first. */
	entries: StoredPointsEntry[];
}

export function customerLoyalty(
	ws: WorkspaceDoc,
	customerId: string,
	now: number,
	settings = loyaltySettingsOf(ws)
): CustomerLoyalty {
	const records = loyaltyIndexOf(ws).recordsOf(customerId);
	const tier = tierStanding(tierSteps(records, settings), settings.tiers, now);
	const live = new Set(records.purchases.map((purchase) => purchase.id));
	return {
		points: pointsStanding(records.entries, now, settings.expiryMonths, undefined, live),
		tier,
		next: nextTier(tier, settings.tiers),
		entries: [...records.entries].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
	};
}

/**
 * Every live customer's tier and balance as of `now`, for the list: columns rather than
 * objects, so 10,000 customers cross to the page as four arrays. Customers without any
 * purchase or points are left out (their tier is `baseTier`, their balance 0).
 */
export interface LoyaltyStandings {
	ids: string[];
	tier: Int8Array;
	balance: Float64Array;
	/** 1 where more points were spent than there were (see PointsStanding.overdrawn). */
	overdrawn: Uint8Array;
	/** The tier of a customer with nothing yet: the lowest, when it starts at 0. */
	baseTier: number;
}

export function loyaltyStandings(
	ws: WorkspaceDoc,
	now: number,
	settings = loyaltySettingsOf(ws)
): LoyaltyStandings {
	const all = loyaltyIndexOf(ws).everyCustomer();
	const ids: string[] = [];
	const tiers: number[] = [];
	const balances: number[] = [];
	const overdrawn: number[] = [];
	for (const [customerId, records] of all) {
		const map = entityOf(ws.customers, customerId);
		if (!map || isDeleted(map)) continue;
		ids.push(customerId);
		tiers.push(tierStanding(tierSteps(records, settings), settings.tiers, now).tier);
		const live = new Set(records.purchases.map((purchase) => purchase.id));
		const points = pointsStanding(records.entries, now, settings.expiryMonths, undefined, live);
		balances.push(points.balance);
		overdrawn.push(points.overdrawn > 0 ? 1 : 0);
	}
	return {
		ids,
		tier: Int8Array.from(tiers),
		balance: Float64Array.from(balances),
		overdrawn: Uint8Array.from(overdrawn),
		baseTier: tierStanding([], settings.tiers, now).tier
	};
}
