import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DeviceKind } from '../shop/rules/member-profile';
import { isTagColor, type TagColor } from '../tags/rules/tags';
import { chunkPeerMessages, type FrameProgress, type PeerLike } from './peer-chunking';
import type { RemoteChannel, RemoteSyncClient } from '../../sync/remote-sync-client';
import { MESSAGE_SYNC } from '../../sync/remote-sync-server';
import { relayRoomName, type TeamSpace } from './team-space';
import { relayEndpoint } from './rules/invite-servers';
import { ignoreHarmlessSignalFailures } from './harmless-signal-failures';

/**
 * The live link to the team: y-webrtc for colleagues online now, a y-websocket relay for those
 * who are not, sharing one awareness for presence. Loaded on demand, so the first route carries
 * none of it.
 *
 * The providers keep connections and presence, but not the doc: their sync messages go to the
 * workspace worker through `RemoteSyncClient`, which answers them against the one real doc, and
 * the doc the providers are given stays empty. Changes from colleagues enter that doc with a
 * channel as origin and take the same projector path as local edits; the undo manager never
 * tracks them.
 */

export interface PresenceUser {
	memberId: string;
	name: string;
	color: TagColor;
	device: DeviceKind;
}

export interface Colleague extends PresenceUser {
	/** The Yjs client id: one per open app, so one member may show on two devices. */
	clientId: number;
}

export interface TransportSnapshot {
	signalingConnected: boolean;
	webrtcPeers: number;
	webrtcSynced: boolean;
	relayConnected: boolean;
	relaySynced: boolean;
	/** Bytes of a large message (a first sync) received so far, over all peers; null when none. */
	receiving: FrameProgress | null;
	colleagues: Colleague[];
}

export interface TeamConnection {
	setPresence(user: PresenceUser): void;
	disconnect(): void;
}

const DEVICES: readonly DeviceKind[] = ['phone', 'tablet', 'computer'];
/**
 * How long a WebRTC handshake may take before it is abandoned and started again. When both
 * sides offer at once (a colleague reloads while this device announces itself), y-webrtc hands
 * the accepted offer to the side's own offering peer, which fails and closes at once, while
 * the other side waits for an answer that never comes until this timeout ends it. Probed in
 * the sync journey: such a failed handshake closed in 29 ms on one side; the other waited the
 * whole 5 s this was, then connected in 30 ms. A working handshake here takes 30 ms to 1 s,
 * and each retry with the same peer waits twice as long, so a slow network still gets through.
 */
const HANDSHAKE_TIMEOUT_MS = 2_000;
const MAX_HANDSHAKE_TIMEOUT_MS = 40_000;

function readPresence(clientId: number, state: Record<string, unknown>): Colleague | null {
	const user = state.user as Record<string, unknown> | undefined;
	if (!user || typeof user.memberId !== 'string' || typeof user.name !== 'string') return null;
	return {
		clientId,
		memberId: user.memberId,
		name: user.name.slice(0, 80),
		color: isTagColor(user.color) ? user.color : 'gray',
		device: DEVICES.includes(user.device as DeviceKind) ? (user.device as DeviceKind) : 'computer'
	};
}

const isSyncMessage = (data: unknown) => data instanceof Uint8Array && data[0] === MESSAGE_SYNC;

/**
 * The relay's socket, minus the sync messages y-websocket writes for its empty stand-in doc
 * (its step 1 would have the relay send back the whole archive for nothing).
 */
class StandInSyncFilteredSocket extends WebSocket {
	override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
		if (!isSyncMessage(data)) super.send(data);
	}

	sendSync(message: Uint8Array): void {
		if (this.readyState === WebSocket.OPEN) super.send(message as Uint8Array<ArrayBuffer>);
	}
}

