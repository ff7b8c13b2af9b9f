import { idleTooLong } from '../rules/app-lock-rules';
import { readAppLock } from './app-lock';
import { appLockGate } from './app-lock-gate.svelte';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
/** How often the idle time is looked at: a lock due is at most this late. */
const CHECK_MS = 15_000;

let watching = false;

/**
 * Locks the app after the lock's idle minutes without a touch or key, also when the tab comes
 * back after being hidden that long. Started once a device has a lock; idempotent.
 */
export function watchIdle(): void {
	if (watching) return;
	watching = true;
	let lastActiveAt = Date.now();
	const touched = () => (lastActiveAt = Date.now());
	for (const type of ACTIVITY) addEventListener(type, touched, { capture: true, passive: true });
	const check = () => {
		const lock = readAppLock();
		// While locked (or with no lock) the idle time starts again from the unlock.
		if (!lock || appLockGate.locked) return touched();
		if (idleTooLong(lastActiveAt, Date.now(), lock.idleMinutes)) appLockGate.lock();
	};
	setInterval(check, CHECK_MS);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') check();
	});
}
