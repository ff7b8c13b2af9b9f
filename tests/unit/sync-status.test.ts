import { describe, expect, it } from 'vitest';
import { syncStatus, type TransportState } from '../../src/lib/features/sync/sync-status';

const base: TransportState = {
	inTeam: true,
	paused: false,
	online: true,
	signalingConnected: false,
	webrtcPeers: 0,
	webrtcSynced: false,
	relayConfigured: false,
	relayConnected: false,
	relaySynced: false,
	receiving: null
};

describe('the sync status', () => {
	it('is off outside a team and paused when the user paused it', () => {
		expect(syncStatus({ ...base, inTeam: false, webrtcPeers: 2 })).toEqual({ kind: 'off' });
		expect(syncStatus({ ...base, paused: true, webrtcPeers: 2 })).toEqual({ kind: 'paused' });
	});

	it('is offline without a network unless a LAN peer is still reachable', () => {
		expect(syncStatus({ ...base, online: false })).toEqual({ kind: 'offline' });
		expect(
			syncStatus({ ...base, online: false, webrtcPeers: 1, webrtcSynced: true })
		).toMatchObject({ kind: 'synced', peers: 1 });
	});

	it('connects, then waits for colleagues, then syncs, then is synced', () => {
		expect(syncStatus(base)).toEqual({ kind: 'connecting' });
		expect(syncStatus({ ...base, signalingConnected: true })).toEqual({ kind: 'waiting' });
		expect(syncStatus({ ...base, signalingConnected: true, webrtcPeers: 2 })).toEqual({
			kind: 'syncing',
			progress: null
		});
		expect(
			syncStatus({ ...base, signalingConnected: true, webrtcPeers: 2, webrtcSynced: true })
		).toEqual({ kind: 'synced', peers: 2, relay: false });
	});

	it('shows how far a large first sync has come, even once a smaller peer is synced', () => {
		const online = { ...base, signalingConnected: true, webrtcPeers: 2 };
		expect(syncStatus({ ...online, receiving: { received: 250, total: 1000 } })).toEqual({
			kind: 'syncing',
			progress: 0.25
		});
		expect(
			syncStatus({ ...online, webrtcSynced: true, receiving: { received: 1000, total: 800 } })
		).toEqual({ kind: 'syncing', progress: 1 });
	});

	it('counts the relay as synced on its own, and waits for it while it catches up', () => {
		const relay = { ...base, relayConfigured: true, relayConnected: true };
		expect(syncStatus(relay)).toEqual({ kind: 'syncing', progress: null });
		expect(syncStatus({ ...relay, relaySynced: true })).toEqual({
			kind: 'synced',
			peers: 0,
			relay: true
		});
		expect(syncStatus({ ...relay, relaySynced: true, webrtcPeers: 1, webrtcSynced: true })).toEqual(
			{ kind: 'synced', peers: 1, relay: true }
		);
	});
});
