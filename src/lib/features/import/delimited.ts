import Papa from 'papaparse';
import { tableFromRows, type ImportTable, type ImportTableRow } from './table';

/** Reads CSV, TSV or any other delimited text; the delimiter is detected from the first lines. */
export function readDelimited(text: string): ImportTable & { delimiter: string } {
	const result = Papa.parse<string[]>(text, {
		delimitersToGuess: [',', '\t', ';', '|'],
		skipEmptyLines: false
	});
	const problems = new Map<number, ImportTableRow['problem']>();
	for (const error of result.errors) {
		if (error.code === 'MissingQuotes' && typeof error.row === 'number') {
			problems.set(error.row, 'unclosedQuote');
		}
	}
	return { ...tableFromRows(result.data, problems), delimiter: result.meta.delimiter };
}
