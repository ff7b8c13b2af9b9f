import type * as Y from 'yjs';
import { linkDoc } from './doc-link';

const REPLACED = { kind: 'replaced' } as const;

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
	onReplaced: () => void
): TabConnection {
	if (typeof BroadcastChannel === 'undefined') {
		return { disconnect: () => {}, announceReplaced: () => {} };
	}
	const channel = new BroadcastChannel(channelName);
	const link = linkDoc(doc, channel, (message) => {
		if ((message as { kind?: unknown } | null)?.kind !== REPLACED.kind) return;
		link.disconnect();
		onReplaced();
	});
	return {
		disconnect: link.disconnect,
		announceReplaced: () => {
			link.disconnect();
			channel.postMessage(REPLACED);
		}
	};
}
