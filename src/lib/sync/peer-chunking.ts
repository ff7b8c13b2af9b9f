/**
 * WebRTC data channels refuse messages over their maximum size (256 KiB in Chromium, as little as
 * 64 KiB elsewhere), and y-webrtc sends the whole missing state as one message on first sync. A
 * shop with a few hundred customers already exceeds that, and the sync silently never finishes.
 *
 * So messages over FRAME_BYTES travel as frames, `[FRAME_MARK, last?, total length (uint32 LE),
 * …payload]`, sent as the channel drains and joined again on arrival; the length lets the
 * receiver show how far a large first sync has come. Smaller messages go unchanged, so a peer running
 * plain y-webrtc still understands everything small. y-webrtc's own messages start with a
 * one-byte message type (0–4), so FRAME_MARK can never be mistaken for one.
 */
/** Every browser's data channels carry 64 KiB messages (Chromium and Safari take 256 KiB). */
export const FRAME_BYTES = 64 * 1024;
export const FRAME_MARK = 0xf5;
/**
 * Stop queueing frames into the channel above this many buffered bytes. The channel refuses
 * more than 16 MiB; a deep queue keeps it busy between our checks (a 1 MiB mark left it idle
 * most of the time and cut a first sync's throughput to a third).
 */
const HIGH_WATER_BYTES = 8 * 1024 * 1024;
const HEADER_BYTES = 6;

/** Splits one message into what goes on the wire: itself, or frames. */
export function toFrames(message: Uint8Array, frameBytes = FRAME_BYTES): Uint8Array[] {
	if (message.length <= frameBytes) return [message];
	const frames: Uint8Array[] = [];
	for (let start = 0; start < message.length; start += frameBytes) {
		const payload = message.subarray(start, start + frameBytes);
		const frame = new Uint8Array(payload.length + HEADER_BYTES);
		frame[0] = FRAME_MARK;
		frame[1] = start + frameBytes >= message.length ? 1 : 0;
		new DataView(frame.buffer).setUint32(2, message.length, true);
		frame.set(payload, HEADER_BYTES);
		frames.push(frame);
	}
	return frames;
}

export interface FrameProgress {
	received: number;
	total: number;
}

/** Joins frames back into messages; anything unframed passes straight through. */
export class FrameJoiner {
	#parts: Uint8Array[] = [];
	#received = 0;
	#total = 0;

	/** How much of a framed message has arrived, or null between messages. */
	get progress(): FrameProgress | null {
		return this.#parts.length > 0 ? { received: this.#received, total: this.#total } : null;
	}

	/** Returns the whole message once its last frame arrives, else null. */
	push(data: Uint8Array): Uint8Array | null {
		if (data[0] !== FRAME_MARK) return data;
		const payload = data.subarray(HEADER_BYTES);
		this.#parts.push(payload);
		this.#received += payload.length;
		this.#total = new DataView(data.buffer, data.byteOffset, HEADER_BYTES).getUint32(2, true);
		if (data[1] !== 1) return null;
		const length = this.#parts.reduce((sum, part) => sum + part.length, 0);
		const whole = new Uint8Array(length);
		let offset = 0;
		for (const part of this.#parts) {
			whole.set(part, offset);
			offset += part.length;
		}
		this.#parts = [];
		this.#received = 0;
		return whole;
	}
}

/** The part of a simple-peer instance this needs (y-webrtc types its peers as `any`). */
export interface PeerLike {
	send(data: Uint8Array): void;
	readonly bufferSize: number;
	readonly destroyed: boolean;
	listeners(event: 'data'): Array<(data: Uint8Array) => void>;
	removeAllListeners(event: 'data'): void;
	on(event: 'data', listener: (data: Uint8Array) => void): void;
}

const chunked = new WeakSet<PeerLike>();

/**
 * Makes a y-webrtc peer send and receive messages of any size. Must run before the peer
 * connects (y-webrtc announces new connections before they open, which is where we hook in).
 */
export function chunkPeerMessages(
	peer: PeerLike,
	onProgress: (progress: FrameProgress | null) => void = () => {}
): void {
	if (chunked.has(peer)) return;
	chunked.add(peer);
	const sendRaw = peer.send.bind(peer);
	const queue: Uint8Array[] = [];
	let draining = false;
	const drain = () => {
		if (peer.destroyed) {
			queue.length = 0;
			draining = false;
			return;
		}
		while (queue.length > 0 && peer.bufferSize < HIGH_WATER_BYTES) sendRaw(queue.shift()!);
		if (queue.length > 0) setTimeout(drain, 5);
		else draining = false;
	};
	peer.send = (message: Uint8Array) => {
		queue.push(...toFrames(message));
		if (!draining) {
			draining = true;
			drain();
		}
	};
	const deliver = peer.listeners('data');
	peer.removeAllListeners('data');
	const joiner = new FrameJoiner();
	peer.on('data', (data) => {
		const message = joiner.push(data);
		if (data[0] === FRAME_MARK) onProgress(joiner.progress);
		if (message) for (const listener of deliver) listener.call(peer, message);
	});
}
