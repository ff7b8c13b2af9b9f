import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
	messageYjsSyncStep1,
	messageYjsSyncStep2,
	messageYjsUpdate,
	writeSyncStep1,
	writeSyncStep2,
	writeUpdate
} from 'y-protocols/sync';
import * as Y from 'yjs';
import { applyReceivedUpdate } from '../crdt/apply-received-update';
import { lacksMostOf } from '../crdt/stored-state';
import { ownsBuffer, type DocPort } from './doc-link';

/**
 * The team's transports (WebRTC, the relay) live in the page, because only a page has WebRTC;
 * the doc lives in the workspace worker. The page used to keep a second, mirrored copy of the
 * doc for the providers to sync, so every colleague's archive was decoded on the page's main
 * thread: six seconds of frozen page for a 10,000-customer first sync, and the whole archive
 * twice in memory. Instead the page now passes the Yjs sync protocol's messages through, and
 * the worker answers them against its own doc.
 *
 * Messages are whole y-protocols messages as they travel on the wire: a sync message type (0)
 * followed by step 1, step 2 or an update. Each transport the page holds (one per colleague's
 * WebRTC connection, one for the relay) is a numbered channel.
 */
export type RemoteSyncRequest =
	/** A channel opened: send it this device's state vector (step 1). */
	| { kind: 'greet'; channel: number }
	/** A sync message arrived on a channel. */
	| { kind: 'receive'; channel: number; message: Uint8Array }
	/** The page closed this channel: nothing more goes to it. */
	| { kind: 'close'; channel: number }
	/** The page is done with this link. */
	| { kind: 'unlink' };

export type RemoteSyncEvent =
	/** Send this message on that channel only (a greeting, or the answer to one). */
	| { kind: 'send'; channel: number; message: Uint8Array }
	/** Send this message on every channel but `except` (a change, to be passed on). */
	| { kind: 'broadcast'; except: number | null; message: Uint8Array }
	/** The channel's step 2 is stored: this device now holds everything that side had. */
	| { kind: 'received'; channel: number }
	/** …and it is projected: this device shows everything that side had. */
	| { kind: 'synced'; channel: number };

/** What the worker's storage and projection promise about the changes made so far. */
export interface DocSettling {
	stored(): Promise<void>;
	projected(): Promise<void>;
	/**
	 * Hands over every stored update as it is read, and resolves when all are (see
	 * `stored-state.ts`); absent where nothing is stored.
	 */
	streamStored?(onUpdate: (update: Uint8Array) => void): Promise<void>;
	/**
	 * Holds back rebuilding the projection until the returned release is called: taken while a
	 * colleague's answer is awaited, so an archive arriving in parts is projected once, after it
	 * is stored.
	 */
	holdRebuilds?(): () => void;
}

/**
 * A colleague who never finishes answering must not leave this device's screens behind its doc
 * for long: after this, a held rebuild goes ahead (a first sync of 10,000 customers arrives here
 * in 5 to 10 s).
 */
export const REBUILD_HOLD_LIMIT_MS = 60_000;

const ALREADY: DocSettling = {
	stored: () => Promise.resolve(),
	projected: () => Promise.resolve()
};

/** y-protocols' outer message type for sync messages (y-webrtc's and y-websocket's `messageSync`). */
export const MESSAGE_SYNC = 0;

/** The transaction origin of changes that arrived on a channel, so they are not sent back. */
export class RemoteChannelOrigin {
	constructor(
		readonly link: object,
		readonly channel: number
	) {}
}

/** A Yjs update that adds nothing: no items, no deletions. */
const NOTHING_MORE = new Uint8Array([0, 0]);

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/**
 * Answers the page's transports against `doc` over `port`, until the page unlinks. Changes
 * from channels enter the doc with a `RemoteChannelOrigin`, so the undo manager never takes
 * them for this member's own; every change is offered back to the page for the other channels.
 * A channel's step 2 is reported once on disk (received), and again once projected (synced):
 * "Synced" means the list shows everything, and a reload right after it finds everything.
 */
