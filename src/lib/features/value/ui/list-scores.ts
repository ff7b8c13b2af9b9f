import type { WorkspaceSession } from '../../../state/workspace.svelte';
import { customerList } from '../../customers/ui/customer-list.svelte';
import { insights } from '../../insights/ui/insights.svelte';

let asked = 0;

/**
 * Hands the customer list every customer's value scores as of today (a value sort needs them;
 * rows show ABC class and risk with them). Loaded on demand: the list's first route never
 * carries the insights' code.
 */
export async function loadListScores(session: WorkspaceSession): Promise<void> {
	const mine = ++asked;
	try {
		const scores = await insights.valueFacts(session);
		if (mine === asked) customerList.valueScores = scores;
	} catch (error) {
		// The list keeps its order by name and shows no scores; nothing else depends on them.
		console.error('Clientbook could not work out the list’s value scores', error);
	}
}
