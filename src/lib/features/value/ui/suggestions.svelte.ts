import type { WorkspaceSession } from '../../../state/workspace.svelte';
import { insights } from '../../insights/ui/insights.svelte';
import type { Recommendation } from '../recommendations';

/**
 * A customer's suggested products, asked of the insights worker and asked again when the
 * archive changes; the profile's card and its purchase form show the same list.
 */
export class CustomerSuggestions {
	list = $state.raw<Recommendation[] | null>(null);
	#asked = 0;

	load(session: WorkspaceSession, customerId: string): void {
		const mine = ++this.#asked;
		insights
			.recommend(session, { customerId })
			.then((found) => {
				if (mine === this.#asked) this.list = found;
			})
			.catch((error: unknown) => {
				// Suggestions are a help, not the record: without them the profile works as before.
				console.error('Clientbook could not work out suggestions', error);
				if (mine === this.#asked) this.list = [];
			});
	}
}
