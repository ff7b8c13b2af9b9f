import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import { readAllInPages } from '$lib/projection/paged-read';
import {
	feedbackCounts,
	filterFeedback,
	NO_FEEDBACK_FILTER,
	type FeedbackFilter,
	type FeedbackRow
} from '../rules/feedback';

/** Overdue is a matter of hours: the inbox looks at the clock every minute. */
const CLOCK_MS = 60_000;

/**
 * The shop's feedback items, following colleagues' changes, with the inbox's filters; or one
 * customer's items (`customerId`), for their profile.
 */
export class FeedbackBook {
	rows = $state.raw<readonly FeedbackRow[]>([]);
	loaded = $state(false);
	filter = $state<FeedbackFilter>({ ...NO_FEEDBACK_FILTER });
	now = $state(Date.now());
	readonly shown = $derived(filterFeedback(this.rows, this.filter, this.now));
	readonly counts = $derived(feedbackCounts(this.rows, this.now));

	connect(db: ProjectionDb, customerId?: string): () => void {
		const subscription: Subscription = liveQuery(() =>
			customerId
				? db.feedback.where('customerId').equals(customerId).toArray()
				: // Thousands of items: read a page per task (see paged-read.ts), not in one.
					readAllInPages(db.feedback)
		).subscribe({
			next: (rows) => {
				this.rows = rows;
				this.loaded = true;
			},
			error: (error: unknown) => console.error('Clientbook could not read feedback', error)
		});
		const clock = setInterval(() => (this.now = Date.now()), CLOCK_MS);
		return () => {
			subscription.unsubscribe();
			clearInterval(clock);
		};
	}
}
