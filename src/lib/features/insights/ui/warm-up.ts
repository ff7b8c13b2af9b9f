import type { WorkspaceSession } from '../../../state/workspace.svelte';
import { whenQuiet } from '../../../state/when-quiet';
import { insights } from './insights.svelte';
import { loadCharts } from './chart-kit';

/** No key, tap, wheel or scroll for this long counts as the shopkeeper having stopped. */
const INPUT_QUIET_MS = 1_500;
/** Started this long after the app settled at the latest, input or not. */
const WAIT_LIMIT_MS = 60_000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'scroll', 'input'] as const;

/**
 * Starts the insights worker, hands it the archive and works out the dashboard of the period
 * last chosen, once the app has settled and nobody is typing or scrolling: Insights then opens
 * with its numbers instead of after a cold worker's half second. It costs the worker's memory
 * (the customers' rows) for the session.
 */
export async function warmInsights(session: WorkspaceSession): Promise<void> {
	let lastInput = Date.now();
	const note = () => (lastInput = Date.now());
	for (const type of INPUT_EVENTS) addEventListener(type, note, { capture: true, passive: true });
	try {
		// A tab in the background waits for the shopkeeper to come back to it.
		await whenQuiet(
			() => document.hidden || Date.now() - lastInput < INPUT_QUIET_MS,
			INPUT_QUIET_MS,
			WAIT_LIMIT_MS
		);
	} finally {
		for (const type of INPUT_EVENTS) removeEventListener(type, note, { capture: true });
	}
	if (session.status !== 'ready') return;
	const period = insights.period(Date.now());
	if (period) await insights.show(session, period, session.eventsVersion);
	await warmCharts();
	// The benchmark measures a settled app from here on.
	performance.mark('clientbook:insights-warmed');
}

/**
 * Draws one small chart off screen and throws it away: Chart.js's first draw in a page runs its
 * code for the first time (33–50 ms at M), and would otherwise do so as Insights opens.
 */
async function warmCharts(): Promise<void> {
	const Chart = await loadCharts();
	const canvas = document.createElement('canvas');
	canvas.width = 120;
	canvas.height = 80;
	const chart = new Chart(canvas, {
		type: 'bar',
		data: { labels: ['a', 'b'], datasets: [{ data: [1, 2] }] },
		options: { responsive: false, animation: false, plugins: { legend: { display: true } } }
	});
	chart.destroy();
}
