/** The results: their shape, the budgets, the table, bench/results.json and the README. */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { findChromium } from '../tests/e2e/support/find-chromium';
import { lighthouseScores, type LighthouseScores } from './lighthouse';
import { LIGHTHOUSE_RUNS } from './cli';

export interface SizeResult {
	size: string;
	measuredAt: string;
	/** The browser that took these figures: sizes kept from earlier runs may differ from this run's. */
	browser: string;
	/**
	 * The processor and its cores: the same build measured a first sync of 9.6 s on one 2-core
	 * machine and 4.1 s on another. Absent from figures taken before it was recorded.
	 */
	machine?: string;
	customers: number;
	events: number;
	docMB: number;
	generateMs: number;
	firstOpenWithRebuildMs: number;
	rebuildMs: number;
	coldStartMs: number;
	coldStartRuns: number[];
	longestTaskColdStartMs: number;
	/** The page's JS heap: what the UI thread carries. */
	heapMB: number;
	/** The workspace worker's JS heap (the doc lives there), once the workspace is open. */
	workerHeapMB: number;
	/** In the worker: the stored doc loaded and the projection checked (no rebuild). */
	workspaceOpenMs: number;
	searchP50Ms: number;
	searchP95Ms: number;
	searchKeystrokes: number;
	scrollFrames: number;
	/** Intervals between animation frames over one display frame, jitter included. */
	scrollFramesOver16Ms: number;
	/** Display frames the scroll missed (see `frames.ts`); absent from earlier results. */
	scrollFramesDropped?: number;
	scrollFrameP95Ms?: number;
	firstRouteJsGzipKB: number;
	singleEditBytes: number;
	importRows: number;
	importMs: number;
	/** The import's phases: reading the file, checking the rows, writing them. */
	importReadMs: number;
	importCheckMs: number;
	importWriteMs: number;
	importBulkPutMs: number;
	importToBulkPutRatio: number;
	heapAfterImportMB: number;
	longestTaskImportMs: number;
	/**
	 * A second device (its own Chromium and profile) joins the team: until its doc holds the
	 * whole archive (WebRTC).
	 */
	syncFullMs: number;
	/** …and until its list shows every customer (the projector has written them). */
	syncVisibleMs: number;
	/** The new device's page: its longest main-thread task from navigation until all rows show. */
	longestTaskSyncMs: number;
	/** The analytics columns of every purchase and interaction built from the doc (median of 3). */
	analyticsSnapshotMs?: number;
	/** Every purchase line grouped by local month × product from those columns (median of 5). */
	pivotMonthProductMs?: number;
	/** The page's longest main-thread task while both ran (in a worker). */
	longestTaskAnalyticsMs?: number;
	/**
	 * Insights opened in the warm app (the list shown): from the click until its figures and all
	 * twelve charts show, the analytics columns, the insights worker and Chart.js started by it.
	 */
	insightsReadyMs?: number;
	/** A change of period until every chart shows the new numbers (median of 5 changes). */
	insightsPeriodChangeMs?: number;
	/** …and the slowest of those changes. */
	insightsPeriodChangeMaxMs?: number;
	insightsPeriodChangeRuns?: number[];
	/** A segment's live count after an edit of a condition, until shown (median of 7 edits). */
	segmentCountMs?: number;
	pivotTableMs?: number;
	pivotTableMaxMs?: number;
	segmentCountMaxMs?: number;
	/** The page's longest main-thread task while Insights opened, changed period and counted. */
	longestTaskInsightsMs?: number;
	/** Customer value: every customer's RFM, ABC, risk and predictions in the worker (median). */
	scoresMs?: number;
	/** The BG/NBD and Gamma-Gamma fit in the worker (median of the tab's fit and two refits). */
	modelFitMs?: number;
	modelFitRuns?: number[];
	/** The page's longest main-thread task while Customer value opened and fitted again. */
	longestTaskValueMs?: number;
	/**
	 * Loyalty on, every purchase given its points (a ledger entry each): every customer's tier
	 * and balance for the list, from the request to the page holding them (median of 5).
	 */
	loyaltyBalancesMs?: number;
	/** An automation's run over every customer in the workspace worker (median of 3 dry runs). */
	automationRunMs?: number;
	/** Today opened from the list until its agenda and the week's care (occasions…) show. */
	todayReadyMs?: number;
	/** The page's longest main-thread task through the three. */
	longestTaskLoyaltyMs?: number;
	/**
	 * Sales, with a pipeline of 5,000 deals (1,000 open): the board opened from the list until
	 * every open deal is counted and each stage's first cards show (median of 3)…
	 */
	boardReadyMs?: number;
	/** …the funnel over every deal and its stage history (median of 3 visits)… */
	funnelMs?: number;
	/** …a card dragged by mouse to the next stage over 1.5 s: display frames, and those missed… */
	dealDragFrames?: number;
	dealDragFramesDropped?: number;
	/** …and the page's longest task through it all. */
	longestTaskSalesMs?: number;
	/**
	 * Feedback, with 5,000 items and 20,000 survey answers: an inbox filter changed until the
	 * list is drawn (the slowest of 8 changes, and their median)…
	 */
	feedbackFilterMs?: number;
	feedbackFilterMedianMs?: number;
	/** …Insights → Feedback opened from another tab until every chart is drawn (median of 3)… */
	feedbackInsightsMs?: number;
	/** …and the page's longest task through it all. */
	longestTaskFeedbackMs?: number;
	/**
	 * Erasing one customer from Data & privacy until the list says so: removal, undo dropped,
	 * the doc garbage-collected and the stored archive compacted…
	 */
	eraseMs?: number;
	/** …and the page's longest task meanwhile. */
	longestTaskEraseMs?: number;
	/** What an app lock adds to a cold start, the person's typing left out (median of 3). */
	appLockAddedMs?: number;
	/** Lighthouse mobile, 0–100: the median of LIGHTHOUSE_RUNS audits of the app's first visit. */
	lighthousePerformance: number;
	lighthouseAccessibility: number;
	lighthouseBestPractices: number;
}

