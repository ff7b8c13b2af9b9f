import { FRAME_BYTES } from '../features/sync/peer-chunking';
import { ownsBuffer, type DocPort } from './doc-link';
import type { RemoteSyncEvent, RemoteSyncRequest } from './remote-sync-server';

/** One transport to colleagues, as the worker sees it (see `remote-sync-server.ts`). */
export interface RemoteChannel {
	/** Sends this device's step 1: the other side answers with everything this device lacks. */
	greet(): void;
	/**
	 * Hands on a sync message that arrived from the other side. A large message that is the
	 * whole of its buffer is moved to the worker, not copied: the caller must not use it again.
	 */
	receive(message: Uint8Array): void;
	/** No more messages go to or come from this channel. */
	close(): void;
}

interface ChannelEnds {
	send(message: Uint8Array): void;
	events: ChannelEvents;
}

export interface ChannelEvents {
	/** What the other side sent in answer to our greeting is stored on this device. */
	onReceived?(): void;
	/** …and shown: the projection holds it too. */
	onSynced?(): void;
}

/**
 * The page's end of the worker's sync service: it routes the worker's messages to the right
 * transport, and the transports' sync messages to the worker, without decoding any of them.
 */
export class RemoteSyncClient {
	readonly #port: DocPort;
	readonly #channels = new Map<number, ChannelEnds>();
	#nextChannel = 1;

	constructor(port: DocPort) {
		this.#port = port;
		port.onmessage = (event: MessageEvent) => {
			const message = event.data as RemoteSyncEvent;
			if (message.kind === 'broadcast') {
				for (const [channel, ends] of this.#channels) {
					if (channel !== message.except) ends.send(message.message);
				}
				return;
			}
			const ends = this.#channels.get(message.channel);
			if (!ends) return;
			if (message.kind === 'send') ends.send(message.message);
			else if (message.kind === 'received') ends.events.onReceived?.();
			else ends.events.onSynced?.();
		};
	}

	#post(request: RemoteSyncRequest): void {
		if (request.kind === 'receive' && request.message.length > FRAME_BYTES) {
			if (ownsBuffer(request.message)) {
				return this.#port.postMessage(request, [request.message.buffer]);
			}
		}
		this.#port.postMessage(request);
	}

	open(send: (message: Uint8Array) => void, events: ChannelEvents = {}): RemoteChannel {
		const channel = this.#nextChannel++;
		this.#channels.set(channel, { send, events });
		return {
			greet: () => {
				if (this.#channels.has(channel)) this.#post({ kind: 'greet', channel });
			},
			receive: (message) => {
				if (this.#channels.has(channel)) this.#post({ kind: 'receive', channel, message });
			},
			close: () => {
				if (this.#channels.delete(channel)) this.#post({ kind: 'close', channel });
			}
		};
	}

	/** Ends the link: the worker stops sending, and no channel hears anything more. */
	close(): void {
		this.#channels.clear();
		this.#post({ kind: 'unlink' });
		this.#port.onmessage = null;
	}
}
