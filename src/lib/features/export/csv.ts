import Papa from 'papaparse';

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a formula,
 * so a customer named "=HYPERLINK(…)" could act on the shopkeeper's computer. Such values get
 * a leading apostrophe, which spreadsheets show as text; our import takes it off again.
 */
export function neutraliseFormula(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV that Excel opens right in every language: UTF-8 with a byte-order mark, CRLF lines. */
export function toCsv(rows: readonly (readonly string[])[]): string {
	const safe = rows.map((row) => row.map(neutraliseFormula));
	return `\uFEFF${Papa.unparse(safe, { newline: '\r\n', quotes: false })}\r\n`;
}

/** Offers a file to the user through the browser's download. */
export function downloadFile(name: string, content: BlobPart, type: string): void {
	const url = URL.createObjectURL(new Blob([content], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
