import { redirect } from '@sveltejs/kit';
import { workspace } from '$lib/state/workspace.svelte';

/** Start on Today once the archive has customers; an empty archive starts on the list. */
export async function load() {
	const count = await workspace().db.customers.count();
	redirect(307, count > 0 ? '/today' : '/customers');
}
