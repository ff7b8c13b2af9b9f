import { liveQuery } from 'dexie';
import { describeError } from '../../../domain/describe-error';
import { deviceKind, type MemberProfile } from '../../shop/rules/member-profile';
import type { RemoteSyncClient } from '../../../sync/remote-sync-client';
import type { Colleague, TeamConnection, TransportSnapshot } from '../team-connection';
import { syncStatus, type SyncStatus } from '../sync-status';
import { rotateTeamSecret, createTeamSpace, type TeamSpace } from '../team-space';
import type { WorkspaceSession } from '../../../state/workspace.svelte';

import type { JoinedEmpty } from './join-empty';

const TEAM_KEY = 'clientbook.team.main';
const COLLEAGUES_KEY = 'clientbook.colleagueStates.main';
/** Left for the sync page by a join with an empty archive, which reloads the app to open it. */
export const JOINED_EMPTY_FLAG = 'clientbook.joinedEmpty';

interface StoredTeam {
	space: TeamSpace | null;
	paused: boolean;
}

/** What a colleague had when their last sync file was made, to send them only what they lack. */
export interface KnownColleague {
	memberId: string;
	name: string;
	/** Base64 state vector from their last file. */
	stateVector: string;
	at: number;
}

const EMPTY_TRANSPORT: TransportSnapshot = {
	signalingConnected: false,
	webrtcPeers: 0,
	webrtcSynced: false,
	relayConnected: false,
	relaySynced: false,
	receiving: null,
	colleagues: []
};

function loadJson<T>(key: string, fallback: T): T {
	try {
		const text = localStorage.getItem(key);
		return text ? (JSON.parse(text) as T) : fallback;
	} catch {
		return fallback;
	}
}

/**
 * This device's membership of a team space and the live connection to it. The team space (with
 * its secret) stays in this browser's storage; the connection code loads only when sync is on.
 */
class TeamSync {
	space = $state<TeamSpace | null>(null);
	paused = $state(false);
	online = $state(true);
	transport = $state.raw<TransportSnapshot>(EMPTY_TRANSPORT);
	connectError = $state<string | null>(null);
	knownColleagues = $state.raw<KnownColleague[]>([]);
	readonly status: SyncStatus = $derived(
		syncStatus({
			inTeam: this.space !== null,
			paused: this.paused,
			online: this.online,
			relayConfigured: Boolean(this.space?.relay),
			...this.transport
		})
	);
	/** Other open apps in the team right now (a member on two devices shows twice). */
	readonly colleagues: Colleague[] = $derived(this.transport.colleagues);

	#session: WorkspaceSession | null = null;
	#connection: TeamConnection | null = null;
	/** Bumped on every (dis)connect, so a slow connect that was overtaken closes itself. */
	#generation = 0;

	/**
	 * An invite pasted or scanned on the sync page, handed to the join page for review. Kept in
	 * memory only, so the secret is never put in an address or a history entry.
	 */
	#pendingInvite: TeamSpace | null = null;

