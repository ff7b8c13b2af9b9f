import type { CustomerRow } from '$lib/projection/db';

const SHOWN = 6;

/**
 * The first customers whose name, or phone number's digits, hold what was typed: enough to
 * pick one for a deal, a feedback item or a survey answer without a list of every customer.
 */
export function matchingCustomers(
	rows: readonly Pick<CustomerRow, 'id' | 'name' | 'phone' | 'phoneDigits' | 'searchText'>[],
	query: string
): typeof rows {
	const text = query.trim().toLowerCase();
	if (!text) return [];
	const digits = text.replace(/\D/g, '');
	const found: (typeof rows)[number][] = [];
	for (const row of rows) {
		if (
			row.name.toLowerCase().includes(text) ||
			row.searchText.includes(text) ||
			(digits.length >= 3 && row.phoneDigits.includes(digits))
		)
			found.push(row);
		if (found.length === SHOWN) break;
	}
	return found;
}
