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

function sheetRows(workbook: WorkBook, name: string): string[][] {
	const sheet = workbook.Sheets[name];
	if (!sheet || !sheet['!ref']) return [];
	const range = utils.decode_range(sheet['!ref']);
	const rows: string[][] = [];
	for (let r = range.s.r; r <= range.e.r; r++) {
		const row: string[] = [];
		for (let c = range.s.c; c <= range.e.c; c++) {
			row.push(cellText(sheet[utils.encode_cell({ r, c })] as CellObject | undefined));
		}
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
