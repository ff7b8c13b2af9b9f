import { t } from '../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';

/**
 * Registers the service worker that makes the app work offline, and offers a reload when a
 * new version has been deployed (never reloading by itself, so no typing is lost).
 */
export async function registerAppUpdates(): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
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
