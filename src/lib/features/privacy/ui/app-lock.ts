import { pinWaitMs } from '../../leads/rules/kiosk';
import { readSealedSecret, sealSecret, secretMatches, type SealedSecret } from '../lock-seal';
import { isIdleMinutes, type IdleMinutes, type LockKind } from '../rules/app-lock-rules';
import { APP_LOCK_KEY, appLockGate } from './app-lock-gate.svelte';

/** The app lock as this device keeps it: the secret sealed, never the secret itself. */
export interface AppLock {
	kind: LockKind;
	sealed: SealedSecret;
	idleMinutes: IdleMinutes;
	/** The platform authenticator's credential (fingerprint or face), base64url, if one was made. */
	credentialId?: string;
}

export function readAppLock(): AppLock | null {
	try {
		const value = JSON.parse(localStorage.getItem(APP_LOCK_KEY) ?? 'null') as unknown;
		if (typeof value !== 'object' || value === null) return null;
		const fields = value as Record<string, unknown>;
		const sealed = readSealedSecret(fields['sealed']);
		const kind = fields['kind'];
		if (!sealed || (kind !== 'pin' && kind !== 'passphrase')) return null;
		const idle = fields['idleMinutes'];
		const credential = fields['credentialId'];
		return {
			kind,
			sealed,
			idleMinutes: isIdleMinutes(idle) ? idle : 0,
			...(typeof credential === 'string' ? { credentialId: credential } : {})
		};
	} catch {
		return null;
	}
}

function store(lock: AppLock): void {
	localStorage.setItem(APP_LOCK_KEY, JSON.stringify(lock));
}

export async function setAppLock(kind: LockKind, secret: string, idleMinutes: IdleMinutes) {
	store({ kind, sealed: await sealSecret(secret), idleMinutes });
}

export function setIdleMinutes(idleMinutes: IdleMinutes): void {
	const lock = readAppLock();
	if (lock) store({ ...lock, idleMinutes });
}

export function removeAppLock(): void {
	localStorage.removeItem(APP_LOCK_KEY);
	appLockGate.unlock();
}

let wrong = 0;
let lastWrongAt = 0;

/** Milliseconds before another try is taken (after five wrong ones in a row), else 0. */
export const unlockWaitMs = (now = Date.now()) => pinWaitMs(wrong, lastWrongAt, now);

/**
 * Unlocks when `attempt` is the lock's secret. A lock that cannot be read any more (storage
 * cleared meanwhile) holds nothing to ask for, and opens.
 */
export async function unlockWith(attempt: string): Promise<'unlocked' | 'wrong' | 'wait'> {
	if (unlockWaitMs() > 0) return 'wait';
	const lock = readAppLock();
	if (lock && !(await secretMatches(lock.sealed, attempt))) {
		wrong++;
		lastWrongAt = Date.now();
		return 'wrong';
	}
	wrong = 0;
	appLockGate.unlock();
	return 'unlocked';
}

// WebAuthn: a platform authenticator (fingerprint, face, the device's own PIN) unlocks too.
// There is no server to check its signature: the browser's user verification is what counts,
// which is all a lock against a glance needs (docs/privacy.md says so).

const toBase64Url = (bytes: ArrayBuffer) =>
	btoa(String.fromCharCode(...new Uint8Array(bytes)))
		.replace(/\+/g, '-')
		.replace(/\//g, '_')
		.replace(/=+$/, '');

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(plain, (char) => char.charCodeAt(0));
}

export async function platformUnlockAvailable(): Promise<boolean> {
	try {
		return (
			typeof PublicKeyCredential !== 'undefined' &&
			(await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable())
		);
	} catch {
		return false;
	}
}

/** Makes a credential on this device's authenticator and keeps its id with the lock. */
export async function addPlatformUnlock(label: string): Promise<void> {
	const lock = readAppLock();
	if (!lock) throw new Error('no app lock on this device');
	const credential = (await navigator.credentials.create({
		publicKey: {
			challenge: crypto.getRandomValues(new Uint8Array(32)),
			rp: { name: 'Clientbook' },
			user: { id: crypto.getRandomValues(new Uint8Array(16)), name: label, displayName: label },
			pubKeyCredParams: [
				{ type: 'public-key', alg: -7 },
				{ type: 'public-key', alg: -257 }
			],
			authenticatorSelection: {
				authenticatorAttachment: 'platform',
				userVerification: 'required'
			},
			timeout: 60_000
		}
	})) as PublicKeyCredential | null;
	if (!credential) throw new Error('the device made no credential');
	store({ ...lock, credentialId: toBase64Url(credential.rawId) });
}

export function removePlatformUnlock(): void {
	const lock = readAppLock();
	if (!lock) return;
	const { credentialId: _dropped, ...rest } = lock;
	store(rest);
}

/** Asks the device's authenticator; unlocks when it says the person was verified. */
export async function unlockWithPlatform(): Promise<boolean> {
	const id = readAppLock()?.credentialId;
	if (!id) return false;
	const assertion = (await navigator.credentials.get({
		publicKey: {
			challenge: crypto.getRandomValues(new Uint8Array(32)),
			allowCredentials: [{ type: 'public-key', id: fromBase64Url(id) }],
			userVerification: 'required',
			timeout: 60_000
		}
	})) as PublicKeyCredential | null;
	const flags = assertion
		? new Uint8Array((assertion.response as AuthenticatorAssertionResponse).authenticatorData)[32]
		: 0;
	// Bit 2 of the authenticator data's flags: the person was verified (not only present).
	if (flags === undefined || (flags & 0x04) === 0) return false;
	wrong = 0;
	appLockGate.unlock();
	return true;
}
