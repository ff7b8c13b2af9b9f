/**
 * An error in words for the "what went wrong" part of a message: the message, with the error's
 * kind when it says something (QuotaExceededError: …, NotAllowedError: …).
 */
export function describeError(error: unknown): string {
	if (error instanceof Error) {
		if (error.name === 'Error' || error.name === 'TypeError') return error.message;
		// Chromium's QuotaExceededError from IndexedDB comes with no message at all.
		return error.message ? `${error.name}: ${error.message}` : error.name;
	}
	return String(error);
}
