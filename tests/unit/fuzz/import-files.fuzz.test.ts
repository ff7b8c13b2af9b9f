import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readImportBytes, UnreadableFileError } from '../../../src/lib/features/import/read-file';
import { unzipParts, zipParts } from '../zip-parts';
import { mutatedBytes, settings, timed, unexpected } from './fuzz';

/**
 * The import's door: whatever bytes arrive, the reader (as the import worker runs it) gives a
 * table or its own `UnreadableFileError` (which the page words), in bounded time, and leaves
 * the bytes it was given as they were (it writes nothing: the archive is written only after
 * the user has seen the table and chosen to import).
 */
// SheetJS reports every odd record of a damaged .xls on the console: hundreds of lines that
// say nothing about the property, which the assertions check.
beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
afterAll(() => vi.restoreAllMocks());

const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));

async function readsSafely(bytes: Uint8Array, fileName: string): Promise<void> {
	const before = bytes.slice();
	const read = await timed(() => readImportBytes(bytes, fileName));
	if (!read.ok && unexpected(read.error, UnreadableFileError)) throw read.error;
	if (read.ok) {
		// A table the wizard can show: rows are arrays of text, as many as the headers say.
		const { headers, rows } = read.value.table;
		expect(headers.every((header) => typeof header === 'string')).toBe(true);
		for (const row of rows) expect(row.cells.every((cell) => typeof cell === 'string')).toBe(true);
	}
	// Byte for byte (SheetJS hangs its read position on the array as properties, not bytes).
	expect(Buffer.compare(bytes, before)).toBe(0);
}

const property = (files: Array<[string, Uint8Array]>, numRuns: number): Promise<void> =>
	fc.assert(
		fc.asyncProperty(
			fc.oneof(...files.map(([name, bytes]) => mutatedBytes(bytes).map((b) => [name, b] as const))),
			async ([name, bytes]) => readsSafely(bytes, name)
		),
		settings(numRuns)
	);

// Many readings per test: the default 5 s is for one; each reading keeps its own bound.
describe('fuzzing the import readers', { timeout: 60_000 }, () => {
	it('CSV and text tables: mutated files read or are refused with a reason', async () => {
		const files = [
			'customers-gbk.csv',
			'outlook-contacts.csv',
			'google-contacts.csv',
			'excel-unicode-text.txt',
			'purchases-wechat-shop.csv'
		].map((name) => [name, fixture(name)] as [string, Uint8Array]);
		await property(files, 150);
	});

	it('vCards (2.1, 3.0, 4.0): mutated files read or are refused with a reason', async () => {
		const files = ['android-contacts-2.1.vcf', 'iphone-contacts-3.0.vcf', 'contacts-4.0.vcf'].map(
			(name) => [name, fixture(name)] as [string, Uint8Array]
		);
		await property(files, 150);
	});

	it('workbooks (.xlsx, .xls): mutated files read or are refused with a reason', async () => {
		const files = ['customers-two-sheets.xlsx', 'customers-two-sheets.xls'].map(
			(name) => [name, fixture(name)] as [string, Uint8Array]
		);
		await property(files, 120);
	});

	it('workbooks with damage inside their parts (the zip rebuilt around it)', async () => {
		const parts = unzipParts(fixture('customers-two-sheets.xlsx'));
		await fc.assert(
			fc.asyncProperty(
				fc
					.nat({ max: parts.length - 1 })
					.chain((index) => mutatedBytes(parts[index]!.data).map((data) => ({ index, data }))),
				async ({ index, data }) => {
					const file = zipParts(parts.map((part, i) => (i === index ? { ...part, data } : part)));
					await readsSafely(file, 'damaged-inside.xlsx');
				}
			),
			settings(120)
		);
	});

	it('random bytes under any of the names', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ maxLength: 2048 }),
				fc.constantFrom('a.csv', 'a.xlsx', 'a.xls', 'a.vcf', 'a.txt'),
				async (bytes, name) => readsSafely(bytes, name)
			),
			settings(150)
		);
	});

	it('keeps what fuzzing found: a card whose END:VCARD is damaged is refused as contact cards', async () => {
		// Seed 20261207 (before the fix): the vcf library's own SyntaxError reached the worker,
		// which could only say "something went wrong, please try again".
		const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:吴芳\r\nEND:Vg(脍~&CARD\r\n';
		const read = await timed(() => readImportBytes(new TextEncoder().encode(text), 'a.vcf'));
		expect(read.ok).toBe(false);
		expect(!read.ok && read.error).toMatchObject({ name: 'UnreadableFileError', reason: 'vcard' });
	});

	it('keeps what fuzzing found: an .xls whose string record runs past its end is refused at once', async () => {
		// Seed 8 (before the fix): SheetJS read a one-byte length beyond the record (undefined)
		// and looped until V8 refused a 2 GB array, 4–5 s later. Now the loop ends at the record.
		const bytes = fixture('fuzz-damaged-string-record.xls');
		const read = await timed(() => readImportBytes(bytes, 'damaged.xls'));
		expect(read.ms).toBeLessThan(1_000);
		if (!read.ok) expect(read.error).toBeInstanceOf(UnreadableFileError);
	});

	it('keeps what fuzzing found: an .xls formula whose last token overshoots its end is refused', async () => {
		// Seed 6 (before the fix): SheetJS read formula tokens `while (target != position)`, and
		// once past the end, never stopped.
		const bytes = fixture('fuzz-overshooting-formula.xls');
		const read = await timed(() => readImportBytes(bytes, 'damaged.xls'));
		expect(read.ms).toBeLessThan(1_000);
		if (!read.ok) expect(read.error).toBeInstanceOf(UnreadableFileError);
	});
});
