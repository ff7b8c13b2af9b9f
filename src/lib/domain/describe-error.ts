/**
 * An error in words for the "what went wrong" part of a message: the message, with the error's
 * kind when it says something (QuotaExceededError: …, NotAllowedError: …).
 */
export function describeError(error: unknown): string {
	if (error instanceof Error)
		return error.name === 'Error' || error.name === 'TypeError'
			? error.message
			: `${error.name}: ${error.message}`;
	return String(error);
}
