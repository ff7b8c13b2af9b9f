import { loadAllMessages } from '$lib/i18n/i18n.svelte';

/** The lock screen with its words: loaded only on a device that has a lock, when it locks. */
export async function loadLockScreen() {
	const [, module] = await Promise.all([loadAllMessages(), import('./LockScreen.svelte')]);
	return module.default;
}

/** Starts the idle watch on a device with a lock (its code loads only there). */
export async function watchIdleLater(): Promise<void> {
	(await import('./idle-lock')).watchIdle();
}
