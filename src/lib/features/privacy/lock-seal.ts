/**
 * How a device keeps the PIN or passphrase of a lock (the app lock, kiosk mode): never the
 * secret, only a salted PBKDF2 hash of it, in this device's storage. It stops a glance, not
 * someone with the storage: a 4-digit PIN is found by trying them all (see docs/privacy.md).
 */
export interface SealedSecret {
	salt: string;
	hash: string;
	/** PBKDF2-SHA-256 rounds; absent in kiosk locks set before the app lock, which used SHA-256. */
	iterations?: number;
}

/** Enough to make trying every PIN take a while on a phone, little enough to unlock at once. */
const ITERATIONS = 100_000;

const hex = (bytes: Uint8Array) =>
	Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

async function hashOf(secret: string, salt: string, iterations: number | undefined) {
	const text = new TextEncoder().encode(iterations ? secret : `${salt}:${secret}`);
	if (!iterations) return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', text)));
	const key = await crypto.subtle.importKey('raw', text, 'PBKDF2', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(salt), iterations },
		key,
		256
	);
	return hex(new Uint8Array(bits));
}

export async function sealSecret(secret: string): Promise<SealedSecret> {
	const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
	return { salt, hash: await hashOf(secret, salt, ITERATIONS), iterations: ITERATIONS };
}

export async function secretMatches(sealed: SealedSecret, attempt: string): Promise<boolean> {
	return (await hashOf(attempt, sealed.salt, sealed.iterations)) === sealed.hash;
}

/** A sealed secret read back from storage, or null when what is there is not one. */
export function readSealedSecret(value: unknown): SealedSecret | null {
	if (typeof value !== 'object' || value === null) return null;
	const { salt, hash, iterations } = value as Record<string, unknown>;
	if (typeof salt !== 'string' || typeof hash !== 'string') return null;
	if (iterations === undefined) return { salt, hash };
	// A stored count outside what this app writes is no lock of ours (and no hang on unlock).
	return typeof iterations === 'number' &&
		Number.isInteger(iterations) &&
		iterations >= 1_000 &&
		iterations <= 1_000_000
		? { salt, hash, iterations }
		: null;
}
