import { loadAllMessages } from '$lib/i18n/i18n.svelte';

/**
 * Care's week for Today. Its words are not the first route's (Today opens with the first part
 * of the messages only), so the rest of them load with it, and it renders once both are here.
 */
export async function loadCareWeek() {
	const [, module] = await Promise.all([loadAllMessages(), import('./CareWeek.svelte')]);
	return module.default;
}
