/**
 * Matching a search box query against the search text that the projection stores per customer.
 * Kept free of the pinyin dictionary: it runs on every keystroke in the first route.
 */

const PHONE_LIKE = /^\+?[\d\s\-().]+$/;
const MIN_PHONE_FRAGMENT = 4;

export interface SearchQuery {
	/** Every token must appear in the customer's search text. */
	tokens: string[];
	/** Set when the whole query is a phone fragment of 4+ digits. */
	phoneFragment: string | null;
}

export function parseSearchQuery(raw: string): SearchQuery | null {
	const query = raw.trim().toLowerCase();
	if (query === '') return null;
	let phoneFragment: string | null = null;
	if (PHONE_LIKE.test(query)) {
		let digits = query.replace(/\D/g, '');
		if (query.startsWith('+86')) digits = digits.slice(2);
		else if (query.startsWith('0086')) digits = digits.slice(4);
		if (digits.length >= MIN_PHONE_FRAGMENT) phoneFragment = digits;
	}
	return { tokens: query.split(/\s+/), phoneFragment };
}

export interface Searchable {
	searchText: string;
	phoneDigits: string;
}

export function matchesSearch(row: Searchable, query: SearchQuery): boolean {
	if (query.phoneFragment !== null && row.phoneDigits.includes(query.phoneFragment)) return true;
	for (const token of query.tokens) {
		if (!row.searchText.includes(token)) return false;
	}
	return true;
}
