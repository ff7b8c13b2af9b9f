import { t } from '../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';

/**
 * Registers the service worker that makes the app work offline, once `quiet` resolves, and
 * offers a reload when a new version has been deployed (never reloading by itself, so no
 * typing is lost). Its first install fetches and stores every file of the app, which on a
 * new device took a CPU core from the first sync with colleagues.
 */
export async function registerAppUpdates(quiet: Promise<void>): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	await quiet;
	const { registerSW } = await import('virtual:pwa-register');
	const updateServiceWorker = registerSW({
		immediate: true,
		onNeedRefresh() {
			toasts.show(t('pwa.updateReady'), {
				durationMs: null,
				action: { label: t('pwa.reload'), run: () => void updateServiceWorker(true) }
			});
		},
		onOfflineReady() {
			toasts.show(t('pwa.offlineReady'));
		}
	});
}
