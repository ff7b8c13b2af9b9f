/**
 * y-webrtc handles each signaling message in a promise (after decrypting it) and catches no
 * failure, so two kinds of message that it rightly drops still surface as uncaught rejections.
 * Both are only noise, so they are marked handled; anything else stays loud.
 *
 * - A device in the same room with another secret (an old invite after "New secret") makes
 *   every one of its messages an OperationError. Nothing else in the app's sync path rejects
 *   with OperationError: backup and sync-file decryption catch their own failures.
 * - An answer that arrives after this side closed the offer it answers (our handshake watchdog
 *   in team-connection.ts closes slow ones) makes y-webrtc set `glareToken` on a connection it
 *   has already forgotten: a TypeError naming that property. The closed side announces itself
 *   again, so the handshake starts over either way. Chromium and Safari name the property in
 *   the message; where a browser does not, the error is only logged.
 */
export function isUndecryptableMessage(reason: unknown): boolean {
	return reason instanceof DOMException && reason.name === 'OperationError';
}

export function isAnswerForClosedHandshake(reason: unknown): boolean {
	return reason instanceof TypeError && /\bglareToken\b/.test(reason.message);
}

let installed = false;

/** Marks y-webrtc's harmless signaling failures handled, once per page. */
export function ignoreHarmlessSignalFailures(target: EventTarget): void {
	if (installed) return;
	installed = true;
	target.addEventListener('unhandledrejection', (event) => {
		const { reason } = event as PromiseRejectionEvent;
		if (isUndecryptableMessage(reason) || isAnswerForClosedHandshake(reason)) {
			event.preventDefault();
		}
	});
}
