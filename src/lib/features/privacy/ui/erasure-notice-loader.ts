import { loadAllMessages } from '$lib/i18n/i18n.svelte';
import type { ErasureNotice } from '$lib/workspace/workspace-core';

/** Says what was erased on this device: its words and code load only when it happens. */
export async function announceErasure(notice: ErasureNotice): Promise<void> {
	const [, module] = await Promise.all([loadAllMessages(), import('./erasure-notice')]);
	module.announceErasure(notice);
}
