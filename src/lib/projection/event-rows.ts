import type { InteractionRecord, PurchaseRecord } from '../features/activity/activity-records';
import { purchaseTotalCents } from '../features/activity/rules/purchase-total';
import {
	customerMetrics,
	type CustomerMetrics
} from '../features/customers/rules/customer-metrics';
import type { InteractionRow, PurchaseRow } from './db';

/*
 * Purchases and interactions as the screens read them. Kept apart from the customer rows'
 * builders, which carry the pinyin dictionary: showing a customer's events never needs it.
 */

export function toPurchaseRow(record: PurchaseRecord): PurchaseRow {
	return { ...record, totalCents: purchaseTotalCents(record) };
}

export function toInteractionRow(record: InteractionRecord): InteractionRow {
	return record;
}

export function metricsFromRows(
	purchases: readonly Pick<PurchaseRow, 'at' | 'totalCents'>[],
	interactions: readonly Pick<InteractionRow, 'at'>[]
): CustomerMetrics {
	return customerMetrics(
		purchases,
		interactions.map((interaction) => interaction.at)
	);
}
