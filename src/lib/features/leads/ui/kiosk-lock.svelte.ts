import { KIOSK_STORAGE_KEY, kioskIsOn } from './kiosk-flag';
import { pinProblem, pinWaitMs } from '../rules/kiosk';

interface StoredLock {
	salt: string;
	hash: string;
}

async function digest(salt: string, pin: string): Promise<string> {
	const bytes = new TextEncoder().encode(`${salt}:${pin}`);
	const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
	return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function storedLock(): StoredLock | null {
	try {
		const value = JSON.parse(localStorage.getItem(KIOSK_STORAGE_KEY) ?? 'null') as unknown;
		if (typeof value !== 'object' || value === null) return null;
		const { salt, hash } = value as Record<string, unknown>;
		return typeof salt === 'string' && typeof hash === 'string' ? { salt, hash } : null;
	} catch {
		return null;
	}
}

/**
 * Kiosk mode on this device: entered with a PIN the staff set, left only with it. It keeps a
 * walk-in from the rest of the app at a glance (reloading stays in the kiosk); it is no
 * protection against someone with the device's storage (see docs/privacy.md).
 */
class KioskLock {
	on = $state(kioskIsOn());
	#wrong = 0;
	#lastWrongAt = 0;

	async enter(pin: string): Promise<'leads.errors.pinDigits' | null> {
		const problem = pinProblem(pin);
		if (problem) return problem;
		const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
			byte.toString(16).padStart(2, '0')
		).join('');
		const lock: StoredLock = { salt, hash: await digest(salt, pin) };
		localStorage.setItem(KIOSK_STORAGE_KEY, JSON.stringify(lock));
		this.#wrong = 0;
		this.on = true;
		return null;
	}

	/** Milliseconds before another PIN may be tried (after several wrong ones), else 0. */
	waitMs(now = Date.now()): number {
		return pinWaitMs(this.#wrong, this.#lastWrongAt, now);
	}

	/** Leaves kiosk mode when `pin` is the one set: 'left', 'wrong', or 'wait' while locked out. */
	async leave(pin: string): Promise<'left' | 'wrong' | 'wait'> {
		if (this.waitMs() > 0) return 'wait';
		const lock = storedLock();
		// A lock that cannot be read (storage cleared meanwhile) holds no PIN to ask for.
		if (lock && (await digest(lock.salt, pin)) !== lock.hash) {
			this.#wrong++;
			this.#lastWrongAt = Date.now();
			return 'wrong';
		}
		localStorage.removeItem(KIOSK_STORAGE_KEY);
		this.#wrong = 0;
		this.on = false;
		return 'left';
	}
}

export const kioskLock = new KioskLock();