/** What one size's page measures; the Lighthouse scores are added per run. */
export type MeasuredResult = Omit<SizeResult, keyof LighthouseScores | 'browser'>;

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function medianLighthouseScores(url: string): Promise<LighthouseScores> {
	const audits: LighthouseScores[] = [];
	for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
		audits.push(await lighthouseScores(url, findChromium()));
	}
	console.log(`  performance: ${audits.map((audit) => audit.lighthousePerformance).join(', ')}`);
	const of = (category: keyof LighthouseScores) => median(audits.map((audit) => audit[category]));
	return {
		lighthousePerformance: of('lighthousePerformance'),
		lighthouseAccessibility: of('lighthouseAccessibility'),
		lighthouseBestPractices: of('lighthouseBestPractices')
	};
}

export const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** What went wrong for a size that could not be measured (e.g. the page crashed). */
export interface SizeFailure {
	size: string;
	measuredAt: string;
	customers: number;
	events: number;
	failedAt: string;
	error: string;
}

/** Recorded with each size's figures (see `SizeResult.machine`). */
export const MACHINE = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length}`;

const BUDGETS: ({ metric: keyof SizeResult; unit: string } & (
	{ max: number; min?: never } | { min: number; max?: never }
))[] = [
	{ metric: 'coldStartMs', max: 1000, unit: 'ms' },
	{ metric: 'searchP95Ms', max: 16, unit: 'ms' },
	{ metric: 'rebuildMs', max: 3000, unit: 'ms' },
	{ metric: 'heapMB', max: 150, unit: 'MB' },
	{ metric: 'longestTaskColdStartMs', max: 200, unit: 'ms' },
	{ metric: 'singleEditBytes', max: 150, unit: 'B' },
	{ metric: 'syncFullMs', max: 5000, unit: 'ms' },
	{ metric: 'syncVisibleMs', max: 5000, unit: 'ms' },
	{ metric: 'importToBulkPutRatio', max: 3, unit: '×' },
	{ metric: 'analyticsSnapshotMs', max: 300, unit: 'ms' },
	{ metric: 'pivotMonthProductMs', max: 50, unit: 'ms' },
	{ metric: 'longestTaskAnalyticsMs', max: 50, unit: 'ms' },
	{ metric: 'insightsReadyMs', max: 500, unit: 'ms' },
	{ metric: 'insightsPeriodChangeMs', max: 100, unit: 'ms' },
	{ metric: 'segmentCountMs', max: 50, unit: 'ms' },
	{ metric: 'pivotTableMs', max: 100, unit: 'ms' },
	{ metric: 'longestTaskInsightsMs', max: 50, unit: 'ms' },
	{ metric: 'scoresMs', max: 1000, unit: 'ms' },
	{ metric: 'modelFitMs', max: 2000, unit: 'ms' },
	{ metric: 'longestTaskValueMs', max: 50, unit: 'ms' },
	{ metric: 'loyaltyBalancesMs', max: 200, unit: 'ms' },
	{ metric: 'automationRunMs', max: 1000, unit: 'ms' },
	{ metric: 'todayReadyMs', max: 300, unit: 'ms' },
	{ metric: 'longestTaskLoyaltyMs', max: 50, unit: 'ms' },
	{ metric: 'boardReadyMs', max: 500, unit: 'ms' },
	{ metric: 'funnelMs', max: 100, unit: 'ms' },
	{ metric: 'feedbackFilterMs', max: 50, unit: 'ms' },
	{ metric: 'feedbackInsightsMs', max: 300, unit: 'ms' },
	{ metric: 'longestTaskFeedbackMs', max: 50, unit: 'ms' },
	{ metric: 'eraseMs', max: 3000, unit: 'ms' },
	{ metric: 'longestTaskEraseMs', max: 50, unit: 'ms' },
	{ metric: 'appLockAddedMs', max: 50, unit: 'ms' },
	{ metric: 'firstRouteJsGzipKB', max: 170, unit: 'KB' },
	{ metric: 'lighthousePerformance', min: 95, unit: '' },
	{ metric: 'lighthouseAccessibility', min: 95, unit: '' },
	{ metric: 'lighthouseBestPractices', min: 95, unit: '' }
];

/** A number with its unit, or a dash for a metric that size's last run did not measure. */
export const shown = (value: number | undefined, unit: string) =>
	value === undefined ? '—' : `${value}${unit}`;

export function table(results: SizeResult[]): string {
	const rows: [string, (r: SizeResult) => string][] = [
		[
			'archive',
			(r) =>
				`${r.customers.toLocaleString('en')} customers / ${r.events.toLocaleString('en')} events (${r.docMB} MB doc)`
		],
		[
			'measured on',
			(r) =>
				`${r.measuredAt.slice(0, 10)}, Chromium ${r.browser}${r.machine ? `, ${r.machine}` : ''}`
		],
		['cold start to first rows (median)', (r) => `${r.coldStartMs} ms`],
		['first open incl. projection rebuild', (r) => `${r.firstOpenWithRebuildMs} ms`],
		['projection rebuild', (r) => `${r.rebuildMs} ms`],
		['search keystroke p50 / p95', (r) => `${r.searchP50Ms} / ${r.searchP95Ms} ms`],
		[
			'scroll: display frames missed (frames over 16.7 ms; p95 frame)',
			(r) =>
				`${shown(r.scrollFramesDropped, '')} (${r.scrollFramesOver16Ms} of ${r.scrollFrames}; ${shown(r.scrollFrameP95Ms, ' ms')})`
		],
		[
			'JS heap after cold start: page / workspace worker',
			(r) => `${r.heapMB} / ${shown(r.workerHeapMB, ' MB')}`
		],
		[
			'workspace open in the worker (doc loaded, projection checked)',
			(r) => shown(r.workspaceOpenMs, ' ms')
		],
		['longest task during cold start', (r) => `${r.longestTaskColdStartMs} ms`],
		['first-route JavaScript (gzip)', (r) => `${r.firstRouteJsGzipKB} KB`],
		['single-field edit update', (r) => `${r.singleEditBytes} B`],
		[
			'import 10,000-row CSV (vs raw bulkPut)',
			(r) =>
				r.importMs === undefined
					? '—'
					: `${r.importMs} ms (${r.importBulkPutMs} ms, ${r.importToBulkPutRatio}×)`
		],
		['JS heap after import', (r) => shown(r.heapAfterImportMB, ' MB')],
		['longest task during import', (r) => shown(r.longestTaskImportMs, ' ms')],
		[
			'analytics: columns built from the doc / month × product pivot (page’s longest task)',
			(r) =>
				r.analyticsSnapshotMs === undefined
					? '—'
					: `${r.analyticsSnapshotMs} / ${r.pivotMonthProductMs} ms (${shown(r.longestTaskAnalyticsMs, ' ms')})`
		],
		[
			'insights: opened / period changed (median), to all charts drawn (page’s longest task)',
			(r) =>
				r.insightsReadyMs === undefined
					? '—'
					: `${r.insightsReadyMs} / ${r.insightsPeriodChangeMs} ms, slowest ${shown(r.insightsPeriodChangeMaxMs, ' ms')} (${shown(r.longestTaskInsightsMs, ' ms')})`
		],
		[
			'segment: live count after an edit (median, slowest)',
			(r) =>
				r.segmentCountMs === undefined
					? '—'
					: `${r.segmentCountMs} ms (${shown(r.segmentCountMaxMs, ' ms')})`
		],
		[
			'report: product × month pivot over all purchases to a drawn table (median, slowest)',
			(r) =>
				r.pivotTableMs === undefined
					? '—'
					: `${r.pivotTableMs} ms (${shown(r.pivotTableMaxMs, ' ms')})`
		],
		[
			'loyalty: every balance and tier for the list / an automation over every customer / Today with the week’s care (page’s longest task)',
			(r) =>
				r.loyaltyBalancesMs === undefined
					? '—'
					: `${r.loyaltyBalancesMs} / ${shown(r.automationRunMs, ' ms')} / ${shown(r.todayReadyMs, ' ms')} (${shown(r.longestTaskLoyaltyMs, ' ms')})`
		],

		[
			'sales: board of 1,000 open deals / funnel over 5,000 / a drag’s display frames missed (scrolling the list’s) (page’s longest task)',
			(r) =>
				r.boardReadyMs === undefined
					? '—'
					: `${r.boardReadyMs} / ${shown(r.funnelMs, ' ms')} / ${shown(r.dealDragFramesDropped, '')} of ${shown(r.dealDragFrames, '')} (${shown(r.scrollFramesDropped, '')} of ${r.scrollFrames}) (${shown(r.longestTaskSalesMs, ' ms')})`
		],
		[
			'feedback: an inbox filter, slowest (median) / Insights → Feedback drawn (page’s longest task)',
			(r) =>
				r.feedbackFilterMs === undefined
					? '—'
					: `${r.feedbackFilterMs} (${shown(r.feedbackFilterMedianMs, ' ms')}) / ${shown(r.feedbackInsightsMs, ' ms')} (${shown(r.longestTaskFeedbackMs, ' ms')})`
		],
		[
			'erasure: one customer, storage compacted (page’s longest task)',
			(r) =>
				r.eraseMs === undefined ? '—' : `${r.eraseMs} ms (${shown(r.longestTaskEraseMs, ' ms')})`
		],
		[
			'app lock: what it adds to a cold start, typing left out',
			(r) => shown(r.appLockAddedMs, ' ms')
		],
		[
			'customer value: scores of every customer / model fit in the worker (page’s longest task)',
			(r) =>
				r.scoresMs === undefined
					? '—'
					: `${r.scoresMs} / ${r.modelFitMs} ms (${shown(r.longestTaskValueMs, ' ms')})`
		],
		[
			'Lighthouse mobile: performance / accessibility / best practices',
			(r) =>
				r.lighthousePerformance === undefined
					? '—'
					: `${r.lighthousePerformance} / ${r.lighthouseAccessibility} / ${r.lighthouseBestPractices}`
		],
		[
			'first full sync to a new device over WebRTC (all rows shown)',
			(r) => (r.syncFullMs === undefined ? '—' : `${r.syncFullMs} ms (${r.syncVisibleMs} ms)`)
		],
		[
			'longest task on the new device’s page during that sync',
			(r) => shown(r.longestTaskSyncMs, ' ms')
		]
	];
	const header = `| metric | ${results.map((r) => r.size).join(' | ')} |`;
	const rule = `| --- | ${results.map(() => '---').join(' | ')} |`;
	return [
		header,
		rule,
		...rows.map(([label, cell]) => `| ${label} | ${results.map(cell).join(' | ')} |`)
	].join('\n');
}

export function budgetReport(results: SizeResult[]): string[] {
	const m = results.find((r) => r.size === 'M') ?? results.at(-1)!;
	const s = results.find((r) => r.size === 'S');
	const lines = BUDGETS.map(({ metric, max, min, unit }) => {
		const value = m[metric] as number;
		const met = max !== undefined ? value <= max : value >= min;
		const budget = max !== undefined ? `≤ ${max}` : `≥ ${min}`;
		const withUnit = (n: number | string) => (unit ? `${n} ${unit}` : `${n}`);
		return `${met ? 'met   ' : 'MISSED'} ${metric} = ${withUnit(value)} (budget ${withUnit(budget)}, size ${m.size})`;
	});
	if (
		m.dealDragFrames !== undefined &&
		m.dealDragFramesDropped !== undefined &&
		m.scrollFramesDropped !== undefined
	) {
		// A drag between stages may miss no larger share of display frames than scrolling the list.
		const drag = round((100 * m.dealDragFramesDropped) / Math.max(1, m.dealDragFrames), 1);
		const scroll = round((100 * m.scrollFramesDropped) / Math.max(1, m.scrollFrames), 1);
		lines.push(
			`${drag <= scroll ? 'met   ' : 'MISSED'} deal drag frames missed = ${drag} % (budget ≤ scrolling the list, ${scroll} %, size ${m.size})`
		);
	}
	if (s && m !== s) {
		const ratio = round(m.coldStartMs / s.coldStartMs, 2);
		lines.push(`${ratio <= 1.5 ? 'met   ' : 'MISSED'} cold start M/S = ${ratio} (budget ≤ 1.5)`);
	}
	return lines;
}

export function writeReadme(results: SizeResult[], environment: string) {
	const readme = readFileSync('README.md', 'utf8');
	const start = '<!-- bench:start -->';
	const end = '<!-- bench:end -->';
	if (!readme.includes(start) || !readme.includes(end)) return;
	const body = `${start}\n_Measured on ${environment}; each size's date, browser and machine (processor × cores, where recorded) are in its column._\n\n${table(results)}\n${end}`;
	writeFileSync('README.md', readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), body));
	// Keep the README in the project's format, so `npm run lint` stays clean after a bench run.
	execSync('npx prettier --write README.md', { stdio: 'ignore' });
}
