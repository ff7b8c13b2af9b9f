import { liveQuery, type Subscription } from 'dexie';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import type { FeedbackFigures, TextAnswer } from '../rules/feedback-insights';

export {
	FEEDBACK_PERIODS,
	periodBounds,
	type FeedbackPeriodChoice
} from '../rules/feedback-insights';

/**
 * Insights → Feedback's figures, asked of the workspace worker again whenever answers or
 * feedback change (their counts and every status change, which adds an entry) or the period does.
 */
export class FeedbackInsightsState {
	figures = $state.raw<FeedbackFigures | null>(null);
	/** The period's written answers, which follow the figures (null until they come). */
	texts = $state.raw<readonly TextAnswer[] | null>(null);
	failed = $state(false);
	/** Moves on with each new answer from the worker (charts and tests wait on it). */
	version = $state(0);
	#asked = 0;
	#subscription: Subscription | null = null;

	constructor(private readonly session: WorkspaceSession) {}

	/** Follows the archive for `period`; returns the way to stop. */
	follow(period: { from: number; until: number }): () => void {
		const { db } = this.session;
		this.#subscription = liveQuery(() =>
			Promise.all([db.surveyResponses.count(), db.feedback.count(), db.feedbackEvents.count()])
		).subscribe({
			next: () => void this.#ask(period),
			error: (error: unknown) => {
				console.error('Clientbook could not follow feedback', error);
				this.failed = true;
			}
		});
		return () => {
			this.#subscription?.unsubscribe();
			this.#subscription = null;
		};
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
