import { FileTooLargeError, oversize, type FileDoor } from '$lib/domain/file-limits';
import { formatBytes, t, type MessageKey } from '$lib/i18n/i18n.svelte';

const TOO_LARGE: Record<FileDoor, MessageKey> = {
	import: 'import.errorTooLarge',
	backup: 'backup.problemTooLarge',
	changes: 'sync.fileTooLarge'
};

/**
 * The message for a file over its door's limit (its size, the limit, and that nothing was
 * changed), or null when the file fits. Asked before the file is read; a reader's own
 * `FileTooLargeError` gives the same message.
 */
/** `sizeOrError`: the file's size in bytes, or what a reader threw. */
export function tooLargeText(door: FileDoor, sizeOrError: unknown): string | null {
	const over =
		sizeOrError instanceof FileTooLargeError
			? { size: sizeOrError.size, limit: sizeOrError.limit }
			: typeof sizeOrError === 'number'
				? oversize(door, sizeOrError)
				: null;
	if (!over) return null;
	const [size, limit] = [formatBytes(over.size), formatBytes(over.limit)];
	// Rounded, a file just over the limit would read as its size: "50 MB, larger than 50 MB".
	return t(TOO_LARGE[door], { size: size === limit ? `> ${size}` : size, limit });
}
