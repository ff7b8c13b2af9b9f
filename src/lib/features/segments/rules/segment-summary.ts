import { LIFECYCLE_STAGES } from '../../customers/rules/customer';
import type { SegmentCustomer } from './segment-match';

/** What a segment's members add up to, for comparing two segments side by side. */
export interface SegmentSummary {
	customers: number;
	/** Everything they ever spent, after discounts, in cents. */
	revenueCents: number;
	purchases: number;
	/** Revenue ÷ purchases, rounded to the cent; null without purchases. */
	averageOrderCents: number | null;
	/** Members by stage, in LIFECYCLE_STAGES order. */
	stages: number[];
}

export function summariseMembers(members: readonly SegmentCustomer[]): SegmentSummary {
	let revenueCents = 0;
	let purchases = 0;
	const stages = LIFECYCLE_STAGES.map(() => 0);
	for (const member of members) {
		revenueCents += member.totalSpentCents;
		purchases += member.purchaseCount;
		const stage = LIFECYCLE_STAGES.indexOf(member.stage);
		if (stage !== -1) stages[stage]!++;
	}
	return {
		customers: members.length,
		revenueCents,
		purchases,
		averageOrderCents: purchases === 0 ? null : Math.round(revenueCents / purchases),
		stages
	};
}
