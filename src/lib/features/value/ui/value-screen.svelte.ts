import { untrack } from 'svelte';
import type { WorkspaceSession } from '../../../state/workspace.svelte';
import { localDateKey } from '../../../domain/dates';
import { insights } from '../../insights/ui/insights.svelte';
import type { ValueReport } from '../value-report';
import { loadListScores } from './list-scores';

/** How long after a change of the archive the value is worked out again: an import is many. */
const AFTER_CHANGE_MS = 600;

/**
 * The "Customer value" screen as the shopkeeper left it: the as-of day survives going to a
 * customer and back. Numbers come from the insights worker; this asks again when the archive,
 * the settings or the day change, and shows only the latest answer.
 */
export class ValueScreenState {
	/** The day looked from (YYYY-MM-DD); empty for today. */
	asOf = $state('');
	report = $state.raw<ValueReport | null>(null);
	/** Counts the answers shown, so a chart can say which one it draws. */
	version = $state(0);
	loading = $state(false);
	refitting = $state(false);
	failure = $state<string | null>(null);
	#latest = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#askedOnce = false;

	/** Asks for the value as of `day`; after the first answer, a burst of changes asks once. */
	follow(session: WorkspaceSession, day: string): () => void {
		clearTimeout(this.#timer);
		// Not a dependency of the caller's effect: each answer would ask again, for ever.
		const answered = untrack(() => this.report !== null);
		const wait = this.#askedOnce && answered ? AFTER_CHANGE_MS : 0;
		this.#askedOnce = true;
		this.#timer = setTimeout(() => void this.show(session, day), wait);
		return () => clearTimeout(this.#timer);
	}

	async show(session: WorkspaceSession, day: string, refit = false): Promise<void> {
		const asked = ++this.#latest;
		this.loading = true;
		if (refit) this.refitting = true;
		try {
			const started = performance.now();
			const report = await insights.value(session, day, session.valueSettings, refit);
			performance.measure('clientbook:value-report', { start: started });
			if (asked !== this.#latest) return;
			this.report = report;
			this.version++;
			this.failure = null;
			// The customer list shows today's scores (ABC class, risk) from now on.
			if (day === localDateKey(Date.now())) void loadListScores(session);
		} catch (error) {
			if (asked === this.#latest)
				this.failure = error instanceof Error ? error.message : String(error);
		} finally {
			if (asked === this.#latest) {
				this.loading = false;
				this.refitting = false;
			}
		}
	}
}

export const valueScreen = new ValueScreenState();
