import { KIOSK_STORAGE_KEY, kioskIsOn } from './kiosk-flag';
import { pinProblem, pinWaitMs } from '../rules/kiosk';
import {
	readSealedSecret,
	sealSecret,
	secretMatches,
	type SealedSecret
} from '../../privacy/lock-seal';

function storedLock(): SealedSecret | null {
	try {
		return readSealedSecret(JSON.parse(localStorage.getItem(KIOSK_STORAGE_KEY) ?? 'null'));
	} catch {
		return null;
	}
}

/**
 * Kiosk mode on this device: entered with a PIN the staff set, left only with it. It keeps a
 * walk-in from the rest of the app at a glance (reloading stays in the kiosk), with the app
 * lock's way of keeping a PIN (privacy/lock-seal.ts); it is no
 * protection against someone with the device's storage (see docs/privacy.md).
 */
class KioskLock {
	on = $state(kioskIsOn());
	#wrong = 0;
	#lastWrongAt = 0;

	async enter(pin: string): Promise<'leads.errors.pinDigits' | null> {
		const problem = pinProblem(pin);
		if (problem) return problem;
		localStorage.setItem(KIOSK_STORAGE_KEY, JSON.stringify(await sealSecret(pin)));
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
		if (lock && !(await secretMatches(lock, pin))) {
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