	init(session: WorkspaceSession): void {
		if (this.#session || typeof localStorage === 'undefined') return;
		this.#session = session;
		const stored = loadJson<StoredTeam>(TEAM_KEY, { space: null, paused: false });
		this.space = stored.space;
		this.paused = stored.paused;
		this.knownColleagues = loadJson<KnownColleague[]>(COLLEAGUES_KEY, []);
		this.online = navigator.onLine;
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
		void this.#reconnect();
	}

	/** Until this member's profile is projected, a watch that puts it in presence once it is. */
	#profileWatch: { unsubscribe(): void } | null = null;

	#followProfile(session: WorkspaceSession, connection: TeamConnection): void {
		this.#profileWatch = liveQuery(() => session.memberProfile()).subscribe((profile) => {
			if (!profile) return;
			connection.setPresence({
				memberId: session.memberId,
				name: profile.name,
				color: profile.color,
				device: deviceKind(navigator.userAgent)
			});
			this.#profileWatch?.unsubscribe();
			this.#profileWatch = null;
		});
	}

	#save(): void {
		const stored: StoredTeam = { space: this.space, paused: this.paused };
		localStorage.setItem(TEAM_KEY, JSON.stringify(stored));
	}

	async #reconnect(): Promise<void> {
		const generation = ++this.#generation;
		this.#profileWatch?.unsubscribe();
		this.#profileWatch = null;
		this.#connection?.disconnect();
		this.#connection = null;
		this.transport = EMPTY_TRANSPORT;
		this.connectError = null;
		const session = this.#session;
		const space = this.space;
		if (!session || !space || this.paused) return;
		let sync: RemoteSyncClient | null = null;
		try {
			// No waiting for the archive to open: the worker answers the team once it has, and
			// shaking hands meanwhile saved a new device about a second of its first sync. (When the
			// archive was opened on this page, a busy page failed handshakes half-way; the watchdog
			// in team-connection.ts still retries one that does.)
			const { connectTeam } = await import('../team-connection');
			if (generation !== this.#generation) return;
			const [profile, opened] = await Promise.all([
				session.memberProfile(),
				session.openRemoteSync()
			]);
			sync = opened;
			if (generation !== this.#generation) {
				sync.close();
				return;
			}
			const connection = await connectTeam(
				sync,
				space,
				{
					memberId: session.memberId,
					name: profile?.name ?? '',
					color: profile?.color ?? 'gray',
					device: deviceKind(navigator.userAgent)
				},
				(snapshot) => {
					if (generation === this.#generation) this.transport = snapshot;
				}
			);
			if (generation !== this.#generation) {
				connection.disconnect();
				return;
			}
			this.#connection = connection;
			// Not projected yet (the archive was just replaced and is being rebuilt): the name
			// follows once it is, or colleagues would see "A colleague" until the next edit.
			if (!profile) this.#followProfile(session, connection);
		} catch (error) {
			sync?.close();
			this.connectError = describeError(error);
		}
	}

	/** Names this member for the team; shown in presence and in every customer's history. */
	async setProfile(profile: MemberProfile) {
		const session = this.#session;
		if (!session) return { ok: false as const, error: 'not ready' };
		const result = await session.commands.setMemberProfile(profile);
		if (result.ok) {
			this.#connection?.setPresence({
				memberId: session.memberId,
				name: profile.name.trim(),
				color: profile.color,
				device: deviceKind(navigator.userAgent)
			});
		}
		return result;
	}

	/** Starts a new team space with this device as its first member. */
	async createTeam(servers: Pick<TeamSpace, 'signaling' | 'relay'>): Promise<void> {
		// The device that starts the team signs its roles (see features/roles).
		const { makeOwnerKey } = await import('../../roles/ui/owner-key');
		this.space = { ...createTeamSpace(servers), ownerKey: await makeOwnerKey() };
		this.paused = false;
		this.#save();
		await this.#reconnect();
	}

	/** Joins the team an invite describes; this archive merges with the team's. */
	async join(space: TeamSpace): Promise<void> {
		this.space = space;
		this.paused = false;
		this.#save();
		await this.#reconnect();
	}

	/**
	 * Joins with an empty archive: this device's archive is replaced by an empty one (keeping only
	 * this member's name) before anything connects, so none of it reaches the team. Any team this
	 * device was in is paused first, so nothing merges into the archive while it is replaced. On
	 * success the new team is saved and the caller loads the app again, which opens the empty
	 * archive and connects; on failure nothing changed and no team was joined.
	 */
	async joinWithEmptyArchive(space: TeamSpace): Promise<JoinedEmpty> {
		const session = this.#session;
		if (!session) return { joined: false, reason: 'not ready' };
		// Loaded when someone chooses it: the app's first screen need not carry it.
		const { joinWithEmptyArchive } = await import('./join-empty');
		return joinWithEmptyArchive(space, session, {
			running: () => this.space !== null && !this.paused,
			setPaused: (paused) => this.setPaused(paused),
			adopt: (joined) => {
				this.space = joined;
				this.paused = false;
				this.#save();
			}
		});
	}

	reviewInvite(space: TeamSpace): void {
		this.#pendingInvite = space;
	}

	takePendingInvite(): TeamSpace | null {
		const space = this.#pendingInvite;
		this.#pendingInvite = null;
		return space;
	}

	/** Leaves the team: the connection closes and the secret is forgotten; the archive stays. */
	leave(): void {
		this.space = null;
		this.paused = false;
		this.#save();
		void this.#reconnect();
	}

	/** A new room and secret; devices with the old invite can no longer reach the team. */
	async rotateSecret(): Promise<void> {
		if (!this.space) return;
		this.space = rotateTeamSecret(this.space);
		this.#save();
		await this.#reconnect();
	}

	async setServers(servers: Pick<TeamSpace, 'signaling' | 'relay'>): Promise<void> {
		if (!this.space) return;
		this.space = { ...this.space, ...servers };
		this.#save();
		await this.#reconnect();
	}

	/** Stops sending and receiving until resumed; edits keep being saved on this device. */
	async setPaused(paused: boolean): Promise<void> {
		this.paused = paused;
		this.#save();
		await this.#reconnect();
	}

	/** Remembers what a colleague had when they made the file just merged. */
	rememberColleague(colleague: KnownColleague): void {
		const others = this.knownColleagues.filter((c) => c.memberId !== colleague.memberId);
		this.knownColleagues = [colleague, ...others];
		localStorage.setItem(COLLEAGUES_KEY, JSON.stringify(this.knownColleagues));
	}
}

export const teamSync = new TeamSync();
