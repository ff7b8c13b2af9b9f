import { WORKBOOK_UNPACKED_LIMIT } from '../../domain/file-limits';

/**
 * Bounds what an .xlsx (a zip) can unpack to before SheetJS opens it. SheetJS inflates each
 * part into a buffer of the size the part's local header declares, or a growing one when it
 * declares none, and keeps inflating until the stream ends, whatever it declared: a 50 MB file
 * can hold 50 GB of deflated spaces, which froze the worker for minutes or ran it out of
 * memory. Here the declared sizes are added up first, then every part is inflated natively
 * (DecompressionStream, nothing kept) and stopped as soon as it exceeds what it declared.
 * A part that passes is a stream that ends where its entry says, and SheetJS reads the same.
 */
export type WorkbookProblem = 'workbook' | 'unpackedTooLarge';

export class WorkbookBoundsError extends Error {
	constructor(readonly problem: WorkbookProblem) {
		super(problem);
		this.name = 'WorkbookBoundsError';
	}
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;

interface Part {
	method: number;
	/** Where its compressed bytes start, and how many there are (from the central directory). */
	start: number;
	compressed: number;
	/** The most it may unpack to: the larger of what the directory and local header declare. */
	declared: number;
}

const damaged = () => new WorkbookBoundsError('workbook');

function hasZip64Extra(view: DataView, start: number, length: number): boolean {
	for (let at = start; at + 4 <= start + length;) {
		if (view.getUint16(at, true) === ZIP64_EXTRA) return true;
		at += 4 + view.getUint16(at + 2, true);
	}
	return false;
}

/**
 * The parts SheetJS will read, as it finds them: the end record searched backwards from the
 * end, then as many directory entries as it counts. Zip64 is refused: a workbook under the
 * import limit never needs it, and its 64-bit sizes are what a bomb would declare.
 */
export function workbookParts(bytes: Uint8Array): Part[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const u16 = (at: number) => view.getUint16(at, true);
	const u32 = (at: number) => view.getUint32(at, true);
	let end = bytes.length - 4;
	while (end >= 0 && u32(end) !== END_OF_DIRECTORY) end--;
	if (end < 0 || end + 22 > bytes.length) throw damaged();
	const count = u16(end + 10);
	let at = u32(end + 16);
	const parts: Part[] = [];
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || u32(at) !== DIRECTORY_ENTRY) throw damaged();
		const [nameLength, extraLength, commentLength] = [u16(at + 28), u16(at + 30), u16(at + 32)];
		if (at + 46 + nameLength + extraLength > bytes.length) throw damaged();
		if (hasZip64Extra(view, at + 46 + nameLength, extraLength)) throw damaged();
		const local = u32(at + 42);
		if (local + 30 > bytes.length || u32(local) !== LOCAL_HEADER) throw damaged();
		const localName = u16(local + 26);
		const localExtra = u16(local + 28);
		if (local + 30 + localName + localExtra > bytes.length) throw damaged();
		if (hasZip64Extra(view, local + 30 + localName, localExtra)) throw damaged();
		const start = local + 30 + localName + localExtra;
		const compressed = u32(at + 20);
		if (start + compressed > bytes.length) throw damaged();
		parts.push({
			method: u16(local + 8),
			start,
			compressed,
			declared: Math.max(u32(at + 24), u32(local + 22))
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return parts;
}

/** Inflates a part without keeping it; false when it unpacks to more than `most` or is broken. */
async function inflatesWithin(data: Uint8Array, most: number): Promise<boolean> {
	const stream = new DecompressionStream('deflate-raw');
	const writer = stream.writable.getWriter();
	// Their failures surface on the reading side; unobserved here they would go unhandled.
	writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
	writer.close().catch(() => undefined);
	const reader = stream.readable.getReader();
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return true;
			size += value.length;
			if (size > most) {
				await reader.cancel().catch(() => undefined);
				return false;
			}
		}
	} catch {
		return false;
	}
}

/**
 * Refuses a workbook whose parts declare more than `WORKBOOK_UNPACKED_LIMIT` together
 * ('unpackedTooLarge'), or a part that unpacks to more than it declares, uses a method SheetJS
 * cannot read, or is broken ('workbook'). Files that are not zips pass untouched.
 */
export async function checkWorkbookBounds(
	bytes: Uint8Array,
	limit = WORKBOOK_UNPACKED_LIMIT
): Promise<void> {
	// What SheetJS takes for a zip (its own test): "PK" and two small bytes.
	if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2]! < 9 && bytes[3]! < 9)) return;
	const parts = workbookParts(bytes);
	const declared = parts.reduce((sum, part) => sum + part.declared, 0);
	if (declared > limit) throw new WorkbookBoundsError('unpackedTooLarge');
	for (const part of parts) {
		if (part.method === 0) continue;
		if (part.method !== 8) throw damaged();
		const data = bytes.subarray(part.start, part.start + part.compressed);
		if (!(await inflatesWithin(data, part.declared))) throw damaged();
	}
}
