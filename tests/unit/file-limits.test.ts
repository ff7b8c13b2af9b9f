import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { utils as xlsxUtils, write as writeWorkbook } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import {
	checkFileSize,
	FILE_LIMITS,
	FileTooLargeError,
	oversize,
	WORKBOOK_UNPACKED_LIMIT
} from '../../src/lib/domain/file-limits';
import { isEncryptedBackup, openBackup } from '../../src/lib/features/backup/backup-file';
import {
	readImportBytes,
	readImportFile,
	UnreadableFileError
} from '../../src/lib/features/import/read-file';
import {
	checkWorkbookBounds,
	WorkbookBoundsError
} from '../../src/lib/features/import/workbook-bounds';
import { openChanges } from '../../src/lib/features/sync/sync-file';
import { unzipParts, zipParts } from './zip-parts';

const MB = 1024 * 1024;

function smallWorkbook(): Uint8Array {
	const book = xlsxUtils.book_new();
	const rows = [
		['Name', 'Phone'],
		['Li Na', '13800138000']
	];
	xlsxUtils.book_append_sheet(book, xlsxUtils.aoa_to_sheet(rows), 'Customers');
	return new Uint8Array(
		writeWorkbook(book, { type: 'buffer', bookType: 'xlsx', compression: true })
	);
}

/** The workbook with its sheet replaced by `size` bytes of spaces (valid XML padding). */
function paddedSheet(size: number) {
	const parts = unzipParts(smallWorkbook());
	const sheet = parts.find((part) => part.name.endsWith('sheet1.xml'))!;
	const spaces = new Uint8Array(size).fill(0x20);
	return { parts, sheet, spaces, compressed: new Uint8Array(deflateRawSync(spaces, { level: 9 })) };
}

const problemOf = async (promise: Promise<unknown>) => {
	try {
		await promise;
		return 'none';
	} catch (error) {
		if (error instanceof WorkbookBoundsError) return error.problem;
		if (error instanceof UnreadableFileError) return error.reason;
		throw error;
	}
};

describe('file size limits', () => {
	it('are declared once, generous, and in order: an archive is larger than any import', () => {
		expect(FILE_LIMITS.import).toBe(50 * MB);
		// Size L (50,000 customers, 500,000 events) writes a 156 MB archive.
		expect(FILE_LIMITS.backup).toBeGreaterThan(3 * 156 * 1_000_000);
		expect(FILE_LIMITS.changes).toBe(FILE_LIMITS.backup);
		expect(WORKBOOK_UNPACKED_LIMIT).toBeGreaterThan(FILE_LIMITS.import);
	});

	it('take a file of exactly the limit and refuse one byte more, with its size and the limit', () => {
		for (const door of ['import', 'backup', 'changes'] as const) {
			const limit = FILE_LIMITS[door];
			expect(oversize(door, limit)).toBeNull();
			expect(oversize(door, 0)).toBeNull();
			expect(oversize(door, limit + 1)).toEqual({ size: limit + 1, limit });
			expect(() => checkFileSize(door, limit)).not.toThrow();
			expect(() => checkFileSize(door, limit + 1)).toThrow(FileTooLargeError);
			try {
				checkFileSize(door, limit + 7);
			} catch (error) {
				expect(error).toMatchObject({ door, size: limit + 7, limit });
			}
		}
	});

	it('hold in the import reader too, whoever calls it', async () => {
		const tooBig = new Uint8Array(FILE_LIMITS.import + 1);
		expect(() => readImportFile(tooBig, 'big.csv')).toThrow('tooLarge');
		expect(await problemOf(readImportBytes(tooBig, 'big.csv'))).toBe('tooLarge');
	});

	it('hold in the backup and sync-file readers, before anything is parsed', async () => {
		// Zeros: allocated lazily, so the test costs no real memory.
		const tooBig = new Uint8Array(FILE_LIMITS.backup + 1);
		expect(() => isEncryptedBackup(tooBig)).toThrow(FileTooLargeError);
		await expect(openBackup(tooBig)).rejects.toMatchObject({ door: 'backup' });
		await expect(openChanges(tooBig)).rejects.toMatchObject({ door: 'changes' });
	});
});

