import { t } from '$lib/i18n/i18n.svelte';
import { toasts } from '$lib/state/toasts.svelte';
import type { ErasureNotice } from '$lib/workspace/workspace-core';

/** Says what the worker removed of erased customers' data on this device, and why. */
export function announceErasure(notice: ErasureNotice): void {
	const message =
		notice.kind === 'colleague'
			? t('privacy.erase.colleague', { count: notice.records })
			: t('privacy.erase.returned', { count: notice.records });
	toasts.show(message, { durationMs: null });
	if (notice.unstored) {
		toasts.show(t('privacy.erase.unstored', { reason: notice.unstored }), { tone: 'error' });
	}
}
