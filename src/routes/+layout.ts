// Clientbook renders in the browser from local data: no server rendering, and the static
// host answers every route with the SPA fallback page.
export const ssr = false;
export const prerender = false;

/** The user's language is loaded before the first screen renders, so no text flashes. */
export async function load() {
	const { locale } = await import('$lib/i18n/i18n.svelte');
	await locale.init();
}
