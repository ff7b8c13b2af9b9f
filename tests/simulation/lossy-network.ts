import * as Y from 'yjs';

/**
 * A seeded network between replicas that drops, delays, duplicates and reorders messages, and
 * can be partitioned. Like a real provider (y-webrtc, y-websocket), replicas also run the sync
 * handshake — "here is my state vector, send me what I lack" — which is how dropped updates
 * are eventually recovered.
 */
export interface NetworkOptions {
	drop: number;
	duplicate: number;
	/** Messages wait up to this many ticks before delivery (random, so they also reorder). */
	maxDelay: number;
}

interface Message {
	from: number;
	to: number;
	deliverAt: number;
	payload:
		{ kind: 'update'; update: Uint8Array } | { kind: 'syncRequest'; stateVector: Uint8Array };
}

export class LossyNetwork {
	readonly #docs: Y.Doc[];
	readonly #random: () => number;
	readonly #options: NetworkOptions;
	#queue: Message[] = [];
	#tick = 0;
	/** Replica index → partition id; replicas talk only within a partition. */
	#partition: number[];
	readonly origin = { network: true };
	stats = { sent: 0, dropped: 0, duplicated: 0, delivered: 0 };

	constructor(docs: Y.Doc[], random: () => number, options: NetworkOptions) {
		this.#docs = docs;
		this.#random = random;
		this.#options = options;
		this.#partition = docs.map(() => 0);
		docs.forEach((doc, from) => {
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				// Relay only local changes; received updates reach others through their senders.
				if (origin === this.origin) return;
				for (let to = 0; to < docs.length; to++) {
					if (to !== from) this.#send({ from, to, payload: { kind: 'update', update } });
				}
			});
		});
	}

	#send(message: Omit<Message, 'deliverAt'>): void {
		this.stats.sent++;
		if (this.#partition[message.from] !== this.#partition[message.to]) {
			this.stats.dropped++;
			return;
		}
		if (this.#random() < this.#options.drop) {
			this.stats.dropped++;
			return;
		}
		const copies = this.#random() < this.#options.duplicate ? 2 : 1;
		if (copies === 2) this.stats.duplicated++;
		for (let i = 0; i < copies; i++) {
			const delay = Math.floor(this.#random() * (this.#options.maxDelay + 1));
			this.#queue.push({ ...message, deliverAt: this.#tick + delay });
		}
	}

	/** Splits the replicas into groups that cannot reach each other. */
	partition(groups: number[][]): void {
		groups.forEach((group, id) => group.forEach((replica) => (this.#partition[replica] = id)));
	}

	heal(): void {
		this.#partition = this.#docs.map(() => 0);
	}

	/** A replica (re)connecting asks every peer for what it lacks, as providers do. */
	requestSync(replica: number): void {
		const stateVector = Y.encodeStateVector(this.#docs[replica]!);
		for (let to = 0; to < this.#docs.length; to++) {
			if (to !== replica)
				this.#send({ from: replica, to, payload: { kind: 'syncRequest', stateVector } });
		}
	}

	/** Advances one tick and delivers what is due, in random order. */
	step(): void {
		this.#tick++;
		const due = this.#queue.filter((message) => message.deliverAt <= this.#tick);
		this.#queue = this.#queue.filter((message) => message.deliverAt > this.#tick);
		for (let i = due.length - 1; i > 0; i--) {
			const j = Math.floor(this.#random() * (i + 1));
			[due[i], due[j]] = [due[j]!, due[i]!];
		}
		for (const message of due) this.#deliver(message);
	}

	#deliver(message: Message): void {
		// A partition that formed while the message was in flight cuts it off too.
		if (this.#partition[message.from] !== this.#partition[message.to]) return;
		this.stats.delivered++;
		const doc = this.#docs[message.to]!;
		if (message.payload.kind === 'update') {
			Y.applyUpdate(doc, message.payload.update, this.origin);
		} else {
			const update = Y.encodeStateAsUpdate(doc, message.payload.stateVector);
			this.#send({ from: message.to, to: message.from, payload: { kind: 'update', update } });
		}
	}

	/** Delivers everything in flight, then lets every replica sync until nothing is pending. */
	settle(): void {
		for (let round = 0; round < 50 && this.#queue.length > 0; round++) this.step();
		const saved = { ...this.#options };
		// The last rounds run on a network that works, as when every device is back online.
		Object.assign(this.#options, { drop: 0, duplicate: 0, maxDelay: 0 });
		for (let round = 0; round < 3; round++) {
			this.#docs.forEach((_, replica) => this.requestSync(replica));
			while (this.#queue.length > 0) this.step();
		}
		Object.assign(this.#options, saved);
	}
}
