import * as Y from 'yjs';

type TabMessage =
	| { kind: 'hello'; stateVector: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'replaced' };

export interface TabConnection {
	disconnect(): void;
	/** Tells the other tabs the archive was replaced on disk, so they reload instead of merging. */
	announceReplaced(): void;
}

/**
 * Keeps the docs of several tabs of this browser in step, so an edit in one tab shows in the
 * others and no tab overwrites the projection with a stale doc. Updates from another tab enter
 * the doc with the channel as origin and take the same projector path as any remote change.
 */
export function connectTabs(
	doc: Y.Doc,
	channelName: string,
	onReplaced: () => void = () => location.reload()
): TabConnection {
	if (typeof BroadcastChannel === 'undefined') {
		return { disconnect: () => {}, announceReplaced: () => {} };
	}
	const channel = new BroadcastChannel(channelName);
	const post = (message: TabMessage) => channel.postMessage(message);

	const onLocalUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin !== channel) post({ kind: 'update', update });
	};
	channel.onmessage = (event: MessageEvent<TabMessage>) => {
		const message = event.data;
		if (message.kind === 'replaced') {
			disconnect();
			onReplaced();
		} else if (message.kind === 'update') {
			Y.applyUpdate(doc, message.update, channel);
		} else if (message.kind === 'hello') {
			// A tab just opened: send it what it may lack.
			post({ kind: 'update', update: Y.encodeStateAsUpdate(doc, message.stateVector) });
		}
	};
	doc.on('update', onLocalUpdate);
	post({ kind: 'hello', stateVector: Y.encodeStateVector(doc) });

	const disconnect = () => {
		doc.off('update', onLocalUpdate);
		channel.onmessage = null;
	};
	return {
		disconnect,
		announceReplaced: () => {
			disconnect();
			post({ kind: 'replaced' });
		}
	};
}
