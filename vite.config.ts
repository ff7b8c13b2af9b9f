import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin, Rolldown } from 'vite';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const WORKSPACE_WORKER_SOURCE = 'src/lib/workspace/workspace.worker.ts';
const WORKSPACE_WORKER = fileURLToPath(new URL(`./${WORKSPACE_WORKER_SOURCE}`, import.meta.url));
const WORKER_URL_MODULE = 'virtual:workspace-worker-url';

/**
 * The workspace worker as an entry of the app's own build rather than a separate worker build,
 * so the page and the worker load the same chunks: Dexie (about 30 KB gzip) and the rest they
 * share download once instead of twice. `virtual:workspace-worker-url` is the worker entry's
 * URL. Vite preloads a dynamic import's dependencies with <link> elements, which a worker has
 * no document for, so dynamic imports inside the worker's chunks get none (their modules
 * load as the import asks for them).
 */
function workspaceWorkerInAppBuild(): Plugin {
	let workerChunks = new Set<string>();
	let building = false;
	return {
		name: 'clientbook:workspace-worker-in-app-build',
		configResolved(config) {
			building = config.command === 'build';
		},
		resolveId(id) {
			return id === WORKER_URL_MODULE ? '\0' + WORKER_URL_MODULE : null;
		},
		load(id) {
			if (id !== '\0' + WORKER_URL_MODULE) return null;
			if (!building || this.environment.config.consumer !== 'client') {
				// Served by the dev server as a module; never used in the server build.
				return `export default new URL('/${WORKSPACE_WORKER_SOURCE}', import.meta.url).href;`;
			}
			const ref = this.emitFile({ type: 'chunk', id: WORKSPACE_WORKER, name: 'workspace.worker' });
			return `export default new URL(import.meta.ROLLUP_FILE_URL_${ref}, import.meta.url).href;`;
		},
		generateBundle: {
			order: 'pre',
			handler(_options, bundle) {
				workerChunks = chunksReachedFrom(
					bundle,
					(chunk) => chunk.facadeModuleId === WORKSPACE_WORKER
				);
			}
		},
		config() {
			return {
				build: {
					modulePreload: {
						resolveDependencies: (_file: string, deps: string[], { hostId }: { hostId: string }) =>
							workerChunks.has(hostId) ? [] : deps
					}
				}
			};
		}
	};
}

/** The file names of the chunks an entry loads, statically or dynamically. */
function chunksReachedFrom(
	bundle: Rolldown.OutputBundle,
	isEntry: (chunk: { facadeModuleId: string | null }) => boolean
): Set<string> {
	const reached = new Set<string>();
	const queue = Object.values(bundle).flatMap((item) =>
		item.type === 'chunk' && isEntry(item) ? [item.fileName] : []
	);
	while (queue.length > 0) {
		const fileName = queue.pop()!;
		if (reached.has(fileName)) continue;
		reached.add(fileName);
		const chunk = bundle[fileName];
		if (chunk?.type === 'chunk') queue.push(...chunk.imports, ...chunk.dynamicImports);
	}
	return reached;
}

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(version) },
	// The import worker is an ES module, like the app (built apart from it: it shares no chunks,
	// which is why the workspace worker is built with the app instead).
	worker: { format: 'es' },
	plugins: [
		workspaceWorkerInAppBuild(),
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
