import type { LifecycleStage } from './customer';
import { suggestStage, type CustomerMetrics } from './customer-metrics';
import { daysUntilBirthday } from './dates';

export interface BirthdayCustomer {
	id: string;
	birthday: string;
}

/** Customers whose birthday falls within the next `days` days (0 = today), soonest first. */
export function upcomingBirthdays<T extends BirthdayCustomer>(
	customers: readonly T[],
	todayKey: string,
	days = 7
): { customer: T; inDays: number }[] {
	const found: { customer: T; inDays: number }[] = [];
	for (const customer of customers) {
		if (!customer.birthday) continue;
		const inDays = daysUntilBirthday(customer.birthday, todayKey);
		if (inDays !== null && inDays < days) found.push({ customer, inDays });
	}
	return found.sort((a, b) => a.inDays - b.inDays);
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
