import { calendarDaysBetween } from '../../domain/dates';
import { churnRisk } from '../value/rules/churn';
import type { SegmentCustomer } from '../segments/rules/segment-match';
import type { PlannedResult } from './automation-commands';
import type { AutomationRow } from './rules/automations';
import { triggerOccasion, type AutomationFacts } from './rules/triggers';

/** What a run knows of the shop besides its rules and customers. */
export interface PlanContext {
	today: string;
	/** A saved segment's test, by id; a rule naming a segment that is gone acts on nobody. */
	segmentTest(id: string): ((customer: SegmentCustomer) => boolean) | null;
	/** Tier changes and expiring points, while loyalty is on (else null). */
	loyalty: ((customerId: string) => Pick<AutomationFacts, 'tierChanges' | 'expiring'>) | null;
	/** The index of a tier among the shop's tiers, -1 when there is none. */
	tierIndex(tierId: string): number;
	/** Whether a customer came in an import or with the demo shop (asked for "new customer"). */
	broughtIn?(customerId: string): boolean;
}

const noon = (day: string) => Date.parse(`${day}T12:00:00`);

function factsOf(customer: SegmentCustomer, context: PlanContext, rule: AutomationRow) {
	const needsLoyalty =
		rule.trigger.kind === 'reachedTier' || rule.trigger.kind === 'pointsExpiring';
	const facts: AutomationFacts = {
		id: customer.id,
		createdAt: customer.createdAt,
		broughtIn:
			rule.trigger.kind === 'newCustomer' ? (context.broughtIn?.(customer.id) ?? false) : false,
		birthday: customer.birthday,
		birthdayCalendar: customer.birthdayCalendar,
		lastPurchaseAt: customer.lastPurchaseAt,
		highRiskOn: (day) =>
			customer.lastPurchaseAt !== null &&
			churnRisk(
				{
					daysSince: calendarDaysBetween(customer.lastPurchaseAt, noon(day)),
					usualIntervalDays: customer.usualIntervalDays
				},
				null
			).level === 'high'
	};
	return needsLoyalty && context.loyalty ? { ...facts, ...context.loyalty(customer.id) } : facts;
}

/** Every enabled rule's results due today (or in the catch-up days), one per customer. */
export function planAutomations(
	rules: readonly AutomationRow[],
	customers: readonly SegmentCustomer[],
	context: PlanContext
): PlannedResult[] {
	const planned: PlannedResult[] = [];
	for (const rule of rules) {
		const inSegment = rule.segmentId ? context.segmentTest(rule.segmentId) : () => true;
		if (!inSegment) continue;
		const tierIndex =
			rule.trigger.kind === 'reachedTier' ? context.tierIndex(rule.trigger.tierId) : -1;
		for (const customer of customers) {
			if (!inSegment(customer)) continue;
			const occasion = triggerOccasion(
				rule.trigger,
				factsOf(customer, context, rule),
				context.today,
				tierIndex
			);
			if (occasion === null) continue;
			planned.push({
				ruleId: rule.id,
				ruleName: rule.name,
				customerId: customer.id,
				occasion,
				actions: rule.actions
			});
		}
	}
	return planned;
}
