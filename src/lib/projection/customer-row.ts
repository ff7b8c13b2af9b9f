import { splitList, type CustomerRecord } from '../features/customers/rules/customer';
import type { CustomerMetrics } from '../features/customers/rules/customer-metrics';
import { phoneDigits } from '../features/customers/rules/phone';
import {
	customerSearchText,
	FIELD_SEPARATOR,
	nameKeys
} from '../features/customers/rules/search-keys';
import type { CustomerRow } from './db';

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
