/**
 * What the sync indicator says, from the transports' raw state. Pure, so every combination is
 * unit-tested rather than discovered on a shop floor.
 */
export type SyncStatus =
	| { kind: 'off' }
	| { kind: 'paused' }
	| { kind: 'offline' }
	| { kind: 'connecting' }
	/** Reached a server, but no colleague is online and there is no relay to hold changes. */
	| { kind: 'waiting' }
	/**
	 * A colleague or the relay is sending what this device lacks; `progress` (0–1) when a large
	 * message is arriving in frames from a colleague.
	 */
	| { kind: 'syncing'; progress: number | null }
	/** Up to date with `peers` colleagues online (and the relay, when there is one). */
	| { kind: 'synced'; peers: number; relay: boolean };

export interface TransportState {
	inTeam: boolean;
	paused: boolean;
	online: boolean;
	signalingConnected: boolean;
	webrtcPeers: number;
	webrtcSynced: boolean;
	relayConfigured: boolean;
	relayConnected: boolean;
	relaySynced: boolean;
	receiving: { received: number; total: number } | null;
}

export function syncStatus(state: TransportState): SyncStatus {
	if (!state.inTeam) return { kind: 'off' };
	if (state.paused) return { kind: 'paused' };
	const peersUp = state.webrtcPeers > 0;
	if (!state.online && !peersUp && !state.relayConnected) return { kind: 'offline' };
	const relayUp = state.relayConfigured && state.relayConnected;
	const progress =
		state.receiving && state.receiving.total > 0
			? Math.min(1, state.receiving.received / state.receiving.total)
			: null;
	if (progress !== null || (peersUp && !state.webrtcSynced) || (relayUp && !state.relaySynced)) {
		return { kind: 'syncing', progress };
	}
	if (peersUp || (relayUp && state.relaySynced)) {
		return { kind: 'synced', peers: state.webrtcPeers, relay: relayUp };
	}
	if (state.signalingConnected) return { kind: 'waiting' };
	return { kind: 'connecting' };
}
