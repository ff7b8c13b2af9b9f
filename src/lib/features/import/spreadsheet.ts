import { read, SSF, utils, type CellObject, type WorkBook } from '@e965/xlsx';
import { tableFromRows, type ImportTable } from './table';

/** An Excel workbook (.xlsx or the older .xls) opened for import. */
export interface OpenedWorkbook {
	sheetNames: string[];
	table(sheetName: string): ImportTable;
}

function isoDate(y: number, m: number, d: number): string {
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A cell as the text a person would type. Dates come out as YYYY-MM-DD (read from the serial
 * number, so no time zone can shift them), and long numbers such as phones keep every digit.
 */
function cellText(cell: CellObject | undefined): string {
	if (!cell || cell.v === undefined || cell.v === null) return '';
	if (cell.t === 'n' && typeof cell.v === 'number') {
		if (cell.z !== undefined && SSF.is_date(String(cell.z))) {
			const date = SSF.parse_date_code(cell.v);
			if (date) return isoDate(date.y, date.m, date.d);
		}
		return Number.isInteger(cell.v) ? cell.v.toFixed(0) : String(cell.v);
	}
	if (cell.t === 'd' && cell.v instanceof Date) {
		return isoDate(cell.v.getFullYear(), cell.v.getMonth() + 1, cell.v.getDate());
	}
	if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
	if (cell.t === 'e') return '';
	return String(cell.v);
}

/** More columns than any import has: a sheet's stray cell far to the right is not read across. */
const MAX_COLUMNS = 256;

/**
 * The sheet's rows, from the cells it holds rather than the range it declares: a file may
 * declare A1:XFD1048576 (17 billion cells) around a few real rows, and walking that range
 * never ended. Rows without a cell are left out (an import skips blank rows anyway).
 */
export function sheetRows(workbook: WorkBook, name: string): string[][] {
	const sheet = workbook.Sheets[name];
	if (!sheet) return [];
	const cellsByRow = new Map<number, Map<number, CellObject>>();
	let firstColumn = Number.POSITIVE_INFINITY;
	let lastColumn = -1;
	for (const [address, cell] of Object.entries(sheet)) {
		if (address.startsWith('!')) continue;
		const { r, c } = utils.decode_cell(address);
		if (r < 0 || c < 0) continue;
		let row = cellsByRow.get(r);
		if (!row) cellsByRow.set(r, (row = new Map()));
		row.set(c, cell as CellObject);
		firstColumn = Math.min(firstColumn, c);
		lastColumn = Math.max(lastColumn, c);
	}
	if (lastColumn < 0) return [];
	lastColumn = Math.min(lastColumn, firstColumn + MAX_COLUMNS - 1);
	const rows: string[][] = [];
	for (const r of [...cellsByRow.keys()].sort((a, b) => a - b)) {
		const cells = cellsByRow.get(r)!;
		const row: string[] = [];
		for (let c = firstColumn; c <= lastColumn; c++) row.push(cellText(cells.get(c)));
		rows.push(row);
	}
	return rows;
}

export function openWorkbook(bytes: Uint8Array): OpenedWorkbook {
	const workbook = read(bytes, { type: 'array', cellDates: false, cellNF: true, dense: false });
	return {
		sheetNames: workbook.SheetNames,
		table: (name) => tableFromRows(sheetRows(workbook, name))
	};
}
