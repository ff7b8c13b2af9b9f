import type { LifecycleStage } from '../../customers/rules/customer';
import { suggestStage, type CustomerMetrics } from '../../customers/rules/customer-metrics';
import { addDays, calendarDaysBetween, daysUntilBirthday } from '../../../domain/dates';
import { churnRisk, type RiskReason } from '../../value/rules/churn';

export interface BirthdayCustomer {
	id: string;
	birthday: string;
	birthdayCalendar?: string;
}

/**
 * Customers whose birthday falls within the next `days` days (0 = today), soonest first.
 * Birthdays kept in the lunar calendar are left to Care's occasions, which convert them: read
 * as a Gregorian date, 八月十五 would be greeted on 15 August.
 */
export function upcomingBirthdays<T extends BirthdayCustomer>(
	customers: readonly T[],
	todayKey: string,
	days = 7
): { customer: T; inDays: number }[] {
	const inWindow = days <= 300 ? monthDaysAhead(todayKey, days) : null;
	const found: { customer: T; inDays: number }[] = [];
	for (const customer of customers) {
		if (!customer.birthday || customer.birthdayCalendar === 'lunar') continue;
		// One lookup of the birthday's month and day rather than dates made for every customer.
		if (inWindow && !inWindow.has(customer.birthday.slice(5))) continue;
		const inDays = daysUntilBirthday(customer.birthday, todayKey);
		if (inDays !== null && inDays < days) found.push({ customer, inDays });
	}
	return found.sort((a, b) => a.inDays - b.inDays);
}

/** The month-days (MM-DD) of the `days` days from `todayKey`; Feb 29 with Mar 1 in other years. */
function monthDaysAhead(todayKey: string, days: number): Set<string> {
	const monthDays = new Set<string>();
	for (let ahead = 0; ahead < days; ahead++) monthDays.add(addDays(todayKey, ahead).slice(5));
	if (monthDays.has('03-01')) monthDays.add('02-29');
	return monthDays;
}

/** Customers the numbers call "at risk" whose recorded stage does not say so (nor "lost"). */
export function newlyAtRisk<T extends CustomerMetrics & { stage: LifecycleStage }>(
	customers: readonly T[],
	now: number
): T[] {
	return customers.filter(
		(customer) =>
			customer.stage !== 'at_risk' &&
			customer.stage !== 'lost' &&
			suggestStage(customer, now).stage === 'at_risk'
	);
}

/**
 * Customers whom their own buying rhythm (see `churnRisk`) calls high risk today but did not a
 * week ago: the ones to call this week. Most value first: a year of their usual buying
 * (365 ÷ usual interval × average order), or one order for a one-time buyer.
 */
export function becameHighRisk<T extends CustomerMetrics>(
	customers: readonly T[],
	now: number
): { customer: T; reason: RiskReason; yearCents: number }[] {
	const found: { customer: T; reason: RiskReason; yearCents: number }[] = [];
	for (const customer of customers) {
		if (customer.lastPurchaseAt === null || customer.purchaseCount === 0) continue;
		const daysSince = calendarDaysBetween(customer.lastPurchaseAt, now);
		const facts = { daysSince, usualIntervalDays: customer.usualIntervalDays };
		const today = churnRisk(facts, null);
		if (today.level !== 'high') continue;
		if (churnRisk({ ...facts, daysSince: daysSince - 7 }, null).level === 'high') continue;
		const interval = customer.usualIntervalDays;
		const yearCents =
			interval === null
				? customer.averageOrderCents
				: Math.round((365 / interval) * customer.averageOrderCents);
		found.push({ customer, reason: today.reasons[0]!, yearCents });
	}
	return found.sort((a, b) => b.yearCents - a.yearCents);
}

/** What Today shows as a whole. */
export type TodayView = 'opening' | 'loading' | 'start' | 'allClear' | 'agenda';

export interface TodayCounts {
	/** Customers in the archive (not deleted). */
	customers: number;
	/** The archive is still being opened or rebuilt, so "no customers" may not be true yet. */
	opening: boolean;
	/** Customers and due tasks have been read. */
	loaded: boolean;
	dueTasks: number;
	birthdays: number;
	atRisk: number;
}

/**
 * An empty archive gets the ways to begin, not "all clear": a new shop has nothing to be clear
 * of. "All clear" is for an archive with customers and nothing to do today.
 */
export function todayView(counts: TodayCounts): TodayView {
	if (counts.customers === 0 && counts.opening) return 'opening';
	if (!counts.loaded) return 'loading';
	if (counts.customers === 0) return 'start';
	if (counts.dueTasks + counts.birthdays + counts.atRisk === 0) return 'allClear';
	return 'agenda';
}
