import * as Y from 'yjs';

export type DocLinkMessage =
	| { kind: 'hello'; stateVector: Uint8Array }
	/** The answer to a hello: everything the greeting side lacked. */
	| { kind: 'state'; update: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	/** The other side is done: stop sending to it. */
	| { kind: 'unlink' };

/** A BroadcastChannel or a MessagePort: anything that posts structured-cloned messages. */
export interface DocPort {
	/** `transfer` moves those buffers instead of copying them (a MessagePort only). */
	postMessage(message: unknown, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent) => void) | null;
}

export interface DocLink {
	/** Resolves once the other side has answered this side's hello. */
	synced: Promise<void>;
	/** Stops this side only (the other side may still be listening). */
	disconnect(): void;
	/** Stops both sides: the other side hears it and stops sending too. */
	unlink(): void;
}

/**
 * Whether `bytes` is the whole of its buffer, so that posting can move the buffer instead of
 * copying it (a 28 MB first sync was copied twice between page and worker) without taking
 * anything else that shares it.
 */
export function ownsBuffer(bytes: Uint8Array): boolean {
	return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}

function isDocLinkMessage(message: unknown): message is DocLinkMessage {
	const kind = (message as { kind?: unknown } | null)?.kind;
	return kind === 'hello' || kind === 'state' || kind === 'update' || kind === 'unlink';
}

/**
 * Keeps two copies of a doc in step over a message port, the way Yjs providers do: each side
 * greets with its state vector and is answered with what it lacks, then every change travels.
 * Changes that arrive carry the port as their origin, so they are never sent back nor undone
 * as this side's own. Messages of other kinds go to `onOtherMessage`.
 */
export function linkDoc(
	doc: Y.Doc,
	port: DocPort,
	onOtherMessage: (message: unknown) => void = () => {}
): DocLink {
	let markSynced: () => void = () => {};
	const synced = new Promise<void>((resolve) => (markSynced = resolve));
	const post = (message: DocLinkMessage) => port.postMessage(message);

	// Changes go out only once another side has spoken. With no other tab open, every change
	// was copied to a channel nobody listened on: a 10,000-customer first sync, 31 MB of it, on
	// the worker's busiest seconds. A side that arrives later greets first, and the answer to
	// its greeting carries everything before.
	let heardFromOtherSide = false;
	const onLocalUpdate = (update: Uint8Array, origin: unknown) => {
		if (heardFromOtherSide && origin !== port) post({ kind: 'update', update });
	};
	port.onmessage = (event: MessageEvent) => {
		const message: unknown = event.data;
		if (!isDocLinkMessage(message)) return onOtherMessage(message);
		heardFromOtherSide = true;
		if (message.kind === 'unlink') return disconnect();
		if (message.kind === 'hello') {
			post({ kind: 'state', update: Y.encodeStateAsUpdate(doc, message.stateVector) });
			return;
		}
		Y.applyUpdate(doc, message.update, port);
		if (message.kind === 'state') markSynced();
	};
	const disconnect = () => {
		doc.off('update', onLocalUpdate);
		port.onmessage = null;
	};
	doc.on('update', onLocalUpdate);
	post({ kind: 'hello', stateVector: Y.encodeStateVector(doc) });

	return {
		synced,
		disconnect,
		unlink: () => {
			disconnect();
			post({ kind: 'unlink' });
		}
	};
}
