import type { InteractionRecord, PurchaseRecord, TaskRecord } from '../crdt/activity-records';
import { purchaseTotalCents } from '../domain/activity';
import { splitList, type CustomerRecord } from '../domain/customer';
import { customerMetrics, type CustomerMetrics } from '../domain/customer-metrics';
import { effectiveDue } from '../domain/follow-ups';
import { phoneDigits } from '../domain/phone';
import { customerSearchText, FIELD_SEPARATOR, nameKeys } from '../domain/search-keys';
import type { CustomerRow, InteractionRow, PurchaseRow, TaskRow } from './db';

export function toCustomerRow(record: CustomerRecord, metrics: CustomerMetrics): CustomerRow {
	const keys = nameKeys(record.name);
	return {
		...record,
		...metrics,
		sortName: keys.sortKey,
		searchText: customerSearchText(record, keys),
		// Every number, kept apart, so a phone search finds a customer by any of them.
		phoneDigits: [record.phone, ...splitList(record.otherPhones)]
			.map(phoneDigits)
			.filter(Boolean)
			.join(FIELD_SEPARATOR)
	};
}

export function toPurchaseRow(record: PurchaseRecord): PurchaseRow {
	return { ...record, totalCents: purchaseTotalCents(record) };
}

export function toInteractionRow(record: InteractionRecord): InteractionRow {
	return record;
}

export function toTaskRow(record: TaskRecord): TaskRow {
	return { ...record, effectiveDue: effectiveDue(record) };
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
