import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import enFirstRoute from '../../src/lib/i18n/en/first-route.json';
import enOnDemand from '../../src/lib/i18n/en/on-demand.json';
import { FIRST_ROUTE_IDS } from '../../src/lib/i18n/i18n.svelte';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIB = join(ROOT, 'src/lib');

/**
 * The app's own modules of the first route, as FIRST_ROUTE_ROOTS in vite.config.ts names them
 * (less SvelteKit's start): the root layout, `/` and the pages of FIRST_ROUTE_IDS.
 */
const FIRST_ROUTE_ROOTS = [
	'src/routes/+layout.svelte',
	'src/routes/+layout.ts',
	'src/routes/+page.ts',
	'src/routes/customers/+page.svelte',
	'src/routes/today/+page.svelte'
];

/** Static imports and re-exports (`import type` left out); `import()` is not matched. */
const STATIC_IMPORT =
	/(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'"`;()]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

function resolveImport(from: string, specifier: string): string | null {
	const base = specifier.startsWith('$lib/')
		? join(LIB, specifier.slice('$lib/'.length))
		: specifier.startsWith('.')
			? join(dirname(from), specifier)
			: null;
	if (base === null) return null; // a package, or $app/…
	if (/\.(css|svg|png|webp|woff2)(\?.*)?$/.test(base)) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')]) {
		if (/\.(ts|js|svelte|json)$/.test(candidate) && existsSync(candidate)) return candidate;
	}
	throw new Error(`${relative(ROOT, from)}: cannot resolve ${specifier}`);
}

/** Every module a first visit runs, following static imports of our own files. */
function firstRouteModules(): Set<string> {
	const modules = new Set<string>();
	const queue = FIRST_ROUTE_ROOTS.map((path) => join(ROOT, path));
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (modules.has(file)) continue;
		modules.add(file);
		if (file.endsWith('.json')) continue;
		for (const [, , typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
			const target = typeOnly ? null : resolveImport(file, specifier!);
			if (target) queue.push(target);
		}
	}
	return modules;
}

/**
 * The catalogue sections a module's text names: every string or template literal that starts
 * with a section's name and a dot, such as 'customers.title' or `stage.${stage}`.
 */
function sectionsNamed(source: string, sections: ReadonlySet<string>): Map<string, string> {
	const found = new Map<string, string>();
	for (const [literal, section] of source.matchAll(/['"`]([a-zA-Z]\w*)\.[\w.]*(?=['"`]|\$\{)/g)) {
		if (sections.has(section!) && !found.has(section!)) found.set(section!, literal);
	}
	return found;
}

describe('the first route’s messages', () => {
	const modules = firstRouteModules();
	const firstRouteSections = new Set(Object.keys(enFirstRoute));
	const allSections = new Set([...firstRouteSections, ...Object.keys(enOnDemand)]);

	it('are found from the roots the build groups', () => {
		for (const root of FIRST_ROUTE_ROOTS) expect(existsSync(join(ROOT, root)), root).toBe(true);
		// Each first route's page is a root, so its messages are checked here.
		for (const id of FIRST_ROUTE_IDS) {
			const page = id === '/' ? 'src/routes/+page.ts' : `src/routes${id}/+page.svelte`;
			expect(FIRST_ROUTE_ROOTS, id).toContain(page);
		}
		expect(modules.size).toBeGreaterThan(FIRST_ROUTE_ROOTS.length);
		expect([...modules].some((file) => file.endsWith('i18n.svelte.ts'))).toBe(true);
	});

	it('come only from sections of the first-route part', () => {
		const missing: string[] = [];
		for (const file of modules) {
			if (file.endsWith('.json')) continue;
			for (const [section, literal] of sectionsNamed(readFileSync(file, 'utf8'), allSections)) {
				if (!firstRouteSections.has(section))
					missing.push(`${relative(ROOT, file)} uses ${literal}… (section "${section}")`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('have keys whose section can be read', () => {
		// t(`${section}.title`) names no section this test could check.
		const unreadable = [...modules].filter((file) =>
			/\bt\(\s*`\$\{/.test(readFileSync(file, 'utf8'))
		);
		expect(unreadable.map((file) => relative(ROOT, file))).toEqual([]);
	});

	it('do not bring the on-demand part along', () => {
		const jsonOrAll = [...modules]
			.map((file) => relative(ROOT, file))
			.filter((file) => file.endsWith('.json') || file.endsWith('all-messages.ts'));
		expect(jsonOrAll).toEqual(['src/lib/i18n/en/first-route.json']);
	});
});

describe('finding the sections a module names', () => {
	const sections = new Set(['stage', 'customers', 'sync']);

	it('reads plain keys and template keys by their section', () => {
		const source = 't(\'customers.title\'); t(`stage.${row.stage}`); t("sync.title", {});';
		expect([...sectionsNamed(source, sections).keys()].sort()).toEqual([
			'customers',
			'stage',
			'sync'
		]);
	});

	it('leaves out strings that are not message keys', () => {
		const source = "import x from './app.css'; const file = 'report.csv'; t(`${a}.b`);";
		expect([...sectionsNamed(source, sections).keys()]).toEqual([]);
	});
});