describe('a workbook’s unpacked size', () => {
	it('lets an ordinary workbook through, and reads it as before', async () => {
		const fixture = new Uint8Array(
			readFileSync(new URL('../fixtures/import/customers-two-sheets.xlsx', import.meta.url))
		);
		await expect(checkWorkbookBounds(fixture)).resolves.toBeUndefined();
		const read = await readImportBytes(fixture, 'customers-two-sheets.xlsx');
		expect(read).toEqual(readImportFile(fixture, 'customers-two-sheets.xlsx'));
		// Our own rebuilt zips are well-formed: the unchanged parts pass too.
		await expect(checkWorkbookBounds(zipParts(unzipParts(smallWorkbook())))).resolves.toBe(
			undefined
		);
	});

	it('lets text files and old .xls workbooks through untouched', async () => {
		await expect(checkWorkbookBounds(new TextEncoder().encode('Name\nLi'))).resolves.toBe(
			undefined
		);
		const xls = new Uint8Array(
			readFileSync(new URL('../fixtures/import/customers-two-sheets.xls', import.meta.url))
		);
		await expect(checkWorkbookBounds(xls)).resolves.toBeUndefined();
	});

	it('refuses parts that declare more than the limit together, before inflating any', async () => {
		const { parts, sheet, spaces, compressed } = paddedSheet(2 * MB);
		const file = zipParts(
			parts.map((part) => (part === sheet ? { ...part, data: spaces, compressed } : part))
		);
		expect(await problemOf(checkWorkbookBounds(file, MB))).toBe('unpackedTooLarge');
		await expect(checkWorkbookBounds(file)).resolves.toBeUndefined();
	});

	it('refuses a part that unpacks to more than it declares (a zip bomb), and stops early', async () => {
		const { parts, sheet, spaces, compressed } = paddedSheet(64 * MB);
		const bomb = zipParts(
			parts.map((part) =>
				part === sheet
					? { ...part, data: spaces, compressed, declare: { central: 1000, local: 1000 } }
					: part
			)
		);
		// 64 MB from about 64 KB: the file is small, what it unpacks to is not.
		expect(bomb.length).toBeLessThan(200_000);
		expect(await problemOf(checkWorkbookBounds(bomb))).toBe('workbook');
		expect(await problemOf(readImportBytes(bomb, 'bomb.xlsx'))).toBe('workbook');
	});

	it('refuses a part that leaves its sizes to a trailing descriptor and unpacks beyond them', async () => {
		const { parts, sheet, spaces, compressed } = paddedSheet(4 * MB);
		const bomb = zipParts(
			parts.map((part) =>
				part === sheet
					? { ...part, data: spaces, compressed, descriptor: true, declare: { central: 10 } }
					: part
			)
		);
		expect(await problemOf(checkWorkbookBounds(bomb))).toBe('workbook');
	});

	it('refuses Zip64 parts, broken directories and unknown compression as damaged', async () => {
		const parts = unzipParts(smallWorkbook());
		const zip64 = zipParts(parts.map((part, i) => (i === 0 ? { ...part, zip64: true } : part)));
		expect(await problemOf(checkWorkbookBounds(zip64))).toBe('workbook');
		const good = zipParts(parts);
		expect(await problemOf(checkWorkbookBounds(good.subarray(0, good.length - 30)))).toBe(
			'workbook'
		);
		const stored = good.slice();
		// The first local header's method: 99 (AES), which SheetJS cannot read.
		new DataView(stored.buffer).setUint16(8, 99, true);
		expect(await problemOf(checkWorkbookBounds(stored))).toBe('workbook');
	});

	it('refuses a truncated part whose stream does not end where its entry says', async () => {
		const { parts, sheet } = paddedSheet(0);
		const text = new TextEncoder().encode('<worksheet>'.repeat(200));
		const full = new Uint8Array(deflateRawSync(text));
		const cut = zipParts(
			parts.map((part) =>
				part === sheet
					? { ...part, data: text, compressed: full.subarray(0, full.length - 8) }
					: part
			)
		);
		expect(await problemOf(checkWorkbookBounds(cut))).toBe('workbook');
	});
});
