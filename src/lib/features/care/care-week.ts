import { addDays, localDateKey } from '../../domain/dates';
import { entityMaps, entityOf, isDeleted, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { loyaltyIndexOf } from '../loyalty/loyalty-index';
import { loyaltySettingsOf } from '../loyalty/loyalty-reads';
import { pointsStanding } from '../loyalty/rules/points-ledger';
import { campaignCodes } from '../coupons/coupon-commands';
import { campaignsOf } from '../coupons/coupon-records';
import {
	automationResultsSince,
	queuedGreetings,
	type LogEntry
} from '../automations/automation-reads';

const WEEK_MS = 7 * 86_400_000;

/** What Today shows of care for the week ahead (and what automations did in the week past). */
export interface CareWeek {
	/** Customers with points that expire within the week, soonest first. */
	pointsExpiring: { customerId: string; points: number; at: number }[];
	/** Campaigns whose last valid day falls within the week, with codes still unused. */
	couponsExpiring: { campaignId: string; name: string; validTo: string; unused: number }[];
	/** What automations did in the last seven days, newest first. */
	automation: LogEntry[];
	/** Greetings automations put on the send list, not sent yet. */
	queued: number;
	/** Open follow-ups due today at a set time: when asking to allow notifications makes sense. */
	timedToday: number;
}

export function careWeek(ws: WorkspaceDoc, now: number): CareWeek {
	const settings = loyaltySettingsOf(ws);
	const pointsExpiring: CareWeek['pointsExpiring'] = [];
	if (settings.enabled && settings.expiryMonths > 0) {
		for (const [customerId, records] of loyaltyIndexOf(ws).everyCustomer()) {
			const map = entityOf(ws.customers, customerId);
			if (!map || isDeleted(map)) continue;
			const live = new Set(records.purchases.map((purchase) => purchase.id));
			const standing = pointsStanding(records.entries, now, settings.expiryMonths, WEEK_MS, live);
			const first = standing.expiringSoon[0];
			if (!first) continue;
			const points = standing.expiringSoon.reduce((sum, lot) => sum + lot.points, 0);
			pointsExpiring.push({ customerId, points, at: first.at });
		}
	}
	const today = localDateKey(now);
	const weekEnd = addDays(today, 6);
	const couponsExpiring: CareWeek['couponsExpiring'] = [];
	for (const campaign of campaignsOf(ws)) {
		if (!campaign.validTo || campaign.validTo < today || campaign.validTo > weekEnd) continue;
		const unused = campaignCodes(ws, campaign.id).filter((code) => code.uses === 0).length;
		if (campaign.codeMode === 'shared' || unused > 0) {
			couponsExpiring.push({
				campaignId: campaign.id,
				name: campaign.name,
				validTo: campaign.validTo,
				unused
			});
		}
	}
	let timedToday = 0;
	for (const map of entityMaps(ws.tasks)) {
		if (map.get('status') === 'open' && map.get('due') === today && map.get('dueTime'))
			timedToday++;
	}
	return {
		timedToday,
		pointsExpiring: pointsExpiring.sort((a, b) => a.at - b.at),
		couponsExpiring: couponsExpiring.sort((a, b) => (a.validTo < b.validTo ? -1 : 1)),
		automation: automationResultsSince(ws, now - WEEK_MS),
		queued: queuedGreetings(ws).length
	};
}
