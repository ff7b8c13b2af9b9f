import { describe, expect, it } from 'vitest';
import { deferAppBoot } from '../../src/lib/shell-boot/defer-app-boot';

// The shape of SvelteKit 2's SPA fallback page, trimmed.
const FALLBACK = `<!doctype html>
<html lang="en">
	<head>
		<link href="/_app/immutable/entry/start.A.js" rel="modulepreload">
		<link href="/_app/immutable/chunks/B.js" rel="modulepreload">
		<link href="/_app/immutable/assets/0.C.css" rel="stylesheet">
	</head>
	<body>
		<div style="display: contents">
			<div id="boot-shell">Opening your archive…</div>
			<script>
				{
					const element = document.currentScript.parentElement;
					Promise.all([
						import("/_app/immutable/entry/start.A.js"),
						import("/_app/immutable/entry/app.D.js")
					]).then(([kit, app]) => {
						kit.start(app, element);
					});
				}
			</script>
		</div>
	</body>
</html>`;

describe('deferAppBoot', () => {
	it('takes the module preloads out of <head> and starts the app after the first frame', () => {
		const page = deferAppBoot(FALLBACK);
		expect(page).not.toContain('rel="modulepreload">');
		expect(page).toContain('<link href="/_app/immutable/assets/0.C.css" rel="stylesheet">');
		expect(page).toContain(
			'for (const href of ["/_app/immutable/entry/start.A.js","/_app/immutable/chunks/B.js"])'
		);
		expect(page).toContain(
			"new PerformanceObserver((list) => {if (list.getEntriesByName('first-contentful-paint').length > 0) bootOnce();}).observe({ type: 'paint', buffered: true });"
		);
		// The start code itself is kept whole, inside the deferred function.
		expect(page).toMatch(
			/const boot = \(\) => \{.*Promise\.all\(\[[\s\S]*kit\.start\(app, element\);\s*\}\)\.catch\(/
		);
	});

	it('runs the rewritten start script: preloads first, then the imports', () => {
		const script = deferAppBoot(FALLBACK).match(/<script>([\s\S]*)<\/script>/)![1]!;
		const appended: string[] = [];
		const imported: string[] = [];
		const document = {
			visibilityState: 'hidden',
			currentScript: { parentElement: 'target' },
			createElement: () => ({}) as { rel?: string; href?: string },
			head: { append: (link: { href: string }) => appended.push(link.href) }
		};
		const body = script.replace(/import\("([^"]+)"\)/g, (_, url) => `load(${JSON.stringify(url)})`);
		const load = (url: string) => {
			imported.push(url);
			return Promise.resolve({ start: () => undefined });
		};
		new Function('document', 'load', 'PerformanceObserver', body)(document, load, () => {
			throw new Error('a hidden tab paints nothing to wait for');
		});
		expect(appended).toEqual(['/_app/immutable/entry/start.A.js', '/_app/immutable/chunks/B.js']);
		expect(imported).toEqual([
			'/_app/immutable/entry/start.A.js',
			'/_app/immutable/entry/app.D.js'
		]);
	});

	it('says in both languages that the app could not load when its files do not arrive', async () => {
		const script = deferAppBoot(FALLBACK).match(/<script>([\s\S]*)<\/script>/)![1]!;
		const message = { innerHTML: 'Opening your archive…' };
		const document = {
			visibilityState: 'hidden',
			currentScript: { parentElement: 'target' },
			createElement: () => ({}),
			head: { append: () => undefined },
			querySelector: (selector: string) => (selector === '.boot-shell-message' ? message : null)
		};
		const body = script.replace(/import\("([^"]+)"\)/g, () => `load()`);
		const load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
		new Function('document', 'load', body)(document, load);
		await expect.poll(() => message.innerHTML).toContain('Clientbook could not load.');
		expect(message.innerHTML).toContain('客户档案无法加载');
	});

	it('in a visible tab, starts once the first contentful paint is reported, and only once', () => {
		const script = deferAppBoot(FALLBACK).match(/<script>([\s\S]*)<\/script>/)![1]!;
		const imported: string[] = [];
		let reportPaint: (names: string[]) => void = () => undefined;
		let fallback: () => void = () => undefined;
		class FakeObserver {
			constructor(callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {
				reportPaint = (names) =>
					callback({ getEntriesByName: (name) => names.filter((n) => n === name) });
			}
			observe() {}
		}
		const document = {
			visibilityState: 'visible',
			currentScript: { parentElement: 'target' },
			createElement: () => ({}),
			head: { append: () => undefined }
		};
		const body = script.replace(/import\("([^"]+)"\)/g, (_, url) => `load(${JSON.stringify(url)})`);
		const load = (url: string) => {
			imported.push(url);
			return Promise.resolve({ start: () => undefined });
		};
		new Function('document', 'load', 'PerformanceObserver', 'setTimeout', body)(
			document,
			load,
			FakeObserver,
			(callback: () => void) => (fallback = callback)
		);
		expect(imported).toEqual([]);
		reportPaint(['first-paint']);
		expect(imported).toEqual([]);
		reportPaint(['first-contentful-paint']);
		expect(imported).toHaveLength(2);
		fallback();
		expect(imported).toHaveLength(2);
	});

	it('leaves a page it does not recognise unchanged, so the app still starts', () => {
		const other = FALLBACK.replace('Promise.all([', 'Promise.allSettled([');
		expect(deferAppBoot(other)).toBe(other);
		const noPreloads = FALLBACK.replace(/\s*<link href="[^"]+" rel="modulepreload">/g, '');
		expect(deferAppBoot(noPreloads)).toBe(noPreloads);
	});
});