/** Connects to the team. The connection owns `sync` from now on and closes it on disconnect. */
export async function connectTeam(
	sync: RemoteSyncClient,
	space: TeamSpace,
	me: PresenceUser,
	onChange: (snapshot: TransportSnapshot) => void
): Promise<TeamConnection> {
	ignoreHarmlessSignalFailures(window);
	const doc = new Y.Doc();
	const awareness = new Awareness(doc);
	awareness.setLocalStateField('user', me);

	const webrtc =
		space.signaling.length > 0
			? new WebrtcProvider(space.roomId, doc, {
					signaling: space.signaling,
					password: space.secret,
					awareness,
					// Tabs of this browser already share one archive (tab-channel.ts).
					filterBcConns: true
				})
			: null;
	// A token in the relay's address (for a reverse proxy to check) goes on as URL params.
	const relayAt = space.relay ? relayEndpoint(space.relay) : null;
	const relay = relayAt
		? new WebsocketProvider(relayAt.serverUrl, await relayRoomName(space), doc, {
				params: relayAt.params,
				awareness,
				// Tabs talk through tab-channel.ts; a second channel would only echo.
				disableBc: true,
				WebSocketPolyfill: StandInSyncFilteredSocket
			})
		: null;

	let relayConnected = false;
	let relaySynced = false;
	const receiving = new Map<PeerLike, FrameProgress>();
	const openConnections = () =>
		[...(webrtc?.room?.webrtcConns.values() ?? [])].filter((conn) => conn.connected);
	const syncedPeers = new WeakSet<object>();
	const webrtcSyncedNow = () => {
		const open = openConnections();
		return open.length > 0 && open.every((conn) => syncedPeers.has(conn.peer as object));
	};
	const snapshot = (): TransportSnapshot => ({
		signalingConnected: webrtc?.signalingConns.some((conn) => conn.connected) ?? false,
		// Only open connections count: one still shaking hands is no colleague yet.
		webrtcPeers: openConnections().length,
		webrtcSynced: webrtcSyncedNow(),
		relayConnected,
		relaySynced,
		receiving:
			receiving.size === 0
				? null
				: [...receiving.values()].reduce((sum, p) => ({
						received: sum.received + p.received,
						total: sum.total + p.total
					})),
		colleagues: [...awareness.getStates().entries()].flatMap(([clientId, state]) => {
			if (clientId === doc.clientID) return [];
			const colleague = readPresence(clientId, state);
			return colleague ? [colleague] : [];
		})
	});
	const report = () => onChange(snapshot());
	// Frames arrive hundreds per second during a first sync; the progress bar needs a few.
	let progressTimer: ReturnType<typeof setTimeout> | null = null;
	const reportProgress = (peer: PeerLike, progress: FrameProgress | null) => {
		if (progress) receiving.set(peer, progress);
		else receiving.delete(peer);
		if (!progress) report();
		else
			progressTimer ??= setTimeout(() => {
				progressTimer = null;
				report();
			}, 200);
	};

	const watched = new WeakSet<object>();
	const watchdogs = new Set<ReturnType<typeof setTimeout>>();
	const handshakeAttempts = new Map<string, number>();
	webrtc?.on('peers', () => {
		for (const conn of webrtc.room?.webrtcConns.values() ?? []) {
			if (watched.has(conn)) continue;
			watched.add(conn);
			// New connections are announced before they open: the moment to let them carry
			// archives larger than one data-channel message.
			const peer = conn.peer as PeerLike & {
				on(event: 'connect' | 'close', listener: () => void): void;
				destroy(): void;
			};
			const channel = sync.open(
				(message) => {
					try {
						if (!peer.destroyed) sendFramed(message);
					} catch {
						// Not open yet, or closed: the step 1 and 2 of the next connection carry it.
					}
				},
				{ onReceived: markFirstSync, onSynced: () => onPeerSynced(peer) }
			);
			chunkPeerMessages(
				peer,
				(progress) => reportProgress(peer, progress),
				(message) => {
					if (!isSyncMessage(message)) return false;
					channel.receive(message);
					return true;
				}
			);
			const sendFramed = peer.send.bind(peer);
			// y-webrtc's own sync messages speak for the empty stand-in doc: drop them.
			peer.send = (message) => {
				if (!isSyncMessage(message)) sendFramed(message);
			};
			peer.on('connect', () => {
				channel.greet();
				report();
			});
			peer.on('close', () => {
				channel.close();
				report();
			});
			// A handshake that fails half-way (seen when one side is busy loading a large archive)
			// leaves a connection that never opens, and y-webrtc never retries it. Closing it makes
			// both sides announce themselves again and start over; each retry with the same peer
			// waits twice as long, so a slow but working network is not cut off for good.
			const attempt = handshakeAttempts.get(conn.remotePeerId) ?? 0;
			handshakeAttempts.set(conn.remotePeerId, attempt + 1);
			const watchdog = setTimeout(
				() => {
					watchdogs.delete(watchdog);
					if (!conn.connected && !conn.closed) peer.destroy();
				},
				Math.min(HANDSHAKE_TIMEOUT_MS * 2 ** attempt, MAX_HANDSHAKE_TIMEOUT_MS)
			);
			watchdogs.add(watchdog);
			peer.on('connect', () => handshakeAttempts.delete(conn.remotePeerId));
		}
		report();
	});
	// The benchmark's "first full sync": when this device first holds (has stored) everything a
	// peer had.
	const markFirstSync = () => {
		if (performance.getEntriesByName('clientbook:webrtc-synced').length === 0) {
			performance.mark('clientbook:webrtc-synced');
		}
	};
	// y-webrtc's own "synced" flags know nothing of the worker's doc: a peer counts as synced
	// once the worker has stored and projected its sync step 2.
	const onPeerSynced = (peer: object) => {
		syncedPeers.add(peer);
		report();
	};
	// Signaling connections come and go without a provider event; their own events tell us.
	for (const conn of webrtc?.signalingConns ?? []) {
		conn.on('connect', report);
		conn.on('disconnect', report);
	}
	let relayChannel: RemoteChannel | null = null;
	if (relay) {
		relay.messageHandlers[MESSAGE_SYNC] = (_reply, decoder) => relayChannel?.receive(decoder.arr);
	}
	relay?.on('status', ({ status }) => {
		relayChannel?.close();
		relayChannel = null;
		relayConnected = status === 'connected';
		if (!relayConnected) relaySynced = false;
		const socket = relay.ws;
		if (relayConnected && socket instanceof StandInSyncFilteredSocket) {
			// Setting `synced` also resets y-websocket's reconnect backoff, as its own sync does.
			relayChannel = sync.open((message) => socket.sendSync(message), {
				onSynced: () => (relay.synced = true)
			});
			relayChannel.greet();
		}
		report();
	});
	relay?.on('sync', (synced: boolean) => {
		relaySynced = synced;
		report();
	});
	awareness.on('change', report);
	report();

	return {
		setPresence(user) {
			awareness.setLocalStateField('user', user);
		},
		disconnect() {
			if (progressTimer) clearTimeout(progressTimer);
			for (const watchdog of watchdogs) clearTimeout(watchdog);
			awareness.off('change', report);
			for (const conn of webrtc?.signalingConns ?? []) {
				conn.off('connect', report);
				conn.off('disconnect', report);
			}
			webrtc?.destroy();
			relay?.destroy();
			awareness.destroy();
			sync.close();
			doc.destroy();
		}
	};
}
