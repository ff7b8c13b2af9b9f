import type { Handle } from '@sveltejs/kit';
import { deferAppBoot } from '$lib/shell-boot/defer-app-boot';

/**
 * Runs once, at build time, when adapter-static renders the SPA fallback page; there is no
 * server at run time.
 */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, { transformPageChunk: ({ html }) => deferAppBoot(html) });
