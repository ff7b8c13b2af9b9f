/** What the boot screen says when the app's files cannot be loaded. */
const BOOT_FAILED =
	'Clientbook could not load. Nothing in your archive was changed; check the connection and reload the page. ' +
	'<span lang="zh-CN">客户档案无法加载。档案没有任何改动；请检查网络后刷新页面。</span>';

/**
 * Rewrites SvelteKit's SPA fallback page so the boot screen of app.html is on screen before the
 * app's JavaScript is fetched: the module preloads leave <head>, and the inline start script,
 * once the browser reports the first contentful paint, adds them back and then imports the
 * app. On a slow phone the boot screen shows as soon as the HTML and CSS arrive; the scripts
 * (about 200 KB) follow a frame later, still fetched in parallel. A hidden tab paints nothing,
 * so it starts at once, and no start waits more than 200 ms for a paint.
 *
 * If the app's files cannot be loaded (a network cut on a first visit), the boot screen says
 * so in both languages instead of promising an archive that never opens.
 *
 * Returns the page unchanged when it does not look as expected (a SvelteKit upgrade changed
 * the template), so the app always starts; an end-to-end test notices the lost ordering.
 */
export function deferAppBoot(html: string): string {
	const preloads = [...html.matchAll(/\s*<link href="([^"]+)" rel="modulepreload">/g)];
	const start = html.indexOf('Promise.all([');
	const end = start === -1 ? -1 : html.indexOf('});', start);
	if (preloads.length === 0 || start === -1 || end === -1) return html;
	// SvelteKit's start: `Promise.all([...imports]).then(([kit, app]) => {…});`
	const boot = html.slice(start, end + '})'.length);
	const hrefs = JSON.stringify(preloads.map((match) => match[1]));
	const deferred =
		`const boot = () => {` +
		`for (const href of ${hrefs}) {` +
		`const link = document.createElement('link');` +
		`link.rel = 'modulepreload'; link.href = href; document.head.append(link);` +
		`}` +
		`${boot}.catch(() => {` +
		`const message = document.querySelector('.boot-shell-message');` +
		`if (message) message.innerHTML = ${JSON.stringify(BOOT_FAILED)};` +
		`});` +
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
