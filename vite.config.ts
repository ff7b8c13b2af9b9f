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

/** The modules every first visit runs: SvelteKit's start, the root layout, and the two start pages. */
const FIRST_ROUTE_ROOTS = [
	/[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/,
	/[\\/]generated[\\/]client-optimized[\\/]app\.js$/,
	/[\\/]src[\\/]routes[\\/]\+layout\.(svelte|ts)$/,
	/[\\/]src[\\/]routes[\\/]\+page\.ts$/,
	/[\\/]src[\\/]routes[\\/](customers|today)[\\/]\+page\.svelte$/
];

/**
 * Puts the modules of the first route that the workspace worker does not share into one
 * chunk. Left to itself the bundler splits them by which routes share them, into about thirty
 * files, many under 1 KB; starting each fetch costs the main thread 0.3–1 ms on this machine,
 * so a first visit spent 10–60 ms just asking for them (four times that on Lighthouse's phone).
 * Modules the worker also loads go into a second chunk of their own (Dexie, the domain rules
 * both use), rather than a dozen small files: the worker never loads the page's components,
 * and the page never loads the worker's own code. Other routes load these chunks too, as they
 * load the layout anyway.
 */
function firstRouteInOneChunk(): Plugin {
	const firstRoute = new Set<string>();
	const shared = new Set<string>();
	return {
		name: 'clientbook:first-route-in-one-chunk',
		buildEnd() {
			if (this.environment.config.consumer !== 'client') return;
			const imports = (id: string, dynamic: boolean) => {
				const info = this.getModuleInfo(id);
				return [
					...(info?.importedIds ?? []),
					...(dynamic ? (info?.dynamicallyImportedIds ?? []) : [])
				];
			};
			const worker = reachable([WORKSPACE_WORKER], (id) => imports(id, true));
			const roots = [...this.getModuleIds()].filter((id) =>
				FIRST_ROUTE_ROOTS.some((root) => root.test(id))
			);
			const missing = FIRST_ROUTE_ROOTS.filter((root) => !roots.some((id) => root.test(id)));
			if (missing.length > 0)
				this.warn(`first-route chunk: no module matches ${missing.join(', ')}`);
			const workerStatic = reachable([WORKSPACE_WORKER], (id) => imports(id, false));
			for (const id of reachable(roots, (id) => imports(id, false))) {
				if (!worker.has(id)) firstRoute.add(id);
				else if (workerStatic.has(id)) shared.add(id);
			}
		},
		options(options) {
			if (this.environment.config.consumer !== 'client') return null;
			// Entry chunks may export more than their module (allow-extension, not strict): a
			// group that leaves a module's imports where they are needs it.
			return { ...options, preserveEntrySignatures: 'allow-extension' };
		},
		outputOptions(output) {
			if (this.environment.config.consumer !== 'client') return null;
			// Called before the module graph is known: the group reads it once chunks are made.
			return {
				...output,
				codeSplitting: {
					groups: [
						{
							name: 'first-route',
							test: (id: string) => firstRoute.has(id),
							includeDependenciesRecursively: false
						},
						{
							name: 'first-route-shared',
							test: (id: string) => shared.has(id),
							includeDependenciesRecursively: false
						}
					]
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
	const entries = Object.values(bundle).flatMap((item) =>
		item.type === 'chunk' && isEntry(item) ? [item.fileName] : []
	);
	return reachable(entries, (fileName) => {
		const chunk = bundle[fileName];
		return chunk?.type === 'chunk' ? [...chunk.imports, ...chunk.dynamicImports] : [];
	});
}

/** Every node reached from `roots` by following `next`, the roots included. */
function reachable(
	roots: readonly string[],
	next: (node: string) => readonly string[]
): Set<string> {
	const reached = new Set<string>();
	const queue = [...roots];
	while (queue.length > 0) {
		const node = queue.pop()!;
		if (reached.has(node)) continue;
		reached.add(node);
		queue.push(...next(node));
	}
	return reached;
}

/**
 * Loops in SheetJS (@e965/xlsx 0.20.3) that read a damaged .xls forever: a string whose
 * one-byte length lies past its record's end has the length `undefined`, and `i != size` never
 * ends; a C string running past the end compares `undefined !== 0`; a formula whose last token
 * overshoots its end is read `while (target != blob.l)`. Fuzzing found 4.5 KB files that grew
 * the reader to 2 GB or never returned. Rewritten to stop at the end (`<`, `> 0`, `>`), which
 * changes nothing for a well-formed file; the build fails if the library's code changes, so a
 * new version is looked at again.
 */
function sheetJsBoundedStrings(): Plugin {
	const PATCHES: Array<[string, string]> = [
		[
			'case \'sbcs-cont\': o = ""; loc = this.l;\n\t\t\tfor(i = 0; i != size; ++i) {',
			'case \'sbcs-cont\': o = ""; loc = this.l;\n\t\t\tfor(i = 0; i < size; ++i) {'
		],
		[
			'while((w=__readUInt8(this, this.l + size++))!==0) oo.push',
			'while((w=__readUInt8(this, this.l + size++))>0) oo.push'
		],
		[
			'while(target != blob.l) {\n\t\tlength = target - blob.l;',
			'while(target > blob.l) {\n\t\tlength = target - blob.l;'
		]
	];
	return {
		name: 'clientbook:sheetjs-bounded-strings',
		enforce: 'pre',
		transform(code, id) {
			if (!/[\\/]@e965[\\/]xlsx[\\/]xlsx\.mjs$/.test(id.split('?')[0]!)) return null;
			let patched = code;
			for (const [from, to] of PATCHES) {
				if (!patched.includes(from)) this.error(`SheetJS changed: "${from}" is gone`);
				patched = patched.replace(from, to);
			}
			return { code: patched, map: null };
		}
	};
}

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(version) },
	// The import worker is an ES module, like the app (built apart from it: it shares no chunks,
	// which is why the workspace worker is built with the app instead).
	worker: { format: 'es', plugins: () => [sheetJsBoundedStrings()] },
	// The dev server's pre-bundling skips plugins: SheetJS is served as it is, patched.
	optimizeDeps: { exclude: ['@e965/xlsx'] },
	plugins: [
		sheetJsBoundedStrings(),
		workspaceWorkerInAppBuild(),
		firstRouteInOneChunk(),
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
		setupFiles: ['tests/unit/setup.ts'],
		// Through Vite's transforms, so the tests read spreadsheets with the patched SheetJS.
		server: { deps: { inline: ['@e965/xlsx'] } }
	}
});
