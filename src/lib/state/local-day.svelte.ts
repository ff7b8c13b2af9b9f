/**
 * "Now" for what counts calendar days ("days since last contact", Today's lists): taken once,
 * then renewed just after each local midnight and whenever the tab is shown again, so a tab
 * left open overnight says 131 days the next morning, not still 130. The projection keeps
 * moments (last purchase, last contact), never day counts, so nothing stored goes stale.
 */
class LocalDay {
	now = $state(Date.now());
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor() {
		if (typeof document === 'undefined') return;
		this.#schedule();
		document.addEventListener('visibilitychange', () => {
			// A sleeping device may have missed the timer.
			if (document.visibilityState === 'visible') this.#renew();
		});
	}

	#renew(): void {
		const now = Date.now();
		if (new Date(now).toDateString() !== new Date(this.now).toDateString()) this.now = now;
		this.#schedule();
	}

	#schedule(): void {
		clearTimeout(this.#timer);
		const today = new Date(Date.now());
		const next = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1, 0, 0, 1);
		this.#timer = setTimeout(() => this.#renew(), next.getTime() - Date.now());
	}
}

export const localDay = new LocalDay();
