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

/**
 * Imports and re-exports (`import type` left out), and `import()`: a component the first route
 * loads on demand (the sync indicator, the storage banners) renders before the rest of the
 * messages may have arrived, so its keys must be in the first part too.
 */
const IMPORT =
	/(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'"`;()]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

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

/** The catalogues' own loaders: following them would count every message as the first route's. */
const CATALOGUES = /i18n[\\/](en|zh-CN)[\\/]on-demand\.json$|i18n[\\/]zh-CN[\\/]|all-messages\.ts$/;

/**
 * A loader that imports a component together with the rest of the messages (`loadAllMessages`
 * in the same `Promise.all`) renders it only once they are here: what it imports on demand is
 * not the first route's. Checked below: each such loader does wait for them.
 */
const WAITS_FOR_ALL_MESSAGES = /-loader\.ts$/;
const waitsForMessages = (source: string) =>
	/Promise\.all\(\[\s*loadAllMessages\(\),\s*import\(/.test(source);

/** Every module a first visit may run, following our own files' imports. */
function firstRouteModules(): Set<string> {
	const modules = new Set<string>();
	const queue = FIRST_ROUTE_ROOTS.map((path) => join(ROOT, path));
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (modules.has(file)) continue;
		modules.add(file);
		if (file.endsWith('.json')) continue;
		const source = readFileSync(file, 'utf8');
		const loader = WAITS_FOR_ALL_MESSAGES.test(file);
		if (loader && !waitsForMessages(source)) {
			throw new Error(`${relative(ROOT, file)} must load its component with loadAllMessages()`);
		}
		for (const match of source.matchAll(IMPORT)) {
			const [, , typeOnly, specifier, dynamic] = match;
			if (loader && dynamic) continue;
			const target = typeOnly ? null : resolveImport(file, (specifier ?? dynamic)!);
			if (target && !(dynamic && CATALOGUES.test(target))) queue.push(target);
		}
	}
	return modules;
}

/** Every message key of a catalogue part. */
function leaves(node: object, prefix = ''): string[] {
	return Object.entries(node).flatMap(([key, value]) =>
		typeof value === 'object' && value !== null
			? leaves(value as object, `${prefix}${key}.`)
			: [`${prefix}${key}`]
	);
}

/**
 * The keys a module names that are not in the first part: a literal key ('customers.title',
 * plural forms included) or every key under a template's prefix (`stage.${stage}`). Strings
 * that name no key ('report.csv') are no concern.
 */
export function keysMissing(
	source: string,
	firstPart: ReadonlySet<string>,
	rest: readonly string[]
): string[] {
	const missing = new Set<string>();
	const base = (key: string) => key.replace(/_(one|other|zero)$/, '');
	const inFirst = new Set([...firstPart].map(base));
	for (const [, key, end] of source.matchAll(/['"`]([a-zA-Z]\w*\.[\w.]*?)(['"`]|\$\{)/g)) {
		if (end === '${') {
			for (const other of rest) if (other.startsWith(key!)) missing.add(base(other));
		} else if (!inFirst.has(key!)) {
			for (const other of rest) {
				if (base(other) === key || other.startsWith(`${key}.`)) missing.add(base(other));
			}
		}
	}
	return [...missing];
}

describe('the first route’s messages', () => {
	const modules = firstRouteModules();
	const firstPart = new Set(leaves(enFirstRoute));
	const rest = leaves(enOnDemand);

	it('are found from the roots the build groups', () => {
		for (const root of FIRST_ROUTE_ROOTS) expect(existsSync(join(ROOT, root)), root).toBe(true);
		// Each first route's page is a root, so its messages are checked here.
		for (const id of FIRST_ROUTE_IDS) {
			const page = id === '/' ? 'src/routes/+page.ts' : `src/routes${id}/+page.svelte`;
			expect(FIRST_ROUTE_ROOTS, id).toContain(page);
		}
		expect(modules.size).toBeGreaterThan(FIRST_ROUTE_ROOTS.length);
		expect([...modules].some((file) => file.endsWith('i18n.svelte.ts'))).toBe(true);
		expect([...modules].some((file) => file.endsWith('SyncIndicator.svelte'))).toBe(true);
	});

	it('are all in the first-route part', () => {
		const missing: string[] = [];
		for (const file of modules) {
			if (file.endsWith('.json')) continue;
			for (const key of keysMissing(readFileSync(file, 'utf8'), firstPart, rest))
				missing.push(`${relative(ROOT, file)} uses ${key}`);
		}
		expect(missing).toEqual([]);
	});

	it('have keys that can be read', () => {
		// t(`${section}.title`) names no key this test could check.
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

describe('finding the keys a module names that the first part lacks', () => {
	const first = new Set(['customers.title', 'stage.lead', 'sync.count_one', 'sync.count_other']);
	const rest = ['stage.customer', 'sync.detail.peer', 'customers.empty', 'settings.title'];

	it('reads plain keys, plural keys and every key under a template', () => {
		const source =
			"t('customers.title'); t(`stage.${row.stage}`); t('sync.count', { count }); t(\"sync.detail.peer\");";
		expect(keysMissing(source, first, rest).sort()).toEqual(['stage.customer', 'sync.detail.peer']);
	});

	it('leaves out strings that are not message keys', () => {
		const source = "import x from './app.css'; const file = 'report.csv'; t(`${a}.b`);";
		expect(keysMissing(source, first, rest)).toEqual([]);
	});
});
