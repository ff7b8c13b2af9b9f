/// <reference lib="webworker" />
import { WorkspaceCore, type WorkspaceNames } from './workspace-core';
import { serveWorkspace, type Endpoint, type WorkspaceReply } from './workspace-rpc';

/**
 * The workspace's own thread: the doc, its storage and the projector live here, so loading
 * and projecting a large archive never freeze the page. The first message says whose device
 * this is (the member id lives in the page's localStorage, which workers cannot read).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const endpoint: Endpoint = scope;
const announce = (reply: WorkspaceReply) => scope.postMessage(reply);

scope.onmessage = (event: MessageEvent<{ memberId: string; names: WorkspaceNames }>) => {
	const { memberId, names } = event.data;
	// The page reads the projector's timings (the benchmark's rebuild time) from its own timeline.
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			if (entry.name.startsWith('clientbook:'))
				announce({ measure: { name: entry.name, duration: entry.duration } });
		}
	}).observe({ type: 'measure' });
	const core = new WorkspaceCore(memberId, names, {
		onView: (view) => announce({ view }),
		onReplacedElsewhere: () => announce({ replacedElsewhere: true })
	});
	serveWorkspace(core, endpoint);
	// A failed open is shown through the view; nothing more to do with it here.
	core.whenReady().catch(() => {});
};
