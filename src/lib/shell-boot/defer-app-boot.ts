/**
 * Rewrites SvelteKit's SPA fallback page so the boot screen of app.html is on screen before the
 * app's JavaScript is fetched: the module preloads leave <head>, and the inline start script,
 * once the browser reports the first contentful paint, adds them back and then imports the
 * app. On a slow phone the boot screen shows as soon as the HTML and CSS arrive; the scripts
 * (about 200 KB) follow a frame later, still fetched in parallel. A hidden tab paints nothing,
 * so it starts at once, and no start waits more than 200 ms for a paint.
 *
 * Returns the page unchanged when it does not look as expected (a SvelteKit upgrade changed
 * the template), so the app always starts; an end-to-end test notices the lost ordering.
 */
export function deferAppBoot(html: string): string {
	const preloads = [...html.matchAll(/\s*<link href="([^"]+)" rel="modulepreload">/g)];
	const start = html.indexOf('Promise.all([');
	const end = start === -1 ? -1 : html.indexOf('});', start);
	if (preloads.length === 0 || start === -1 || end === -1) return html;
	const boot = html.slice(start, end + '});'.length);
	const hrefs = JSON.stringify(preloads.map((match) => match[1]));
	const deferred =
		`const boot = () => {` +
		`for (const href of ${hrefs}) {` +
		`const link = document.createElement('link');` +
		`link.rel = 'modulepreload'; link.href = href; document.head.append(link);` +
		`}` +
		`${boot}` +
		`};` +
		`let booted = false;` +
		`const bootOnce = () => { if (!booted) { booted = true; boot(); } };` +
		`if (document.visibilityState !== 'visible') bootOnce();` +
		`else {` +
		`setTimeout(bootOnce, 200);` +
		`try {` +
		`new PerformanceObserver((list) => {` +
		`if (list.getEntriesByName('first-contentful-paint').length > 0) bootOnce();` +
		`}).observe({ type: 'paint', buffered: true });` +
		`} catch { bootOnce(); }` +
		`}`;
	let rewritten = html.slice(0, start) + deferred + html.slice(end + '});'.length);
	for (const match of preloads) rewritten = rewritten.replace(match[0], '');
	return rewritten;
}