export function serveRemoteSync(
	doc: Y.Doc,
	port: DocPort,
	settling: DocSettling = ALREADY
): () => void {
	const link = {};
	// Every message is encoded here for the page alone: moved, not copied.
	const post = (event: RemoteSyncEvent) =>
		'message' in event && ownsBuffer(event.message)
			? port.postMessage(event, [event.message.buffer])
			: port.postMessage(event);
	/** The page's open channels, so a change goes to the page only when some channel takes it. */
	const channels = new Set<number>();
	/** Releases the rebuild hold of each channel whose answer (step 2) is awaited. */
	const awaiting = new Map<number, () => void>();
	const release = (channel: number) => {
		awaiting.get(channel)?.();
		awaiting.delete(channel);
	};
	const hold = (channel: number) => {
		if (!settling.holdRebuilds || awaiting.has(channel)) return;
		const releaseHold = settling.holdRebuilds();
		const limit = setTimeout(() => release(channel), REBUILD_HOLD_LIMIT_MS);
		awaiting.set(channel, () => {
			clearTimeout(limit);
			releaseHold();
		});
	};
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		const from = origin instanceof RemoteChannelOrigin && origin.link === link;
		const except = from ? origin.channel : null;
		// With one colleague online, what came from them goes nowhere: wrapping and posting it
		// cost a first sync of 10,000 customers half a second.
		if (![...channels].some((channel) => channel !== except)) return;
		post({
			kind: 'broadcast',
			except,
			message: syncMessage((encoder) => writeUpdate(encoder, update))
		});
	};
	const send = (channel: number, message: Uint8Array) => post({ kind: 'send', channel, message });
	/**
	 * Step 2: what the colleague (at state vector `theirs`) lacks. A colleague who lacks most of
	 * the archive gets the stored updates as they are, each as soon as it is read, and then an
	 * empty step 2: encoding a 10,000-customer archive again took the sender 3 to 4 s.
	 */
	const answer = (channel: number, theirs: Uint8Array) => {
		const encoded = () => syncMessage((encoder) => writeSyncStep2(encoder, doc, theirs));
		const ours = Y.decodeStateVector(Y.encodeStateVector(doc));
		if (!settling.streamStored || !lacksMostOf(ours, Y.decodeStateVector(theirs))) {
			return send(channel, encoded());
		}
		// A change made from here on may be missing from what is read, but the colleague has a
		// channel now, so every change is passed on to it as it happens (`onUpdate`): step 2 has
		// nothing left to add. (The doc's own encoding from the read's state vector would add
		// the whole delete set, which Yjs finds by walking every item of the doc: 1.5 s of the
		// sender's worker at 10,000 customers, in the middle of the sync.)
		settling
			.streamStored((update) =>
				send(
					channel,
					syncMessage((encoder) => writeUpdate(encoder, update))
				)
			)
			.then(
				() =>
					send(
						channel,
						syncMessage((encoder) => {
							encoding.writeVarUint(encoder, messageYjsSyncStep2);
							encoding.writeVarUint8Array(encoder, NOTHING_MORE);
						})
					),
				// Storage could not be read (or not all of it): the doc itself still answers, and
				// applying again what already arrived changes nothing.
				() => send(channel, encoded())
			);
	};
	const stop = () => {
		for (const channel of [...awaiting.keys()]) release(channel);
		doc.off('update', onUpdate);
		port.onmessage = null;
	};
	port.onmessage = (event: MessageEvent) => {
		const request = event.data as RemoteSyncRequest;
		if (request.kind === 'unlink') return stop();
		if (request.kind === 'close') {
			release(request.channel);
			return void channels.delete(request.channel);
		}
		channels.add(request.channel);
		if (request.kind === 'greet') {
			hold(request.channel);
			return send(
				request.channel,
				syncMessage((encoder) => writeSyncStep1(encoder, doc))
			);
		}
		const decoder = decoding.createDecoder(request.message);
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		const type = decoding.readVarUint(decoder);
		if (type === messageYjsSyncStep1) {
			answer(request.channel, decoding.readVarUint8Array(decoder));
			return;
		}
		if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return;
		const origin = new RemoteChannelOrigin(link, request.channel);
		try {
			applyReceivedUpdate(doc, decoding.readVarUint8Array(decoder), origin);
		} catch (error) {
			// As y-protocols does: a broken update (or an observer failing on it) must not end the
			// channel; the doc keeps what it had, and the next sync offers the rest again.
			console.error('Clientbook could not apply a colleague’s update', error);
		}
		if (type === messageYjsSyncStep2) {
			const { channel } = request;
			// A failed write is reported where the doc's storage is; the channel just never says synced.
			// The projection waits for the storage, not the other way round: IndexedDB took the
			// received archive's writes in turn with a rebuild's, and a first sync of 10,000
			// customers waited 8 s to be stored.
			// "Received" goes out before the hold ends: the rebuild that follows starts with
			// seconds of computing in this thread, and the page would hear only after that.
			settling
				.stored()
				.then(() => post({ kind: 'received', channel }))
				.finally(() => release(channel))
				.then(() => settling.projected())
				.then(() => post({ kind: 'synced', channel }))
				.catch(() => undefined);
		}
	};
	doc.on('update', onUpdate);
	return stop;
}
