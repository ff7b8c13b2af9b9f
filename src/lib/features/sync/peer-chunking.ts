/**
 * WebRTC data channels refuse messages over their maximum size (256 KiB in Chromium, as little as
 * 64 KiB elsewhere), and y-webrtc sends the whole missing state as one message on first sync. A
 * shop with a few hundred customers already exceeds that, and the sync silently never finishes.
 *
 * So messages over FRAME_BYTES travel as frames, `[FRAME_MARK, flags, total length (uint32 LE),
 * …payload]`, sent as the channel drains and joined again on arrival; the length lets the
 * receiver show how far a large first sync has come. Such messages are gzipped first (flag
 * COMPRESSED) where the browser has CompressionStream: an archive's field names and values
 * repeat, and the channel, not the CPU, is the slow part. Smaller messages go unchanged, so a peer running
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
const LAST = 1;
const COMPRESSED = 2;

/** Splits one message into what goes on the wire: itself, or frames. */
export function toFrames(
	message: Uint8Array,
	frameBytes = FRAME_BYTES,
	compressed = false
): Uint8Array[] {
	if (message.length <= frameBytes && !compressed) return [message];
	const frames: Uint8Array[] = [];
	for (let start = 0; start < message.length; start += frameBytes) {
		const payload = message.subarray(start, start + frameBytes);
		const frame = new Uint8Array(payload.length + HEADER_BYTES);
		frame[0] = FRAME_MARK;
		frame[1] = (start + frameBytes >= message.length ? LAST : 0) | (compressed ? COMPRESSED : 0);
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
		if ((data[1]! & LAST) === 0) return null;
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
	readonly connected: boolean;
	listeners(event: 'data'): Array<(data: Uint8Array) => void>;
	removeAllListeners(event: 'data'): void;
	on(event: 'data', listener: (data: Uint8Array) => void): void;
}

const chunked = new WeakSet<PeerLike>();

/**
 * Runs the bytes through the stream, written to it directly: going through a Blob's stream
 * (the usual idiom) copied them out to the browser's blob store and back, and took more than
 * twice as long (13.7 MB gzip in Chromium 150: 350 → 160 ms on an idle machine).
 */
async function through(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream
): Promise<Uint8Array> {
	const writer = stream.writable.getWriter();
	// A failure (a corrupt gzip) errors the readable side too, and surfaces below.
	writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
	writer.close().catch(() => undefined);
	return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

export const gzip = (bytes: Uint8Array) => through(bytes, new CompressionStream('gzip'));
export const gunzip = (bytes: Uint8Array) => through(bytes, new DecompressionStream('gzip'));

/** The frames for one message: compressed when it is large and the browser can. */
export async function encodeMessage(message: Uint8Array): Promise<Uint8Array[]> {
	if (message.length <= FRAME_BYTES || typeof CompressionStream === 'undefined') {
		return toFrames(message);
	}
	return toFrames(await gzip(message), FRAME_BYTES, true);
}

/** Reports an error as uncaught without breaking the chain that keeps messages in order. */
function rethrowLater(error: unknown): void {
	setTimeout(() => {
		throw error;
	});
}

/** Whether a frame is the last of a compressed message. */
export const endsCompressed = (frame: Uint8Array) =>
	frame[0] === FRAME_MARK && (frame[1]! & (LAST | COMPRESSED)) === (LAST | COMPRESSED);

/**
 * Makes a y-webrtc peer send and receive messages of any size. Must run before the peer
 * connects (y-webrtc announces new connections before they open, which is where we hook in).
 * `takeOver` sees each whole message first; those it returns true for never reach y-webrtc.
 */
export function chunkPeerMessages(
	peer: PeerLike,
	onProgress: (progress: FrameProgress | null) => void = () => {},
	takeOver: (message: Uint8Array) => boolean = () => false
): void {
	if (chunked.has(peer)) return;
	chunked.add(peer);
	const sendRaw = peer.send.bind(peer);
	const queue: Uint8Array[] = [];
	let draining = false;
	const drain = () => {
		try {
			while (queue.length > 0 && !peer.destroyed && peer.bufferSize < HIGH_WATER_BYTES) {
				sendRaw(queue.shift()!);
			}
		} catch {
			// The channel closed under us: what is queued cannot go, and the sync protocol
			// exchanges the difference again on the next connection.
			queue.length = 0;
		}
		if (queue.length > 0 && !peer.destroyed) setTimeout(drain, 5);
		else {
			queue.length = 0;
			draining = false;
		}
	};
	const enqueue = (frames: Uint8Array[]) => {
		queue.push(...frames);
		if (!draining) {
			draining = true;
			drain();
		}
	};
	// Compressing is asynchronous; a chain keeps messages in the order y-webrtc sent them. Small
	// messages with nothing ahead of them go at once, as y-webrtc expects: it sends its goodbye
	// and closes the connection in the same breath.
	let outgoing = Promise.resolve();
	let encoding = 0;
	// The channel can be open before simple-peer reports "connect" (it first reads the
	// connection's stats, slowly on a busy device), and the other side may already have asked
	// for the archive: a peer that has sent us data has an open channel.
	let heardFrom = false;
	peer.send = (message: Uint8Array) => {
		// y-webrtc broadcasts to connections still shaking hands and ignores the error a closed
		// channel throws: keep that, rather than queue what a new connection will sync anyway.
		// But a reply to a peer we heard from must arrive, and whole: sent raw, an archive over
		// the channel's limit was refused, the error swallowed, and the colleague never synced.
		if (!peer.connected && !heardFrom) return sendRaw(message);
		if (encoding === 0 && message.length <= FRAME_BYTES) {
			enqueue([message]);
			return;
		}
		encoding++;
		outgoing = outgoing
			.then(() => encodeMessage(message))
			.then(enqueue)
			.catch(rethrowLater)
			.finally(() => encoding--);
	};
	const deliver = peer.listeners('data');
	peer.removeAllListeners('data');
	const joiner = new FrameJoiner();
	const handOn = (message: Uint8Array) => {
		if (takeOver(message)) return;
		for (const listener of deliver) listener.call(peer, message);
	};
	let incoming = Promise.resolve();
	let decoding = 0;
	peer.on('data', (data) => {
		heardFrom = true;
		const message = joiner.push(data);
		if (data[0] === FRAME_MARK) onProgress(joiner.progress);
		if (!message) return;
		const compressed = endsCompressed(data);
		if (!compressed && decoding === 0) {
			handOn(message);
			return;
		}
		decoding++;
		incoming = incoming
			.then(async () => handOn(compressed ? await gunzip(message) : message))
			.catch(rethrowLater)
			.finally(() => decoding--);
	});
}
