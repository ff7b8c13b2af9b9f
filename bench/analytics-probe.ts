/**
 * Runs in a Web Worker of the measured page (bundled by the bench, served at
 * /__bench/analytics-probe.mjs): loads the size's archive into a doc, then times the app's own
 * analytics code on it — building the columns from scratch, and grouping every purchase line
 * by month and product — as the workspace and analytics workers run it.
 */
import * as Y from 'yjs';
import { pivotMonthByProduct } from '../src/lib/analytics/pivot';
import { AnalyticsSnapshot } from '../src/lib/analytics/snapshot';
import { workspaceDoc } from '../src/lib/crdt/workspace-doc';

const BUILD_RUNS = 3;
const PIVOT_RUNS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

self.onmessage = async (event: MessageEvent<{ size: string; parts: number }>) => {
	const { size, parts } = event.data;
	const ws = workspaceDoc(new Y.Doc());
	for (let part = 0; part < parts; part++) {
		const response = await fetch(`/__bench/${size}-${part}.bin`);
		Y.applyUpdate(ws.doc, new Uint8Array(await response.arrayBuffer()));
	}
	const builds: number[] = [];
	let columns = new AnalyticsSnapshot(ws).columns();
	for (let run = 0; run < BUILD_RUNS; run++) {
		const started = performance.now();
		columns = new AnalyticsSnapshot(ws).columns();
		builds.push(performance.now() - started);
	}
	const pivots: number[] = [];
	let cells = 0;
	for (let run = 0; run < PIVOT_RUNS; run++) {
		const started = performance.now();
		cells = pivotMonthByProduct(columns).cents.length;
		pivots.push(performance.now() - started);
	}
	self.postMessage({
		snapshotMs: median(builds),
		pivotMs: median(pivots),
		purchases: columns.purchases.count,
		cells
	});
};
