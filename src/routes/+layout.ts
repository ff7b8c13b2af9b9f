import { nextTask } from '$lib/shell-boot/next-task';
import { isStandaloneRoute } from '$lib/shell-boot/standalone-routes';
import { workspace } from '$lib/state/workspace.svelte';
import type { LayoutLoad } from './$types';

// Clientbook renders in the browser from local data: no server rendering, and the static
// host answers every route with the SPA fallback page.
export const ssr = false;
export const prerender = false;

let opened: Promise<void> | undefined;

/**
 * The user's language is loaded before the first screen renders, so no text flashes. Opening
 * the archive (the projection's schema, the worker) then runs in a task of its own, and the
 * first render in another: in one task, a slow phone's main thread was held for all three.
 *
 * The first route (the list, Today) carries only its own messages; any other route waits for
 * the rest of them. Reading `route.id` makes SvelteKit run this again whenever the route
 * changes (on hovering a link, too, as links preload), so leaving the first route loads them.
 */
export const load: LayoutLoad = async ({ route }) => {
	const { locale, loadAllMessages, FIRST_ROUTE_IDS } = await import('$lib/i18n/i18n.svelte');
	const allMessages = route.id === null || !FIRST_ROUTE_IDS.includes(route.id);
	// A survey link on a customer's phone: their language and the page, no archive.
	if (opened === undefined && isStandaloneRoute(route.id)) {
		await locale.init();
		await loadAllMessages();
		return;
	}
	opened ??= (async () => {
		await locale.init();
		await nextTask();
		workspace();
		await nextTask();
	})().catch((error: unknown) => {
		opened = undefined; // the next navigation tries again
		throw error;
	});
	// Asked for after `init` has chosen the language, whose rest then loads alongside it.
	await Promise.all([opened, allMessages ? loadAllMessages() : undefined]);
};
