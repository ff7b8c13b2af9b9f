import type { WorkspaceSession } from '$lib/state/workspace.svelte';

export interface ListStanding {
	tier: number;
	balance: number;
}

/**
 * Every customer's tier and points balance for the list, asked of the worker while the shop
 * has loyalty on, and asked again when points, purchases or the rules change. Customers the
 * answer leaves out have no purchases or points: the base tier and 0 points.
 */
class LoyaltyStandingsState {
	byId = $state.raw<ReadonlyMap<string, ListStanding>>(new Map());
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
				this.byId = new Map(
					answer.ids.map((id, i) => [id, { tier: answer.tier[i]!, balance: answer.balance[i]! }])
				);
				this.baseTier = answer.baseTier;
			})
			.catch((error: unknown) =>
				// The list works without tiers; the profile says what went wrong when opened.
				console.warn('Clientbook could not read loyalty standings', error)
			);
	}

	clear(): void {
		this.#asked++;
		this.byId = new Map();
		this.baseTier = -1;
	}

	tierOf(customerId: string): number {
		return this.byId.get(customerId)?.tier ?? this.baseTier;
	}
}

export const loyaltyStandings = new LoyaltyStandingsState();
