/**
 * After a client-side route change, a screen reader hears nothing unless focus moves: SvelteKit
 * parks it on <body>. Moving it to the new page's <h1> announces the page and starts Tab from
 * its top. A page may render its heading a moment later (a profile waits for its record), so a
 * missing heading is waited for, briefly, as long as nothing else has taken focus meanwhile.
 */
export function focusMainHeading(main: HTMLElement, waitMs = 3000): () => void {
	const focusIfUnclaimed = (): boolean => {
		const active = document.activeElement;
		// Anything but <body> or <main> means the page (or the person) already put focus somewhere.
		if (active && active !== document.body && active !== main) return true;
		const heading = main.querySelector<HTMLElement>('h1');
		if (!heading) return false;
		if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
		heading.focus({ preventScroll: true });
		return true;
	};
	if (focusIfUnclaimed()) return () => {};
	const observer = new MutationObserver(() => {
		if (focusIfUnclaimed()) stop();
	});
	const timer = setTimeout(() => stop(), waitMs);
	function stop() {
		observer.disconnect();
		clearTimeout(timer);
	}
	observer.observe(main, { childList: true, subtree: true });
	return stop;
}
