import * as Y from 'yjs';

type TabMessage =
	{ kind: 'hello'; stateVector: Uint8Array } | { kind: 'update'; update: Uint8Array };

/**
 * Keeps the docs of several tabs of this browser in step, so an edit in one tab shows in the
 * others and no tab overwrites the projection with a stale doc. Updates from another tab enter
 * the doc with the channel as origin and take the same projector path as any remote change.
 */
export function connectTabs(doc: Y.Doc, channelName: string): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(channelName);
	const post = (message: TabMessage) => channel.postMessage(message);

	const onLocalUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin !== channel) post({ kind: 'update', update });
	};
	channel.onmessage = (event: MessageEvent<TabMessage>) => {
		const message = event.data;
		if (message.kind === 'update') {
			Y.applyUpdate(doc, message.update, channel);
		} else if (message.kind === 'hello') {
			// A tab just opened: send it what it may lack.
			post({ kind: 'update', update: Y.encodeStateAsUpdate(doc, message.stateVector) });
		}
	};
	doc.on('update', onLocalUpdate);
	post({ kind: 'hello', stateVector: Y.encodeStateVector(doc) });

	return () => {
		doc.off('update', onLocalUpdate);
		channel.close();
	};
}
