import { createHash } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';
import { deferAppBoot } from '$lib/shell-boot/defer-app-boot';
import { hashInlineScripts } from '$lib/shell-boot/csp-hashes';

const sha256Base64 = (text: string) => createHash('sha256').update(text).digest('base64');

/**
 * Runs once, at build time, when adapter-static renders the SPA fallback page; there is no
 * server at run time.
 */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => hashInlineScripts(deferAppBoot(html), sha256Base64)
	});
