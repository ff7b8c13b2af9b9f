import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import type { CustomerLoyalty } from '../loyalty-reads';

/**
 * One customer's points and tier, asked of the worker (which holds the ledger) and asked again
 * whenever points, purchases or the shop's loyalty rules change.
 */
export class CustomerLoyaltyState {
	current = $state.raw<CustomerLoyalty | null>(null);
	failure = $state<string | null>(null);
	#asked = 0;

	constructor(
		private readonly session: WorkspaceSession,
		private readonly customerId: string
	) {}

	/** Reads again; call from an effect that reads `eventsVersion` and the settings. */
	load(): void {
		const mine = ++this.#asked;
		this.session
			.loyaltyOf(this.customerId)
			.then((found) => {
				if (mine !== this.#asked) return;
				this.current = found;
				this.failure = null;
			})
			.catch((error: unknown) => {
				if (mine === this.#asked)
					this.failure = error instanceof Error ? error.message : String(error);
			});
	}
}
