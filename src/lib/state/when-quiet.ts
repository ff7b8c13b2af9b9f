/** How often `whenQuiet` looks: often enough to start soon after, rarely enough to cost nothing. */
const LOOK_EVERY_MS = 250;

/**
 * Resolves once `busy()` has been false for `quietMs` on end (a first sync goes from receiving
 * to projecting with a moment between), or after `limitMs` at the latest: something that never
 * settles must not hold things back for ever.
 */
export function whenQuiet(busy: () => boolean, quietMs: number, limitMs: number): Promise<void> {
	return new Promise((resolve) => {
		const started = Date.now();
		let quietSince: number | null = null;
		const look = setInterval(() => {
			const now = Date.now();
			quietSince = busy() ? null : (quietSince ?? now);
			if (now - started >= limitMs || (quietSince !== null && now - quietSince >= quietMs)) {
				clearInterval(look);
				resolve();
			}
		}, LOOK_EVERY_MS);
	});
}
