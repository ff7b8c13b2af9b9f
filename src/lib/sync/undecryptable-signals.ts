/**
 * y-webrtc decrypts each signaling message without catching a failure, so a device in the same
 * room with another secret (an old invite after "New secret") makes every one of its messages an
 * uncaught OperationError. Dropping such a message is exactly right; the error is only noise, so
 * it is marked handled. Nothing else in the app's sync path rejects with OperationError: backup
 * and sync-file decryption catch their own failures.
 */
export function isUndecryptableMessage(reason: unknown): boolean {
	return reason instanceof DOMException && reason.name === 'OperationError';
}

let installed = false;

/** Marks y-webrtc's failed decryptions as handled, once per page. */
export function ignoreUndecryptableSignals(target: EventTarget): void {
	if (installed) return;
	installed = true;
	target.addEventListener('unhandledrejection', (event) => {
		if (isUndecryptableMessage((event as PromiseRejectionEvent).reason)) event.preventDefault();
	});
}
