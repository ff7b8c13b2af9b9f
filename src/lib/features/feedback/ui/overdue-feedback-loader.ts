import { loadAllMessages } from '$lib/i18n/i18n.svelte';

/** Today's overdue feedback: its words and code load after the agenda, as idle deals do. */
export async function loadOverdueFeedback() {
	const [, module] = await Promise.all([loadAllMessages(), import('./OverdueFeedback.svelte')]);
	return module.default;
}
