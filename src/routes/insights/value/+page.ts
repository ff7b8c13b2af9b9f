import { insights } from '$lib/features/insights/ui/insights.svelte';
import { workspace } from '$lib/state/workspace.svelte';
import type { PageLoad } from './$types';

// The archive's columns start building as the route loads, alongside its code and messages.
export const load: PageLoad = () => {
	const session = workspace();
	void insights.prepare(session, session.eventsVersion).catch(() => {});
};
