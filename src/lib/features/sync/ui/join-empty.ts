import { describeError } from '../../../domain/describe-error';
import type { WorkspaceSession } from '../../../state/workspace.svelte';
import type { TeamSpace } from '../team-space';

export type JoinedEmpty = { joined: true; unchecked?: string } | { joined: false; reason: string };

/** What joining needs of the team state (team-sync.svelte.ts). */
export interface TeamState {
	running(): boolean;
	setPaused(paused: boolean): Promise<void>;
	/** Saves the joined team as this device's, without connecting. */
	adopt(space: TeamSpace): void;
}

/**
 * Joins with an empty archive: this device's archive is replaced by an empty one (keeping only
 * this member's name) before anything connects, so none of it reaches the team. Any team this
 * device was in is paused first, so nothing merges into the archive while it is replaced. On
 * success the new team is saved and the caller loads the app again, which opens the empty
 * archive and connects; on failure nothing changed and no team was joined.
 */
export async function joinWithEmptyArchive(
	space: TeamSpace,
	session: Pick<WorkspaceSession, 'replaceWithEmpty'>,
	team: TeamState
): Promise<JoinedEmpty> {
	const wasRunning = team.running();
	if (wasRunning) await team.setPaused(true);
	let result: Awaited<ReturnType<typeof session.replaceWithEmpty>>;
	try {
		result = await session.replaceWithEmpty();
	} catch (error) {
		// replaceWithBackup throws only before it touched the stored archive.
		result = { replaced: false, reason: describeError(error) };
	}
	if (!result.replaced) {
		if (wasRunning) await team.setPaused(false);
		return { joined: false, reason: result.reason };
	}
	// No reconnect here: this page's archive is closed; the next load connects to the team.
	team.adopt(space);
	return result.unchecked === undefined
		? { joined: true }
		: { joined: true, unchecked: result.unchecked };
}
