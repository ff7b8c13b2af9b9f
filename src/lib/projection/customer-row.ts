import type { TaskRecord } from '../crdt/activity-records';
import { splitList, type CustomerRecord } from '../domain/customer';
import type { CustomerMetrics } from '../domain/customer-metrics';
import { effectiveDue } from '../domain/follow-ups';
import { phoneDigits } from '../domain/phone';
import { customerSearchText, FIELD_SEPARATOR, nameKeys } from '../domain/search-keys';
import type { CustomerRow, TaskRow } from './db';

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

export function toTaskRow(record: TaskRecord): TaskRow {
	return { ...record, effectiveDue: effectiveDue(record) };
}
