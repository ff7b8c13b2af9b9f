import { loadAllMessages } from '$lib/i18n/i18n.svelte';

/** Today's idle deals: their words and code load after the agenda, as Care's week does. */
export async function loadStaleDeals() {
	const [, module] = await Promise.all([loadAllMessages(), import('./StaleDeals.svelte')]);
	return module.default;
}
