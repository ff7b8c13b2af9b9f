export const TIMELINE_KINDS = ['purchase', 'interaction', 'task', 'feedback', 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry<P, I, T, C = never, F = never> {
	kind: TimelineKind;
	id: string;
	/** Where the entry sits in the stream: when it happened (purchases, interactions) or was set (tasks). */
	at: number;
	/** When it was recorded: orders entries that share a moment (forms have minute precision). */
	createdAt: number;
	purchase?: P;
	interaction?: I;
	task?: T;
	change?: C;
	feedback?: F;
}

/** One stream, newest first; entries of the same moment by when they were recorded, newest first. */
export function buildTimeline<
	P extends { id: string; at: number; createdAt: number },
	I extends { id: string; at: number; createdAt: number },
	T extends { id: string; createdAt: number },
	C extends { id: string; at: number } = never,
	F extends { id: string; receivedAt: number; createdAt: number } = never
>(
	purchases: readonly P[],
	interactions: readonly I[],
	tasks: readonly T[],
	only: TimelineKind | 'all' = 'all',
	changes: readonly C[] = [],
	feedback: readonly F[] = []
): TimelineEntry<P, I, T, C, F>[] {
	const entries: TimelineEntry<P, I, T, C, F>[] = [];
	if (only === 'all' || only === 'purchase') {
		for (const purchase of purchases)
			entries.push({
				kind: 'purchase',
				id: purchase.id,
				at: purchase.at,
				createdAt: purchase.createdAt,
				purchase
			});
	}
	if (only === 'all' || only === 'interaction') {
		for (const interaction of interactions) {
			entries.push({
				kind: 'interaction',
				id: interaction.id,
				at: interaction.at,
				createdAt: interaction.createdAt,
				interaction
			});
		}
	}
	if (only === 'all' || only === 'task') {
		for (const task of tasks) {
			entries.push({
				kind: 'task',
				id: task.id,
				at: task.createdAt,
				createdAt: task.createdAt,
				task
			});
		}
	}
	if (only === 'all' || only === 'feedback') {
		// Where the shop heard it: a complaint sits beside the purchase it is about.
		for (const item of feedback)
			entries.push({
				kind: 'feedback',
				id: item.id,
				at: item.receivedAt,
				createdAt: item.createdAt,
				feedback: item
			});
	}
	if (only === 'all' || only === 'change') {
		for (const change of changes) {
			entries.push({ kind: 'change', id: change.id, at: change.at, createdAt: change.at, change });
		}
	}
	// On a tie (one action made both, in the same millisecond) the follow-up task goes first:
	// it is what comes next, and an interaction and the task it created always tie otherwise.
	const order = { task: 0, purchase: 1, interaction: 2, feedback: 3, change: 4 };
	return entries.sort(
		(a, b) =>
			b.at - a.at ||
			b.createdAt - a.createdAt ||
			order[a.kind] - order[b.kind] ||
			a.id.localeCompare(b.id)
	);
}
