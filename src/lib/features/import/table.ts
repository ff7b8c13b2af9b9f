/** What every reader produces: one header row and the data rows, all cells as text. */
export interface ImportTable {
	headers: string[];
	rows: ImportTableRow[];
	/** What one row is in the file, for messages: a row of a sheet or CSV, or a contact card. */
	unit?: 'row' | 'card';
}

export interface ImportTableRow {
	/** Line (CSV), row (sheet) or card number in the file, from 1, for messages the user can find. */
	line: number;
	cells: string[];
	/** Set when the reader could not make sense of the row's shape. */
	problem?: 'tooManyValues' | 'unclosedQuote';
}

/** The first non-empty row is the header; empty rows are not data. */
export function tableFromRows(
	rows: string[][],
	problems = new Map<number, ImportTableRow['problem']>()
): ImportTable {
	const isEmpty = (row: string[]) => row.every((cell) => cell.trim() === '');
	const headerIndex = rows.findIndex((row) => !isEmpty(row));
	if (headerIndex < 0) return { headers: [], rows: [] };
	const headers = rows[headerIndex]!.map((cell) => cell.trim());
	const data: ImportTableRow[] = [];
	for (let i = headerIndex + 1; i < rows.length; i++) {
		const cells = rows[i]!;
		if (isEmpty(cells)) continue;
		const problem =
			problems.get(i) ??
			(cells.length > headers.length &&
			cells.slice(headers.length).some((cell) => cell.trim() !== '')
				? 'tooManyValues'
				: undefined);
		data.push({ line: i + 1, cells, ...(problem ? { problem } : {}) });
	}
	return { headers, rows: data };
}
