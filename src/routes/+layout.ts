import { nextTask } from '$lib/shell-boot/next-task';
import { workspace } from '$lib/state/workspace.svelte';

// Clientbook renders in the browser from local data: no server rendering, and the static
// host answers every route with the SPA fallback page.
export const ssr = false;
export const prerender = false;

/**
 * The user's language is loaded before the first screen renders, so no text flashes. Opening
 * the archive (the projection's schema, the worker) then runs in a task of its own, and the
 * first render in another: in one task, a slow phone's main thread was held for all three.
 */
export async function load() {
	const { locale } = await import('$lib/i18n/i18n.svelte');
	await locale.init();
	await nextTask();
	workspace();
	await nextTask();
}
