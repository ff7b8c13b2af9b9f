/** The two kinds of secret an app lock takes. */
export type LockKind = 'pin' | 'passphrase';

/** Minutes without a touch or key before the app locks again; 0: only when it is opened. */
export const IDLE_MINUTES = [0, 1, 5, 15, 30, 60] as const;
export type IdleMinutes = (typeof IDLE_MINUTES)[number];

export type SecretProblem =
	| 'privacy.lock.errors.pinDigits'
	| 'privacy.lock.errors.passphraseShort'
	| 'privacy.lock.errors.mismatch';

/** Why a new secret cannot be the lock's, or null: a PIN of 4–8 digits, a passphrase of 8+. */
export function secretProblem(
	kind: LockKind,
	secret: string,
	repeated: string
): SecretProblem | null {
	if (kind === 'pin' && !/^\d{4,8}$/.test(secret)) return 'privacy.lock.errors.pinDigits';
	if (kind === 'passphrase' && [...secret].length < 8) return 'privacy.lock.errors.passphraseShort';
	return secret === repeated ? null : 'privacy.lock.errors.mismatch';
}

/** Whether the app has been left long enough to lock (never with `minutes` 0). */
export function idleTooLong(lastActiveAt: number, now: number, minutes: number): boolean {
	return minutes > 0 && now - lastActiveAt >= minutes * 60_000;
}

export function isIdleMinutes(value: unknown): value is IdleMinutes {
	return (IDLE_MINUTES as readonly unknown[]).includes(value);
}
