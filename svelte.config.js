import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: every route renders in the browser from local data, so the static
		// host only needs to answer unknown paths with the fallback page.
		adapter: adapter({ fallback: 'index.html' }),
		// Absolute asset paths: the service worker and its scope must not depend on the route
		// the app was opened at.
		paths: { relative: false },
		// A meta tag in the built pages (README gives the headers a host adds): scripts only from
		// the app itself, inline ones only by their hashes (hooks.server.ts hashes the page's own
		// after rewriting it), sync to any ws/wss host the team chooses. Svelte sets style
		// attributes, hence inline styles.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self', 'ws:', 'wss:'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'media-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// The PWA plugin registers its own service worker.
		serviceWorker: { register: false },
		typescript: {
			// Type-check the benchmark and the Playwright config along with the app and tests.
			config: (config) => {
				config.include.push('../bench/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
