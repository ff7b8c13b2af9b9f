import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import type { FeedbackFigures, TextAnswer } from '../rules/feedback-insights';

export {
	FEEDBACK_PERIODS,
	periodBounds,
	type FeedbackPeriodChoice
} from '../rules/feedback-insights';

/**
 * Insights → Feedback's figures, asked of the workspace worker when the page opens and again
 * whenever the session's `feedbackVersion` moves on (a new answer, a feedback item's change) or
 * the period changes. Nothing is read from the projection first: the worker has the doc.
 */
export class FeedbackInsightsState {
	figures = $state.raw<FeedbackFigures | null>(null);
	/** The period's written answers, which follow the figures (null until they come). */
	texts = $state.raw<readonly TextAnswer[] | null>(null);
	failed = $state(false);
	/** Moves on with each new answer from the worker (charts and tests wait on it). */
	version = $state(0);
	#asked = 0;

	constructor(private readonly session: WorkspaceSession) {}

	/** Asks for `period`'s figures; call from an effect that reads `feedbackVersion`. */
	show(period: { from: number; until: number }): void {
		void this.#ask(period);
	}

	async #ask(period: { from: number; until: number }): Promise<void> {
		const asked = ++this.#asked;
		const started = performance.now();
		try {
			const figures = await this.session.feedbackFigures(period);
			// A later question (another period, a newer change) answers instead.
			if (asked !== this.#asked) return;
			performance.measure('clientbook:feedback-figures', { start: started });
			this.figures = figures;
			this.failed = false;
			this.version++;
			const texts = await this.session.feedbackTexts(period);
			if (asked === this.#asked) this.texts = texts;
		} catch (error) {
			console.error('Clientbook could not work out feedback figures', error);
			if (asked === this.#asked) this.failed = true;
		}
	}
}
