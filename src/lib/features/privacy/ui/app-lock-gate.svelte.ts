import { kioskIsOn } from '../../leads/ui/kiosk-flag';

/** Where this device keeps its app lock (see app-lock.ts): this device only, never synced. */
export const APP_LOCK_KEY = 'clientbook.appLock';

export function appLockIsSet(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage.getItem(APP_LOCK_KEY) !== null;
	} catch {
		return false;
	}
}

/**
 * Whether the app is locked on this device. Read by the app's frame before anything else, so
 * it stays this small; the lock screen and the lock's code load only on a device that has one.
 * A device in kiosk mode is locked by the kiosk's own PIN instead: a walk-in is never asked.
 */
class AppLockGate {
	locked = $state(appLockIsSet() && !kioskIsOn());
	/** Whether the app has been shown since it opened: until then none of it is even made. */
	opened = $state(!this.locked);

	lock(): void {
		if (appLockIsSet() && !kioskIsOn()) this.locked = true;
	}

	unlock(): void {
		this.locked = false;
		this.opened = true;
	}
}

export const appLockGate = new AppLockGate();
