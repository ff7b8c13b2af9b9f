import { describe, expect, it } from 'vitest';
import {
	chunkPeerMessages,
	FRAME_BYTES,
	FRAME_MARK,
	FrameJoiner,
	gunzip,
	gzip,
	toFrames,
	type PeerLike
} from '../../src/lib/features/sync/peer-chunking';
import { seededRandom } from './helpers';

/** Bytes that do not compress, like an already compact binary update would not by much. */
function noise(length: number, seed = 1): Uint8Array {
	const random = seededRandom(seed);
	const out = new Uint8Array(length);
	for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
	out[0] = 0;
	return out;
}

function bytes(length: number, seed = 1): Uint8Array {
	const out = new Uint8Array(length);
	for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
	// y-webrtc messages start with a small message type.
	out[0] = 0;
	return out;
}

/** Two fake simple-peer ends wired back to back, with a channel that holds `capacity` bytes. */
class FakePeer implements PeerLike {
	other: FakePeer | null = null;
	bufferSize = 0;
	destroyed = false;
	connected = true;
	sent: Uint8Array[] = [];
	#listeners: Array<(data: Uint8Array) => void> = [];

	sendRawFails = false;

	send(data: Uint8Array) {
		if (this.sendRawFails) throw new Error('InvalidStateError: the channel is not open');
		if (data.length > FRAME_BYTES + 6) throw new Error('message too large for the channel');
		this.sent.push(data);
		this.bufferSize += data.length;
		// The channel delivers later, as a real one does.
		setTimeout(() => {
			this.bufferSize -= data.length;
			for (const listener of this.other!.listeners('data')) listener(data);
		}, 1);
	}
	listeners(_event: 'data') {
		return [...this.#listeners];
	}
	removeAllListeners(_event: 'data') {
		this.#listeners = [];
	}
	on(_event: 'data', listener: (data: Uint8Array) => void) {
		this.#listeners.push(listener);
	}
}

/** Two fake peers back to back, and what the second one hands on to y-webrtc. */
function wiredPair() {
	const a = new FakePeer();
	const b = new FakePeer();
	a.other = b;
	b.other = a;
	const received: Uint8Array[] = [];
	b.on('data', (data) => received.push(data));
	return { a, b, received };
}

describe('peer message chunking', () => {
	it('leaves small messages alone and frames large ones', () => {
		const small = bytes(FRAME_BYTES);
		expect(toFrames(small)).toEqual([small]);
		const frames = toFrames(bytes(FRAME_BYTES * 2 + 5));
		expect(frames).toHaveLength(3);
		expect(frames.map((frame) => [frame[0], frame[1]])).toEqual([
			[FRAME_MARK, 0],
			[FRAME_MARK, 0],
			[FRAME_MARK, 1]
		]);
		expect(frames.every((frame) => frame.length <= FRAME_BYTES + 6)).toBe(true);
	});

	it('joins frames back into the message, passing unframed ones through', () => {
		const joiner = new FrameJoiner();
		const large = bytes(FRAME_BYTES * 3 + 17, 7);
		const frames = toFrames(large);
		const small = bytes(40, 3);
		expect(joiner.progress).toBeNull();
		expect(joiner.push(frames[0]!)).toBeNull();
		expect(joiner.progress).toEqual({ received: FRAME_BYTES, total: large.length });
		expect(joiner.push(small)).toBe(small);
		expect(joiner.push(frames[1]!)).toBeNull();
		expect(joiner.push(frames[2]!)).toBeNull();
		expect(Buffer.compare(joiner.push(frames[3]!)!, large)).toBe(0);
		expect(joiner.progress).toBeNull();
		// Ready for the next one.
		expect(joiner.push(toFrames(large)[0]!)).toBeNull();
	});

	it('carries a message far over the channel limit between two peers, in order', async () => {
		const { a, b, received } = wiredPair();
		chunkPeerMessages(a);
		const progress: Array<{ received: number; total: number } | null> = [];
		chunkPeerMessages(b, (p) => progress.push(p));
		const archive = noise(2_000_000, 9);
		const update = bytes(100, 5);
		const repetitive = bytes(2_000_000, 3);
		a.send(archive);
		a.send(update);
		await expect.poll(() => received.length).toBe(2);
		// Byte comparison: a deep equal over 2 MB element by element takes seconds.
		expect(Buffer.compare(received[0]!, archive)).toBe(0);
		expect(Buffer.compare(received[1]!, update)).toBe(0);
		// The receiver could show how far the large message had come, frame by frame.
		expect(progress[0]!.received).toBe(FRAME_BYTES);
		expect(progress[0]!.total).toBeGreaterThan(archive.length * 0.99);
		expect(progress.at(-1)).toBeNull();
		expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(archive.length / FRAME_BYTES));
		expect(Math.max(...a.sent.map((frame) => frame.length))).toBeLessThanOrEqual(FRAME_BYTES + 6);

		// Repetitive data (an archive's field names and values) travels compressed.
		const framesBefore = a.sent.length;
		a.send(repetitive);
		await expect.poll(() => received.length).toBe(3);
		expect(Buffer.compare(received[2]!, repetitive)).toBe(0);
		expect(a.sent.length - framesBefore).toBeLessThan(repetitive.length / FRAME_BYTES / 4);
	});

	it('frames a reply to a peer that wrote first, even before simple-peer reports connect', async () => {
		const { a, b, received } = wiredPair();
		chunkPeerMessages(a);
		chunkPeerMessages(b);
		const heardByA: Uint8Array[] = [];
		a.on('data', (data) => heardByA.push(data));
		// B is connected and asks for the archive; A's own "connect" has not fired yet.
		a.connected = false;
		b.send(bytes(12, 4));
		await expect.poll(() => heardByA.length).toBe(1);
		const archive = noise(FRAME_BYTES * 5, 11);
		a.send(archive);
		await expect.poll(() => received.length).toBe(1);
		expect(Buffer.compare(received[0]!, archive)).toBe(0);
	});

	it('keeps sending after a message failed to go, and lets y-webrtc see errors before connect', async () => {
		const { a, b, received } = wiredPair();
		chunkPeerMessages(a);
		chunkPeerMessages(b);
		// Not open yet: the raw channel's error reaches y-webrtc, which ignores it, as before.
		a.connected = false;
		const failing = a.sendRawFails;
		a.sendRawFails = true;
		expect(() => a.send(bytes(10))).toThrow();
		a.connected = true;
		// A channel that throws once (closing under us) must not leave the queue stuck.
		a.send(bytes(20));
		a.sendRawFails = failing;
		a.send(bytes(30, 2));
		await expect.poll(() => received.length).toBe(1);
		expect(received[0]!.length).toBe(30);
	});

	it('gzips and gunzips back byte for byte, and a corrupt gzip fails as a rejection', async () => {
		const repetitive = bytes(300_000, 7);
		const compressed = await gzip(repetitive);
		expect(compressed.length).toBeLessThan(repetitive.length / 4);
		expect(Buffer.compare(await gunzip(compressed), repetitive)).toBe(0);
		const corrupt = compressed.slice();
		corrupt.fill(0x55, 10, 200);
		await expect(gunzip(corrupt)).rejects.toThrow();
	});
});
