import { FILE_LIMITS } from '../../domain/file-limits';
import { readDelimited } from './delimited';
import { openWorkbook } from './spreadsheet';
import type { ImportTable } from './table';
import { decodeText, detectEncoding, type TextEncodingName } from './text-encoding';
import { readVCards } from './vcard';
import { checkWorkbookBounds, WorkbookBoundsError } from './workbook-bounds';

export type ImportFileFormat = 'delimited' | 'workbook' | 'vcard';

export interface ReadFileResult {
	format: ImportFileFormat;
	table: ImportTable;
	/** For text files: the encoding used (detected unless the user chose one). */
	encoding?: TextEncodingName;
	/** For workbooks: every sheet, and the one read. */
	sheetNames?: string[];
	sheet?: string;
	/** For delimited text: the separator found. */
	delimiter?: string;
}

export class UnreadableFileError extends Error {
	constructor(
		readonly reason: 'empty' | 'workbook' | 'vcard' | 'noRows' | 'tooLarge' | 'unpackedTooLarge'
	) {
		super(reason);
		this.name = 'UnreadableFileError';
	}
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const starts = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads any file the import accepts into a table, choosing the reader from the bytes (and the
 * name only as a hint), so a renamed file still reads right.
 */
export function readImportFile(
	bytes: Uint8Array,
	fileName: string,
	choice: { encoding?: TextEncodingName; sheet?: string } = {}
): ReadFileResult {
	if (bytes.length === 0) throw new UnreadableFileError('empty');
	// The page refuses such a file before reading it; this holds for any other caller.
	if (bytes.length > FILE_LIMITS.import) throw new UnreadableFileError('tooLarge');
	if (starts(bytes, ZIP) || starts(bytes, OLE) || /\.xlsx?$/i.test(fileName)) {
		let workbook;
		try {
			workbook = openWorkbook(bytes);
		} catch {
			throw new UnreadableFileError('workbook');
		}
		const sheet =
			choice.sheet && workbook.sheetNames.includes(choice.sheet)
				? choice.sheet
				: workbook.sheetNames.find((name) => workbook.table(name).rows.length > 0);
		if (!sheet) throw new UnreadableFileError('noRows');
		return {
			format: 'workbook',
			table: workbook.table(sheet),
			sheetNames: workbook.sheetNames,
			sheet
		};
	}
	const encoding = choice.encoding ?? detectEncoding(bytes);
	const text = decodeText(bytes, encoding);
	if (/^\s*BEGIN:VCARD/i.test(text)) {
		// The vcf library throws its own SyntaxError at the first broken card (found by fuzzing).
		let table: ImportTable;
		try {
			table = readVCards(text);
		} catch {
			throw new UnreadableFileError('vcard');
		}
		return { format: 'vcard', table, encoding };
	}
	const { delimiter, ...table } = readDelimited(text);
	if (table.headers.length === 0) throw new UnreadableFileError('noRows');
	return { format: 'delimited', table, encoding, delimiter };
}

/**
 * What the import worker runs: a workbook's unpacked size is bounded first (see
 * workbook-bounds.ts), which needs the platform's asynchronous inflater, then the file is read.
 */
export async function readImportBytes(
	bytes: Uint8Array,
	fileName: string,
	choice: { encoding?: TextEncodingName; sheet?: string } = {}
): Promise<ReadFileResult> {
	if (bytes.length > FILE_LIMITS.import) throw new UnreadableFileError('tooLarge');
	try {
		await checkWorkbookBounds(bytes);
	} catch (error) {
		if (error instanceof WorkbookBoundsError) throw new UnreadableFileError(error.problem);
		throw new UnreadableFileError('workbook');
	}
	return readImportFile(bytes, fileName, choice);
}
