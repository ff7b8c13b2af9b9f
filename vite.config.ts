import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(version) },
	// The import worker is an ES module, like the app, so it can share chunks with it.
	worker: { format: 'es' },
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			// Icons and the manifest live in static/ and are precached with the shell.
			includeAssets: ['favicon.svg', 'icons/*.png'],
			manifest: {
				name: 'Clientbook',
				short_name: 'Clientbook',
				description: 'Customer archive for small shops — offline, on your own device.',
				lang: 'en',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#f7f7f5',
				theme_color: '#0f766e',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			kit: { adapterFallback: 'index.html', spa: true },
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}'],
				navigateFallback: '/index.html',
				cleanupOutdatedCaches: true
			}
		})
	],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/simulation/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts']
	}
});
