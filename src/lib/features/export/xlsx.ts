import { utils, write } from '@e965/xlsx';

/**
 * An Excel workbook with one sheet per table. Text is written as text, never as formulas,
 * so a value starting with = stays a value; long digit strings (phones) keep every digit.
 */
export function tablesToXlsx(sheets: { name: string; rows: (string | number)[][] }[]): Uint8Array {
	const workbook = utils.book_new();
	for (const sheet of sheets) {
		const worksheet = utils.aoa_to_sheet(sheet.rows);
		// Wide enough to read names and phones without dragging columns.
		worksheet['!cols'] = (sheet.rows[0] ?? []).map(() => ({ wch: 18 }));
		// Excel limits sheet names to 31 characters without some punctuation.
		utils.book_append_sheet(
			workbook,
			worksheet,
			sheet.name.replace(/[[\]*?/\\:]/g, ' ').slice(0, 31)
		);
	}
	return write(workbook, { type: 'array', bookType: 'xlsx', compression: true }) as Uint8Array;
}
