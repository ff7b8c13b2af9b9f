/**
 * The largest file each door of the app takes, declared once. Each is checked on `File.size`
 * before a byte is read, so a mistaken pick (a video, a disk image) is refused at once instead
 * of filling the tab's memory; the readers check again on the bytes they are given. The
 * numbers and their reasons are in docs/ARCHITECTURE.md ("Data in and out").
 */
const MB = 1024 * 1024;

export const FILE_LIMITS = {
	/** CSV, XLSX/XLS and vCard: about 250,000 customer rows of CSV, five times a large shop. */
	import: 50 * MB,
	/** A backup holds the whole archive: size L (50,000 customers) writes about 156 MB. */
	backup: 512 * MB,
	/** A sync file can carry the whole archive too, in the same container as a backup. */
	changes: 512 * MB
} as const;

/**
 * What the parts of a workbook (a zip) may unpack to, together. A 50 MB workbook of ordinary
 * rows unpacks to a few hundred MB; the reader makes one string of each part, which V8 caps at
 * about 512 MB, so beyond this it could not be read anyway.
 */
export const WORKBOOK_UNPACKED_LIMIT = 500 * MB;

export type FileDoor = keyof typeof FILE_LIMITS;

/** A file over its door's limit; nothing was read from it and nothing was changed. */
export class FileTooLargeError extends Error {
	constructor(
		readonly door: FileDoor,
		readonly size: number,
		readonly limit: number
	) {
		super(`${door} file of ${size} bytes exceeds ${limit}`);
		this.name = 'FileTooLargeError';
	}
}

/** The size and limit of a file too large for its door, or null when it fits. */
export function oversize(door: FileDoor, size: number): { size: number; limit: number } | null {
	const limit = FILE_LIMITS[door];
	return size > limit ? { size, limit } : null;
}

/** Throws `FileTooLargeError` for a file over its door's limit. */
export function checkFileSize(door: FileDoor, size: number): void {
	const over = oversize(door, size);
	if (over) throw new FileTooLargeError(door, over.size, over.limit);
}
