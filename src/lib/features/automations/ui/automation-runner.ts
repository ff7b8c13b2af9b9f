import { localDateKey } from '$lib/domain/dates';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';

/** How often the runner looks whether a new day began while the app stayed open. */
const CHECK_MS = 10 * 60_000;

/**
 * Runs the shop's automation rules when the app opens and again each new day while it stays
 * open (the worker does the work; with no rule turned on it answers at once). Every device
 * runs them; what they write has ids of its own making, so colleagues' runs do not double.
 */
export function startAutomationRunner(session: WorkspaceSession): () => void {
	let ranFor = '';
	let running = false;
	const run = async () => {
		const today = localDateKey(Date.now());
		if (today === ranFor || running || session.status !== 'ready') return;
		running = true;
		try {
			await session.runAutomations();
			ranFor = today;
		} catch (error) {
			// Nothing was written; the next check tries again.
			console.warn('Clientbook could not run its automations', error);
		} finally {
			running = false;
		}
	};
	void run();
	const timer = setInterval(() => void run(), CHECK_MS);
	return () => clearInterval(timer);
}
