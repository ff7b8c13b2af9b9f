import type { WorkspaceSession } from '$lib/state/workspace.svelte';

/**
 * Every customer's tier for the list, asked of the worker while the shop has loyalty on, and
 * asked again when points, purchases or the rules change. Customers the answer leaves out have
 * no purchases or points: the base tier.
 */
class LoyaltyStandingsState {
	/** Each customer's tier index, by id (numbers: no object per customer). */
	#tiers = $state.raw<ReadonlyMap<string, number>>(new Map());
	baseTier = $state(-1);
	#asked = 0;

	load(session: WorkspaceSession): void {
		const mine = ++this.#asked;
		const started = performance.now();
		session
			.loyaltyStandings()
			.then((answer) => {
				if (mine !== this.#asked) return;
				performance.measure('clientbook:loyalty-list', { start: started });
				// Filled here, then only ever replaced whole ($state.raw): no reactivity inside.
				// eslint-disable-next-line svelte/prefer-svelte-reactivity
				const tiers = new Map<string, number>();
				answer.ids.forEach((id, i) => tiers.set(id, answer.tier[i]!));
				this.#tiers = tiers;
				this.baseTier = answer.baseTier;
			})
			.catch((error: unknown) =>
				// The list works without tiers; the profile says what went wrong when opened.
				console.warn('Clientbook could not read loyalty standings', error)
			);
	}

	clear(): void {
		this.#asked++;
		this.#tiers = new Map();
		this.baseTier = -1;
	}

	tierOf(customerId: string): number {
		return this.#tiers.get(customerId) ?? this.baseTier;
	}
}

export const loyaltyStandings = new LoyaltyStandingsState();
