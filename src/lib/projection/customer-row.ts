import type { CustomerRecord } from '../domain/customer';
import { phoneDigits } from '../domain/phone';
import { customerSearchText, nameKeys } from '../domain/search-keys';
import type { CustomerRow } from './db';

export function toCustomerRow(record: CustomerRecord): CustomerRow {
	const keys = nameKeys(record.name);
	return {
		...record,
		sortName: keys.sortKey,
		searchText: customerSearchText(record, keys),
		phoneDigits: phoneDigits(record.phone)
	};
}
