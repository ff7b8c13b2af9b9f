/** What the benchmark measures, scenario by scenario, on one archive size. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Page } from '@playwright/test';
import { CUSTOMER_INDEXES } from '../src/lib/projection/customer-indexes';
import { WORKSPACE_WORKER_NAME } from '../src/lib/workspace/worker-name';
import { droppedFrames } from './frames';
import {
	DEALS,
	FEEDBACK,
	generateImportCsv,
	type ArchiveSize,
	type GeneratedArchive
} from './generate';
import { COLD_RUNS, SYNC_RUNS, profileDir, traceDir } from './cli';
import { startSignaling } from './servers';
import {
	ROW_SELECTOR,
	closeApp,
	firstPage,
	injectArchive,
	launchDevice,
	workerHeapBytes
} from './devices';
import { MACHINE, type MeasuredResult, median, percentile, round } from './report';

/** A size that takes longer than this is reported as failed at the step it was in. */
const SIZE_LIMIT_MS = 10 * 60_000;

/** The customer file every size imports (the budget speaks of 10,000 rows). */
const IMPORT_ROWS = 10_000;

const importCsv = Buffer.from(generateImportCsv(IMPORT_ROWS), 'utf8');

const TEAM_KEY = 'clientbook.team.main';

/**
 * The archive's device turns sync on; a second, empty device joins the same team and
 * the clock runs from its navigation until it holds, then shows, everything.
 */
async function syncToNewDevice(page: Page, origin: string) {
	const signaling = await startSignaling();
	const team = JSON.stringify({
		space: {
			roomId: `clientbook-bench${Date.now()}`,
			secret: 'bench-secret-bench-secret-bench-secret-1234',
			signaling: [signaling.url],
			relay: null
		},
		paused: false
	});
	const colleague = await launchDevice();
	try {
		await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [TEAM_KEY, team]);
		await page.goto(`${origin}/customers`);
		const total = page.getByText(/^[\d,]+ of [\d,]+ customers$/);
		await total.waitFor({ timeout: 120_000 });
		const shown = (await total.textContent())!.trim();
		// The colleague who has the archive is online before the new device starts.
		await page
			.getByRole('link', { name: 'Sync with colleagues: Connected; no colleague online' })
			.waitFor({ timeout: 120_000 });
		// …with its archive open: the page connects while the worker still opens it.
		await page.waitForFunction(
			() => performance.getEntriesByName('clientbook:workspace-open').length > 0,
			undefined,
			{ timeout: 120_000 }
		);
		await colleague.context.addInitScript(
			([key, value]) => localStorage.setItem(key!, value!),
			[TEAM_KEY, team]
		);
		const other = await firstPage(colleague);
		await other.goto(`${origin}/customers`);
		await other.waitForFunction(
			() => performance.getEntriesByName('clientbook:webrtc-synced').length > 0,
			undefined,
			{ timeout: 120_000 }
		);
		const full = await other.evaluate(
			() => performance.getEntriesByName('clientbook:webrtc-synced')[0]!.startTime
		);
		// Seen in the page each frame, on the page's clock from its navigation as `full` is: the
		// harness's own polling of a locator reached it up to half a second late.
		const visible = (await (
			await other.waitForFunction(
				(text) =>
					[...document.querySelectorAll('p')].some((p) => p.textContent?.trim() === text) &&
					performance.now(),
				shown,
				{ polling: 'raf', timeout: 300_000 }
			)
		).jsonValue()) as number;
		const longestTask = await other.evaluate(
			() => (window as unknown as { __bench: { longestTask: number } }).__bench.longestTask
		);
		return { full, visible, longestTask };
	} finally {
		await colleague.close();
		signaling.process.kill();
	}
}

/**
 * The analytics read model in a worker of the measured page, on the size's archive (see
 * bench/analytics-probe.ts), and the page's longest task meanwhile.
 */
async function measureAnalytics(page: Page, size: ArchiveSize, parts: number) {
	return page.evaluate(
		async ({ size, parts }) => {
			const bench = (window as unknown as { __bench: { longestTask: number } }).__bench;
			bench.longestTask = 0;
			const worker = new Worker('/__bench/analytics-probe.mjs', { type: 'module' });
			const result = await new Promise<{ snapshotMs: number; pivotMs: number }>(
				(resolve, reject) => {
					worker.onmessage = (event) => resolve(event.data);
					worker.onerror = (event) => reject(new Error(event.message));
					worker.postMessage({ size, parts });
				}
			);
			worker.terminate();
			return { ...result, longestTask: bench.longestTask };
		},
		{ size: size.name, parts }
	);
}

/**
 * Insights in the warm app: from a click on the navigation link until the figures and all twelve
 * charts show (the route's code, its messages and Chart.js load on that click; the columns and
 * the insights worker were prepared once the app was quiet), then each period change until
 * every chart shows the new numbers, a segment's count edit by edit and a product × month
 * pivot measure by measure; the page's longest task throughout.
 */
/** Waits until the app has prepared Insights ahead, as it does once quiet (see warm-up.ts). */
async function insightsPrepared(page: Page) {
	await page
		.waitForFunction(
			// The dashboard worked out and Chart.js's first draw done (see warm-up.ts).
			() => performance.getEntriesByName('clientbook:insights-warmed').length > 0,
			undefined,
			{ timeout: 30_000 }
		)
		.catch(() => console.log('  (Insights was not prepared ahead)'));
}

async function measureInsights(page: Page) {
	// A warm app: settled, nobody typing, Insights prepared ahead; a shopkeeper who opens it
	// within seconds of a start waits for the rest.
	await insightsPrepared(page);
	return page.evaluate(async () => {
		const bench = (window as unknown as { __bench: { longestTask: number } }).__bench;
		const version = () =>
			Number(document.querySelector<HTMLElement>('.charts')?.dataset.version ?? 0);
		/**
		 * Resolves with performance.now() once the page shows an answer newer than `before` and
		 * every chart shows that answer (drawn, or its "nothing in this period").
		 */
		/** Resolves with what `find` finds, checked every frame. */
		const until = <T>(find: () => T | null | false) =>
			new Promise<T>((resolve, reject) => {
				const limit = performance.now() + 60_000;
				const check = () => {
					const found = find();
					if (found) return resolve(found);
					if (performance.now() > limit) return reject(new Error('the insights never showed it'));
					requestAnimationFrame(check);
				};
				check();
			});
		const allShown = (before: number) =>
			new Promise<number>((resolve, reject) => {
				const limit = performance.now() + 60_000;
				const check = () => {
					const now = performance.now();
					const current = version();
					const cards = [...document.querySelectorAll<HTMLElement>('[data-testid^="chart-"]')];
					const done =
						current > before &&
						cards.length === 12 &&
						document.querySelector('[data-testid="figures"]') !== null &&
						cards.every((card) => Number(card.dataset.shownVersion) === current);
					if (done) return resolve(now);
					if (now > limit) return reject(new Error('the insights charts never all showed'));
					requestAnimationFrame(check);
				};
				check();
			});
		bench.longestTask = 0;
		const link = document.querySelector<HTMLAnchorElement>('nav a[href="/insights"]')!;
		const clicked = performance.now();
		link.click();
		const ready = (await allShown(0)) - clicked;
		const changes: number[] = [];
		for (const period of ['thisYear', 'last90', 'lastYear', 'last30', 'thisYear']) {
			const select = document.querySelector<HTMLSelectElement>('#period')!;
			const before = version();
			const changed = performance.now();
			select.value = period;
			select.dispatchEvent(new Event('change', { bubbles: true }));
			changes.push((await allShown(before)) - changed);
		}
		// A segment's live count, edit by edit: "total spent over X", X typed anew each time.
		document.querySelector<HTMLAnchorElement>('a[href="/insights/segments"]')!.click();
		const newSegment = await until(() =>
			document.querySelector<HTMLAnchorElement>('a[href="/insights/segments/new"]')
		);
		newSegment.click();
		const count = await until(() =>
			document.querySelector<HTMLElement>('[data-testid="segment-count"]')
		);
		await until(() => Number(count.dataset.answered) > 0);
		const value = document.querySelector<HTMLInputElement>('fieldset input')!;
		const counts: number[] = [];
		for (const amount of ['100', '500', '1000', '2000', '5000', '300', '800']) {
			const before = Number(count.dataset.answered);
			const typed = performance.now();
			value.value = amount;
			value.dispatchEvent(new Event('input', { bubbles: true }));
			await until(() => Number(count.dataset.answered) > before);
			counts.push(performance.now() - typed);
		}
		// A product × month pivot over all purchases, the measure changed each time, until the
		// table with the new numbers has been drawn (a frame after the page shows the answer).
		document.querySelector<HTMLAnchorElement>('a[href="/insights/reports"]')!.click();
		const report = await until(() => document.querySelector<HTMLElement>('.reports'));
		const answered = () => Number(report.dataset.version ?? 0);
		const choose = async (id: string, option: string) => {
			const before = answered();
			const select = document.querySelector<HTMLSelectElement>(`#${id}`)!;
			const started = performance.now();
			if (select.value === option) return 0;
			select.value = option;
			select.dispatchEvent(new Event('change', { bubbles: true }));
			await until(() => answered() > before);
			await new Promise(requestAnimationFrame);
			return performance.now() - started;
		};
		await until(() => answered() > 0);
		await choose('report-period', 'all');
		await choose('report-rows', 'product');
		await choose('report-columns', 'month');
		const pivots: number[] = [];
		for (const measure of ['quantity', 'customers', 'purchases', 'averageOrder', 'revenue']) {
			pivots.push(await choose('report-measure', measure));
		}
		const longestTask = bench.longestTask;
		// Customer value: the tab opened (every customer scored, the models fitted in the
		// insights worker), then fitted again twice; the page's longest task throughout.
		bench.longestTask = 0;
		const durations = (name: string) =>
			performance.getEntriesByName(`clientbook:${name}`).map((entry) => entry.duration);
		const fitsBefore = durations('value-model-fit').length;
		document.querySelector<HTMLAnchorElement>('a[href="/insights/value"]')!.click();
		const panel = await until(() =>
			document.querySelector<HTMLElement>('[data-testid="value-model"]')
		);
		for (let refit = 0; refit < 2; refit++) {
			const fitted = durations('value-model-fit').length;
			const button = await until(() => {
				const found = panel.querySelector<HTMLButtonElement>('button');
				return found && !found.disabled ? found : null;
			});
			button.click();
			await until(() => durations('value-model-fit').length > fitted);
		}
		await until(() => !panel.querySelector<HTMLButtonElement>('button')?.disabled);
		const valueFits = durations('value-model-fit').slice(fitsBefore);
		const valueScores = durations('value-scores');
		const valueLongestTask = bench.longestTask;
		// Back to the list, as the scenarios after this one expect.
		document.querySelector<HTMLAnchorElement>('nav a[href="/customers"]')!.click();
		return {
			ready,
			changes,
			counts,
			pivots,
			longestTask,
			valueFits,
			valueScores,
			valueLongestTask
		};
	});
}

/**
 * Loyalty turned on and every purchase given its points through the app (a ledger entry per
 * purchase), then: the list's tiers and balances (5 visits), an automation's dry run over every
 * customer (3), and Today until the week's care shows (3). The page's longest task throughout.
 */
/**
 * With BENCH_PROFILE=1, a CPU profile of the page from now until `printTop`, which prints the
 * functions that took the most time of their own (the profiler slows the page: timings of such
 * a run are not comparable).
 */
async function startProfile(page: Page) {
	if (process.env.BENCH_PROFILE !== '1') return null;
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	return {
		async printTop() {
			const { profile } = await cdp.send('Profiler.stop');
			// The whole profile for a closer look (DevTools, or a script with the build's maps).
			if (process.env.BENCH_PROFILE_OUT)
				writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
			const self = new Map<string, number>();
			const byId = new Map(profile.nodes.map((node) => [node.id, node]));
			(profile.samples ?? []).forEach((id, i) => {
				const frame = byId.get(id)!.callFrame;
				const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
				self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
			});
			const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
			for (const [key, ms] of top) console.log(`  profile ${ms.toFixed(1)} ms ${key}`);
		}
	};
}

/** Prints the page's long animation frames since `since`, with the scripts that held them. */
async function printLongFrames(page: Page, since: number, label = '') {
	const frames = await page.evaluate(
		(since) =>
			(
				window as unknown as {
					__bench: {
						longFrames: {
							at: number;
							duration: number;
							layout: number;
							render: number;
							scripts: string[];
						}[];
					};
				}
			).__bench.longFrames.filter((frame) => frame.at >= since),
		since
	);
	for (const frame of frames)
		console.log(
			`  ${label}long frame +${frame.at - Math.round(since)} ms: ${frame.duration} ms (rendering ${frame.render}, style and layout ${frame.layout}); ${frame.scripts.join(' | ')}`
		);
}

async function measureLoyalty(page: Page) {
	const durations = (name: string) =>
		page.evaluate(
			(measure) =>
				performance.getEntriesByName(`clientbook:${measure}`).map((entry) => entry.duration),
			name
		);
	const nav = (href: string) => page.locator(`nav a[href="${href}"]`).first().click();
	await nav('/settings');
	const card = page.locator('#loyalty-settings');
	await card.locator('input[type="checkbox"]').first().check();
	await card.locator('button[type="submit"]').click();
	const credit = card.locator('.credit button');
	await credit.waitFor({ timeout: 120_000 });
	await credit.click();
	await card.locator('.credit').waitFor({ state: 'detached', timeout: 600_000 });
	await page.evaluate(() => {
		(window as unknown as { __bench: { longestTask: number } }).__bench.longestTask = 0;
	});
	const balancesBefore = (await durations('loyalty-list')).length;
	const startedAt = await page.evaluate(() => performance.now());
	const profiler = await startProfile(page);
	for (let visit = 0; visit < 5; visit++) {
		await nav('/customers');
		await page.waitForFunction(
			([name, before, want]) =>
				performance.getEntriesByName(`clientbook:${name}`).length >= before + want,
			['loyalty-list', balancesBefore, visit + 1] as const,
			{ timeout: 60_000 }
		);
		await nav('/today');
		await page.locator('[data-view]').first().waitFor();
	}
	const balances = (await durations('loyalty-list')).slice(balancesBefore);
	const longest = () =>
		page.evaluate(() => {
			const bench = (window as unknown as { __bench: { longestTask: number } }).__bench;
			const found = bench.longestTask;
			bench.longestTask = 0;
			return found;
		});
	await profiler?.printTop();
	const phases: Record<string, number> = { list: await longest() };

	await nav('/care');
	await page.locator('a[href="/care/automations"]').first().click();
	await page.getByRole('button', { name: 'New automation' }).first().click();
	const form = page.getByRole('dialog', { name: 'New automation' });
	await form.getByLabel('Name', { exact: true }).fill('Lapsed a month');
	await form.getByLabel('Trigger').selectOption('noPurchaseFor');
	await form.getByLabel('Days').fill('30');
	await form.getByLabel('Do').selectOption('addTag');
	await form.getByLabel('Tag').fill('lapsed');
	const plansBefore = (await durations('automation-plan')).length;
	await form.getByRole('button', { name: 'Save' }).click();
	const rule = page.getByRole('region', { name: 'Lapsed a month' });
	for (let run = 0; run < 3; run++) {
		await page.waitForFunction(
			([name, want]) => performance.getEntriesByName(`clientbook:${name}`).length >= want,
			['automation-plan', plansBefore + run + 1] as const,
			{ timeout: 60_000 }
		);
		await rule.getByRole('status').waitFor();
		if (run < 2) await rule.getByRole('button', { name: 'Dry run' }).click();
	}
	const plans = (await durations('automation-plan')).slice(plansBefore);
	phases['automations'] = await longest();

	await nav('/customers');
	const today: number[] = [];
	for (let visit = 0; visit < 3; visit++) {
		await nav('/customers');
		await page.locator(ROW_SELECTOR).first().waitFor();
		today.push(
			await page.evaluate(async () => {
				const clicked = performance.now();
				document.querySelector<HTMLAnchorElement>('nav a[href="/today"]')!.click();
				await new Promise<void>((resolve, reject) => {
					const limit = performance.now() + 60_000;
					const check = () => {
						const view = document.querySelector<HTMLElement>('[data-view]')?.dataset.view;
						const care = document.querySelector<HTMLElement>('[data-care-week]')?.dataset.careWeek;
						if (view === 'agenda' ? care === 'ready' : view === 'allClear') return resolve();
						if (performance.now() > limit) return reject(new Error('Today never showed'));
						requestAnimationFrame(check);
					};
					check();
				});
				return performance.now() - clicked;
			})
		);
	}
	phases['today'] = await longest();
	// Which step a long task came from, for the log (the budget takes the longest of them).
	console.log(`  loyalty steps' longest tasks: ${JSON.stringify(phases)}`);
	await printLongFrames(page, startedAt, 'loyalty: ');
	return { balances, plans, today, longestTask: Math.max(...Object.values(phases)) };
}

async function firstOpen(page: Page, origin: string) {
	const started = Date.now();
	await page.goto(`${origin}/customers`);
	await page.locator(ROW_SELECTOR).first().waitFor({ timeout: 300_000 });
	const wall = Date.now() - started;
	await page.waitForFunction(() => performance.getEntriesByName('clientbook:rebuild').length > 0);
	const rebuild = await page.evaluate(
		() => performance.getEntriesByName('clientbook:rebuild')[0]!.duration
	);
	return { wall, rebuild };
}

async function coldStart(page: Page, origin: string) {
	await closeApp(page);
	await page.goto(`${origin}/customers`);
	await page.waitForFunction(
		() =>
			(window as unknown as { __bench: { firstRowsAt: number | null } }).__bench.firstRowsAt !==
			null,
		undefined,
		{ timeout: 120_000 }
	);
	// Let the doc finish loading behind the first screen before reading heap and long tasks.
	await page.waitForFunction(
		() => performance.getEntriesByName('clientbook:workspace-open').length > 0,
		undefined,
		{ timeout: 120_000 }
	);
	const workspaceOpen = await page.evaluate(
		() => performance.getEntriesByName('clientbook:workspace-open')[0]!.duration
	);
	const workerHeap = await workerHeapBytes(page, WORKSPACE_WORKER_NAME);
	const inPage = await page.evaluate(() => {
		const bench = (window as unknown as { __bench: { firstRowsAt: number; longestTask: number } })
			.__bench;
		const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
		const scripts = performance
			.getEntriesByType('resource')
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.endsWith('.js'));
		return {
			firstRowsAt: bench.firstRowsAt,
			longestTask: bench.longestTask,
			heap: memory ? memory.usedJSHeapSize : 0,
			scripts
		};
	});
	// Scripts a worker imports are in the worker's own timeline, not the page's.
	for (const worker of page.workers()) {
		const loaded = await worker.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((entry) => new URL(entry.name).pathname)
				.filter((path) => path.endsWith('.js'))
		);
		inPage.scripts.push(...loaded);
	}
	return { ...inPage, workerHeap, workspaceOpen };
}

/** Types each query key by key and times each keystroke until the list has updated. */
async function searchLatency(page: Page, queries: string[]): Promise<number[]> {
	const { times } = await typeQueries(page, queries, false);
	return times;
}

/** Types each query key by key; each keystroke's time, and what the box held after it. */
async function typeQueries(page: Page, queries: string[], detail: boolean) {
	const { times, microtasks, counts } = await page.evaluate(
		async ({ queries, detail }) => {
			const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
			const times: number[] = [];
			// Until the input's microtasks ran (Svelte's flush is queued first): what is left of a
			// keystroke's time is other tasks that ran before the measuring one.
			const microtasks: number[] = [];
			const counts: string[] = [];
			// The next task, once Svelte's microtasks have put the results in the DOM. Not setTimeout:
			// timers nested five deep are clamped to 4 ms, which every keystroke after the fifth paid.
			const channel = new MessageChannel();
			const settle = () =>
				new Promise((resolve) => {
					channel.port1.onmessage = resolve;
					channel.port2.postMessage(null);
				});
			for (const query of queries) {
				for (let i = 1; i <= query.length; i++) {
					const started = performance.now();
					if (detail) performance.mark('keystroke');
					input.value = query.slice(0, i);
					input.dispatchEvent(new Event('input', { bubbles: true }));
					if (detail)
						void Promise.resolve().then(() => microtasks.push(performance.now() - started));
					await settle();
					times.push(performance.now() - started);
					if (detail) performance.mark('keystroke-done');
					if (detail) counts.push(document.querySelector('.count')?.textContent?.trim() ?? '');
				}
				input.value = '';
				input.dispatchEvent(new Event('input', { bubbles: true }));
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			return { times, microtasks, counts };
		},
		{ queries, detail }
	);
	const typed = queries.flatMap((query) =>
		Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1))
	);
	return { times, microtasks, counts, typed };
}

/**
 * One `--only` step: a device with the generated archive stored and opened once (its
 * projection rebuilt), handed to `steps`, and closed afterwards whatever happens.
 */
async function withOpenedArchive(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive,
	steps: (page: Page) => Promise<void>
) {
	const device = await launchDevice();
	try {
		const page = await firstPage(device);
		await injectArchive(page, origin, size, archive.updates.length);
		await firstOpen(page, origin);
		await steps(page);
	} finally {
		await device.close();
	}
}

/** The loyalty steps alone, after the import as in a full run (see `onlyLoyalty`). */
export async function measureLoyaltyOnly(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	return withOpenedArchive(origin, size, archive, async (page) => {
		await coldStart(page, origin);
		await importCustomers(page, origin);
		const loyalty = await measureLoyalty(page);
		console.log(
			`  balances ${loyalty.balances.map(Math.round).join(', ')} ms; plans ${loyalty.plans.map(Math.round).join(', ')} ms; Today ${loyalty.today.map(Math.round).join(', ')} ms; longest task ${Math.round(loyalty.longestTask)} ms`
		);
	});
}

/** The sales steps alone, after the archive's first open (see `onlySales`). */
export async function measureSalesOnly(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	return withOpenedArchive(origin, size, archive, async (page) => {
		await coldStart(page, origin);
		const frames = await scroll(page);
		const sales = await measureSales(page, origin, size, archive);
		console.log(
			`  board ${sales.boardReady.map(Math.round).join(', ')} ms; funnel ${sales.funnel.map((ms) => ms.toFixed(1)).join(', ')} ms; drag ${sales.dragDropped} of ${sales.dragFrames} frames dropped (scroll ${droppedFrames(frames)} of ${frames.length}); longest task ${Math.round(sales.longestTask)} ms`
		);
		await printLongFrames(page, sales.startedAt, 'sales: ');
	});
}

/** The feedback steps alone, after the archive's first open (see `onlyFeedback`). */
export async function measureFeedbackOnly(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	return withOpenedArchive(origin, size, archive, async (page) => {
		const feedback = await measureFeedback(
			page,
			origin,
			size,
			archive.salesUpdates.length + archive.feedbackUpdates.length
		);
		console.log(
			`  inbox filters ${feedback.filters.map((ms) => ms.toFixed(1)).join(', ')} ms; insights ${feedback.insights.map(Math.round).join(', ')} ms (the worker's figures ${feedback.figures.map(Math.round).join(', ')} ms); period change ${Math.round(feedback.periodChange)} ms; longest task ${Math.round(feedback.longestTask)} ms`
		);
		await printLongFrames(page, feedback.startedAt, 'feedback: ');
	});
}

/**
 * Erasure: a customer of the open archive (the first in the list) erased from Data & privacy,
 * from the confirming click until the list is back and says so — the worker's removal, undo
 * dropped, the doc garbage-collected and the stored archive compacted; the page's longest task.
 */
async function measureErasure(page: Page, origin: string) {
	await page.goto(`${origin}/customers`);
	const first = page.locator(ROW_SELECTOR).first();
	await first.waitFor();
	await first.click();
	// The profile's own heading, once it is the profile's (the list's is "Customers").
	const privacy = page.getByRole('link', { name: 'Data & privacy' });
	await privacy.waitFor();
	const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
	await privacy.click();
	await page.getByRole('button', { name: 'Erase personal data…' }).click();
	await page.getByLabel(/^Type the customer’s name to confirm/).fill(name);
	const started = await page.evaluate(() => {
		(window as unknown as { __bench: { longestTask: number } }).__bench.longestTask = 0;
		return performance.now();
	});
	await page.getByRole('button', { name: 'Erase for good' }).click();
	await page
		.getByRole('status')
		.filter({ hasText: `The data of ${name} was erased` })
		.waitFor({ timeout: 60_000 });
	return page.evaluate(
		(started) => ({
			eraseMs: performance.now() - started,
			longestTask: (window as unknown as { __bench: { longestTask: number } }).__bench.longestTask
		}),
		started
	);
}

/**
 * The app lock on a cold start: a PIN lock stored as Settings stores it, the app opened, the
 * lock screen's PIN field shown, the PIN typed and the list's first rows shown. What the lock
 * adds is that whole time less the person's typing (from the field shown to Unlock pressed) and
 * less the cold start without a lock (median of 3 each).
 */
async function measureAppLock(page: Page, origin: string, coldStartMs: number) {
	await page.goto(`${origin}/customers`);
	await page.locator(ROW_SELECTOR).first().waitFor();
	await page.evaluate(async () => {
		const hex = (bytes: Uint8Array) =>
			Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
		const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
		const key = await crypto.subtle.importKey(
			'raw',
			new TextEncoder().encode('2468'),
			'PBKDF2',
			false,
			['deriveBits']
		);
		const bits = await crypto.subtle.deriveBits(
			{
				name: 'PBKDF2',
				hash: 'SHA-256',
				salt: new TextEncoder().encode(salt),
				iterations: 100_000
			},
			key,
			256
		);
		const sealed = { salt, hash: hex(new Uint8Array(bits)), iterations: 100_000 };
		localStorage.setItem(
			'clientbook.appLock',
			JSON.stringify({ kind: 'pin', sealed, idleMinutes: 0 })
		);
	});
	const added: number[] = [];
	for (let run = 0; run < 3; run++) {
		await closeApp(page);
		await page.goto(`${origin}/customers`);
		const pin = page.getByLabel('PIN', { exact: true });
		await pin.waitFor({ timeout: 60_000 });
		const shownAt = await page.evaluate(() => performance.now());
		await pin.fill('2468');
		const pressedAt = await page.evaluate(() => performance.now());
		await page.getByRole('button', { name: 'Unlock' }).click();
		await page.waitForFunction(
			() =>
				(window as unknown as { __bench: { firstRowsAt: number | null } }).__bench.firstRowsAt !==
				null,
			undefined,
			{ timeout: 120_000 }
		);
		const rowsAt = await page.evaluate(
			() => (window as unknown as { __bench: { firstRowsAt: number } }).__bench.firstRowsAt
		);
		added.push(rowsAt - (pressedAt - shownAt) - coldStartMs);
	}
	await page.evaluate(() => localStorage.removeItem('clientbook.appLock'));
	console.log(`  app lock adds ${added.map(Math.round).join(', ')} ms to a cold start`);
	return median(added);
}

/** The erasure step alone, after the archive's first open (see `onlyPrivacy`). */
export async function measurePrivacyOnly(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	return withOpenedArchive(origin, size, archive, async (page) => {
		const cold: number[] = [];
		for (let run = 0; run < 3; run++) cold.push((await coldStart(page, origin)).firstRowsAt);
		await measureAppLock(page, origin, median(cold));
		for (let run = 0; run < 3; run++) {
			const erased = await measureErasure(page, origin);
			console.log(
				`  erased in ${Math.round(erased.eraseMs)} ms; longest task ${Math.round(erased.longestTask)} ms`
			);
		}
	});
}

/**
 * Feedback: the stored archive given 5,000 feedback items and 20,000 survey answers and opened
 * again; the inbox's filters changed one after another, each timed until the list is drawn;
 * Insights → Feedback opened from the inbox's link until every chart is drawn (3 times, after
 * a first visit), then its period changed; the page's longest task throughout.
 */
async function measureFeedback(page: Page, origin: string, size: ArchiveSize, parts: number) {
	await closeApp(page);
	await injectArchive(page, origin, { name: `${size.name}feedback` }, parts);
	await page.goto(`${origin}/customers`);
	await page.locator(ROW_SELECTOR).first().waitFor({ timeout: 120_000 });
	const nav = (href: string) => page.locator(`a[href="${href}"]`).first().click();
	await nav('/care');
	await nav('/care/feedback');
	// Every item projected and counted in the inbox's "All" choice.
	await page.waitForFunction(
		(want) =>
			[...document.querySelectorAll('.filters option')].some((option) =>
				(option.textContent ?? '').includes(`(${want.toLocaleString('en')})`)
			),
		FEEDBACK.items,
		{ timeout: 120_000 }
	);
	// Settled: every answer projected and Insights prepared, as a shop's device is after a while.
	await insightsPrepared(page);
	const startedAt = await page.evaluate(() => {
		(window as unknown as { __bench: { longestTask: number } }).__bench.longestTask = 0;
		return performance.now();
	});
	// Status (0), owner (1), kind (2), severity (3): each change until the list is on screen.
	const changes: [number, string][] = [
		[0, ''],
		[2, 'complaint'],
		[3, 'high'],
		[0, 'resolved'],
		[2, ''],
		[3, ''],
		[0, 'open'],
		[0, '']
	];
	const filters: number[] = [];
	const filterProfile = await startProfile(page);
	for (const [index, value] of changes) {
		filters.push(
			await page.evaluate(
				({ index, value }) =>
					new Promise<number>((resolve) => {
						const select = document.querySelectorAll<HTMLSelectElement>('.filters select')[index]!;
						const started = performance.now();
						select.value = value;
						// As a person's choice does: "input", then "change".
						select.dispatchEvent(new Event('input', { bubbles: true }));
						select.dispatchEvent(new Event('change', { bubbles: true }));
						// Drawn: the frame after the change has been painted.
						requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
					}),
				{ index, value }
			)
		);
	}

	// Insights → Feedback, from another of Insights' tabs, until all its charts are drawn.
	const chartsDrawn = (since: number, start: 'feedback' | 'period') =>
		page.evaluate(
			({ since, start }) =>
				new Promise<number>((resolve, reject) => {
					const clicked = performance.now();
					if (start === 'feedback')
						document.querySelector<HTMLAnchorElement>('a[href="/insights/feedback"]')!.click();
					else {
						const select = document.querySelector<HTMLSelectElement>('.controls select')!;
						select.value = 'all';
						select.dispatchEvent(new Event('change', { bubbles: true }));
					}
					const check = () => {
						const cards = [...document.querySelectorAll('[data-testid^="chart-feedback-"]')];
						const shown = cards.map((card) => Number(card.getAttribute('data-shown-version')));
						if (
							cards.length >= 9 &&
							shown.every((version) => version > since && version === shown[0])
						)
							return resolve(performance.now() - clicked);
						if (performance.now() - clicked > 60_000)
							return reject(new Error(`no feedback charts: ${JSON.stringify(shown)}`));
						requestAnimationFrame(check);
					};
					check();
				}),
			{ since, start }
		);
	await filterProfile?.printTop();
	// From the inbox's link, each time, until every chart is drawn.
	const insights: number[] = [];
	for (let run = 0; run < 4; run++) {
		if (run > 0) {
			await nav('/care');
			await nav('/care/feedback');
		}
		await page.locator('a[href="/insights/feedback"]').first().waitFor();
		// The first visit loads the page's code and Chart.js: left out, as a first visit.
		const ms = await chartsDrawn(0, 'feedback');
		if (run > 0) insights.push(ms);
	}
	const drawnBefore = await page.evaluate(() =>
		Number(
			document
				.querySelector('[data-testid="chart-feedback-nps"]')
				?.getAttribute('data-shown-version')
		)
	);
	const periodChange = await chartsDrawn(drawnBefore, 'period');
	const longestTask = await page.evaluate(
		() => (window as unknown as { __bench: { longestTask: number } }).__bench.longestTask
	);
	// The worker's part: asked, worked out and answered (the rest is the page and its charts).
	const figures = await page.evaluate(() =>
		performance.getEntriesByName('clientbook:feedback-figures').map((entry) => entry.duration)
	);
	return { filters, insights, periodChange, longestTask, startedAt, figures };
}

/**
 * Sales: the stored archive given a pipeline of 5,000 deals (1,000 open) and opened again;
 * then the board opened from the list until every open deal is on it (3 times), a card dragged
 * by mouse to the next stage over a second and a half while the display frames are counted, and
 * the funnel worked out over every deal and its history (3 visits); the page's longest task.
 */
async function measureSales(
	page: Page,
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	// The app closed first: its worker would otherwise keep the doc it had and store over these.
	await closeApp(page);
	await injectArchive(page, origin, { name: `${size.name}sales` }, archive.salesUpdates.length);
	await page.goto(`${origin}/customers`);
	await page.locator(ROW_SELECTOR).first().waitFor({ timeout: 120_000 });
	const nav = (href: string) => page.locator(`nav a[href="${href}"]`).first().click();
	// Every open deal counted in the summary, and each stage's first cards shown.
	const openOnBoard = (want: number) =>
		page
			.waitForFunction(
				(want) =>
					(document.querySelector('.summary')?.textContent ?? '').includes(
						`${want.toLocaleString('en')} open deals`
					) && document.querySelectorAll('[data-deal]').length >= 5 * 40,
				want,
				{ timeout: 30_000 }
			)
			.catch(async (error: unknown) => {
				const seen = await page.evaluate(() => ({
					url: location.href,
					cards: document.querySelectorAll('[data-deal]').length,
					text: document.querySelector('main')?.textContent?.slice(0, 300)
				}));
				console.log(`  the board showed ${JSON.stringify(seen)}`);
				throw error;
			});
	// The deals projected and the board's code loaded once, as a shopkeeper's first visit.
	await nav('/sales');
	await openOnBoard(DEALS.open);
	const startedAt = await page.evaluate(() => {
		(window as unknown as { __bench: { longestTask: number } }).__bench.longestTask = 0;
		return performance.now();
	});
	const boardReady: number[] = [];
	for (let run = 0; run < 3; run++) {
		await nav('/customers');
		await page.locator(ROW_SELECTOR).first().waitFor();
		boardReady.push(
			await page.evaluate(async (want) => {
				const clicked = performance.now();
				document.querySelector<HTMLAnchorElement>('nav a[href="/sales"]')!.click();
				await new Promise<void>((resolve, reject) => {
					const check = () => {
						const summary = document.querySelector('.summary')?.textContent ?? '';
						if (
							summary.includes(`${want.toLocaleString('en')} open deals`) &&
							document.querySelectorAll('[data-deal]').length >= 5 * 40
						)
							return resolve();
						if (performance.now() - clicked > 60_000) return reject(new Error('no board'));
						requestAnimationFrame(check);
					};
					check();
				});
				return performance.now() - clicked;
			}, DEALS.open)
		);
	}

	// A card carried from the first stage to the second, a step every frame or so.
	const from = page.locator('.column').nth(0).locator('[data-deal]').first();
	const to = page.locator('.column').nth(1).locator('ul.cards');
	await from.scrollIntoViewIfNeeded();
	const start = (await from.boundingBox())!;
	const end = (await to.boundingBox())!;
	await page.evaluate(() => {
		const bench = window as unknown as { __dragFrames: number[]; __dragging: boolean };
		bench.__dragFrames = [];
		bench.__dragging = true;
		let last = performance.now();
		const step = () => {
			const now = performance.now();
			bench.__dragFrames.push(now - last);
			last = now;
			if (bench.__dragging) requestAnimationFrame(step);
		};
		requestAnimationFrame(step);
	});
	const dragStartedAt = await page.evaluate(() => performance.now());
	await page.mouse.move(start.x + 24, start.y + 14);
	await page.mouse.down();
	const STEPS = 90;
	for (let i = 1; i <= STEPS; i++) {
		const x = start.x + 24 + ((end.x + end.width / 2 - start.x - 24) * i) / STEPS;
		const y = start.y + 14 + ((end.y + 60 - start.y - 14) * i) / STEPS;
		await page.mouse.move(x, y);
		await page.waitForTimeout(16);
	}
	// Profiled from the drop: what the drop's store and read-back cost the page.
	const dragProfile = await startProfile(page);
	const droppedAt = await page.evaluate(() => performance.now());
	await page.mouse.up();
	const dragFrames = await page.evaluate(async () => {
		await new Promise((resolve) => setTimeout(resolve, 300));
		const bench = window as unknown as { __dragFrames: number[]; __dragging: boolean };
		bench.__dragging = false;
		return bench.__dragFrames.slice(1);
	});
	// Where a drag missed frames, what held them (the drop's read-back, the library's clone…).
	if (droppedFrames(dragFrames) > 0) {
		let at = 0;
		const late = dragFrames
			.map((interval): [number, number] => {
				at += interval;
				return [Math.round(at), Math.round(interval)];
			})
			.filter(([, interval]) => interval > 25);
		console.log(
			`  drag's late frames (ms into the drag, length): ${JSON.stringify(late)}; dropped at ${Math.round(droppedAt - dragStartedAt)} ms`
		);
		await printLongFrames(page, dragStartedAt, 'drag ');
	}
	await dragProfile?.printTop();

	const funnel: number[] = [];
	for (let run = 0; run < 3; run++) {
		await page.getByRole('link', { name: 'Board' }).click();
		await openOnBoard(DEALS.open);
		const before = await page.evaluate(
			() => performance.getEntriesByName('clientbook:deal-funnel').length
		);
		await page.getByRole('link', { name: 'Funnel' }).click();
		await page.waitForFunction(
			(before) => performance.getEntriesByName('clientbook:deal-funnel').length > before,
			before,
			{ timeout: 60_000 }
		);
		funnel.push(
			await page.evaluate(
				() => performance.getEntriesByName('clientbook:deal-funnel').at(-1)!.duration
			)
		);
	}
	const longestTask = await page.evaluate(
		() => (window as unknown as { __bench: { longestTask: number } }).__bench.longestTask
	);
	return {
		boardReady,
		funnel,
		dragFrames: dragFrames.length,
		dragDropped: droppedFrames(dragFrames),
		longestTask,
		startedAt
	};
}

/** Insights alone, opened then its period changed (see `onlyInsights`). */
export async function measureInsightsOnly(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	return withOpenedArchive(origin, size, archive, async (page) => {
		for (let i = 0; i < COLD_RUNS; i++) await coldStart(page, origin);
		await insightsPrepared(page);
		// With BENCH_PROFILE=1, a CPU profile of the page over the first 400 ms after the click.
		const profiler = await startProfile(page);
		const profiled = new Promise<void>((done) =>
			setTimeout(() => void (profiler?.printTop() ?? Promise.resolve()).then(done), 400)
		);
		const clickedAt = await page.evaluate(() => performance.now());
		const insights = await measureInsights(page);
		await profiled;
		await printLongFrames(page, clickedAt);
		const steps = await page.evaluate(() =>
			performance
				.getEntriesByType('measure')
				.filter((entry) => /^clientbook:(insights|analytics)/.test(entry.name))
				.map((entry) => `${entry.name.slice(11)} ${Math.round(entry.duration)}`)
		);
		console.log(`  ${steps.join(', ')}`);
		console.log(
			`  opened ${Math.round(insights.ready)} ms; period changes ${insights.changes.map(Math.round).join(', ')} ms; segment counts ${insights.counts.map(Math.round).join(', ')} ms; pivot tables ${insights.pivots.map(Math.round).join(', ')} ms; longest task ${Math.round(insights.longestTask)} ms; value scores ${insights.valueScores.map(Math.round).join(', ')} ms, fits ${insights.valueFits.map(Math.round).join(', ')} ms, longest task ${Math.round(insights.valueLongestTask)} ms`
		);
	});
}

/** The search alone, keystroke by keystroke (see `onlySearch`). */
export async function measureSearchOnly(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	return withOpenedArchive(origin, size, archive, async (page) => {
		for (let i = 0; i < COLD_RUNS; i++) await coldStart(page, origin);
		const cdp = profileDir ? await page.context().newCDPSession(page) : null;
		const traceEvents: unknown[] = [];
		if (cdp && traceDir) {
			cdp.on('Tracing.dataCollected', (event) => traceEvents.push(...event.value));
			await cdp.send('Tracing.start', {
				categories:
					'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,v8,disabled-by-default-v8.gc',
				transferMode: 'ReportEvents'
			});
		} else if (cdp) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
			await cdp.send('Profiler.start');
		}
		const { times, microtasks, counts, typed } = await typeQueries(page, archive.queries, true);
		if (cdp && traceDir) {
			const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
			await cdp.send('Tracing.end');
			await complete;
			const file = join(profileDir!, `search-${size.name}.trace.json`);
			writeFileSync(file, JSON.stringify(traceEvents));
			console.log(`  trace: ${file}`);
		} else if (cdp) {
			const { profile } = await cdp.send('Profiler.stop');
			// The whole profile for a closer look (DevTools, or a script with the build's maps).
			if (process.env.BENCH_PROFILE_OUT)
				writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
			const file = join(profileDir!, `search-${size.name}.cpuprofile`);
			writeFileSync(file, JSON.stringify(profile));
			console.log(`  profile: ${file}`);
		}
		console.log(
			typed
				.map(
					(text, i) =>
						`  ${text.padEnd(14)} ${times[i]!.toFixed(1)} ms (microtasks ${microtasks[i]!.toFixed(1)}) ${counts[i]}`
				)
				.join('\n')
		);
		console.log(
			`  ${size.name}: p50 ${round(percentile(times, 50), 2)} ms, p95 ${round(percentile(times, 95), 2)} ms, max ${round(Math.max(...times), 1)} ms over ${times.length} keystrokes`
		);
	});
}

/** Flings through the whole list, a few screens per frame, and records each frame's length. */
export async function scroll(page: Page) {
	return page.evaluate(async () => {
		const list = document.querySelector<HTMLElement>('.customer-list')!;
		const frames: number[] = [];
		let last = performance.now();
		await new Promise<void>((resolve) => {
			const step = () => {
				const now = performance.now();
				frames.push(now - last);
				last = now;
				list.scrollTop += list.clientHeight * 3;
				if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1 || frames.length > 2000)
					resolve();
				else requestAnimationFrame(step);
			};
			requestAnimationFrame(step);
		});
		return frames.slice(1);
	});
}

/**
 * Imports the customer file through the real wizard (read and check in the worker, write in
 * chunks), then times Dexie's bulkPut of the same projected rows into an empty table (the
 * median of three).
 */
async function importCustomers(page: Page, origin: string) {
	// The way a shopkeeper gets there, within the open app. Loading /import afresh would also
	// time the worker reopening the archive (1.8 s at M), which the plan then waits for.
	if (!page.url().startsWith(origin)) await page.goto(`${origin}/customers`);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings' })
		.click();
	await page.getByRole('link', { name: 'Import customers' }).click();
	await page.getByLabel('Import file').waitFor();
	await page.evaluate(() => {
		(window as unknown as { __bench: { longestTask: number } }).__bench.longestTask = 0;
	});
	const startedAt = await page.evaluate(() => Date.now());
	await page.getByLabel('Import file').setInputFiles({
		name: 'customers.csv',
		mimeType: 'text/csv',
		buffer: importCsv
	});
	await page.getByRole('heading', { name: 'Match the columns' }).waitFor({ timeout: 300_000 });
	await page.getByRole('button', { name: 'Check rows' }).click();
	await page
		.getByRole('heading', { name: 'Review before importing' })
		.waitFor({ timeout: 300_000 });
	await page.getByRole('button', { name: /^Import \d+ customers$/ }).click();
	await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 600_000 });
	// The app's own measures of each phase; the harness's round trips are not the import's.
	const [readMs = 0, checkMs = 0, writeMs = 0] = await page.evaluate(() =>
		['read', 'check', 'write'].map((phase) =>
			Math.round(performance.getEntriesByName(`clientbook:import-${phase}`).at(-1)?.duration ?? 0)
		)
	);
	return page
		.evaluate(
			async ({ startedAt, indexes }) => {
				const bench = (window as unknown as { __bench: { longestTask: number } }).__bench;
				const longestTask = bench.longestTask;
				const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
				const heap = memory ? memory.usedJSHeapSize : 0;
				// The rows the import produced, read raw from the app's projection.
				const rows: { createdAt: number }[] = await new Promise((resolve, reject) => {
					const open = indexedDB.open('clientbook-projection-main');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const request = open.result.transaction('customers').objectStore('customers').getAll();
						request.onsuccess = () => {
							open.result.close();
							resolve(
								request.result.filter((row: { createdAt: number }) => row.createdAt >= startedAt)
							);
						};
						request.onerror = () => reject(request.error);
					};
				});
				// A URL only the bench server knows; typed as the real package.
				const dexieUrl: string = '/__bench/dexie.mjs';
				const { Dexie } = (await import(/* @vite-ignore */ dexieUrl)) as typeof import('dexie');
				// The median of three, each into a fresh database: one bulkPut's own swing (0.9 to
				// 1.4 s for the same rows in one page) moved the ratio more than the import did.
				const runs: number[] = [];
				for (let run = 0; run < 3; run++) {
					const db = new Dexie(`bench-bulkput-${run}`);
					db.version(1).stores({ customers: indexes });
					await db.open();
					const started = performance.now();
					await db.table('customers').bulkPut(rows);
					runs.push(performance.now() - started);
					await db.delete();
				}
				const bulkPut = runs.sort((a, b) => a - b)[1]!;
				return { rows: rows.length, bulkPut, longestTask, heap };
			},
			{ startedAt, indexes: CUSTOMER_INDEXES }
		)
		.then((result) => ({
			...result,
			readMs,
			checkMs,
			writeMs,
			importMs: readMs + checkMs + writeMs
		}));
}

function gzipKB(scripts: string[]): number {
	let bytes = 0;
	for (const path of new Set(scripts)) {
		const file = `build${path}`;
		if (existsSync(file)) bytes += gzipSync(readFileSync(file)).byteLength;
		if (process.env.GZ_DEBUG && existsSync(file))
			console.log('GZ', gzipSync(readFileSync(file)).byteLength, path);
	}
	return round(bytes / 1024);
}

export let step = '';

export async function measure(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
): Promise<MeasuredResult & { browser: string; machine: string }> {
	const device = await launchDevice();
	const page = await firstPage(device);
	// A crashed renderer would otherwise leave the bench waiting out its timeouts.
	const crashed = new Promise<never>((_, reject) =>
		page.on('crash', () => reject(new Error('the page crashed (renderer out of memory?)')))
	);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timedOut = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`no progress for ${SIZE_LIMIT_MS / 60_000} minutes`)),
			SIZE_LIMIT_MS
		);
	});
	try {
		const measured = await Promise.race([
			crashed,
			timedOut,
			measurePage(page, origin, size, archive)
		]);
		const browser = device.context.browser()!.version();
		// The sync is between two devices of its own; this one, still settling its import,
		// would share the two cores with them.
		await device.close();
		step = 'sync to a new device';
		const synced = await Promise.race([timedOut, syncFromArchive(origin, size, archive)]);
		return {
			...measured,
			syncFullMs: Math.round(synced.full),
			syncVisibleMs: Math.round(synced.visible),
			longestTaskSyncMs: Math.round(synced.longestTask),
			browser,
			machine: MACHINE
		};
	} finally {
		clearTimeout(timer);
		await device.close();
	}
}

async function measurePage(
	page: Page,
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
): Promise<Omit<MeasuredResult, 'syncFullMs' | 'syncVisibleMs' | 'longestTaskSyncMs'>> {
	page.on('console', (message) => {
		// Chromium asks for /favicon.ico on the bare SVG page; that 404 is noise.
		// …and so is the signaling server going away once the sync measurement is done.
		const noise = /^Failed to load resource|^WebSocket connection to 'ws:\/\/127\.0\.0\.1/;
		if (message.type() === 'error' && !noise.test(message.text()))
			console.log(`  page error: ${message.text().slice(0, 300)}`);
	});
	step = 'storing the archive';
	await injectArchive(page, origin, size, archive.updates.length);
	step = 'first open with projection rebuild';
	const opened = await firstOpen(page, origin);
	step = 'cold starts';
	const runs = [];
	for (let i = 0; i < COLD_RUNS; i++) runs.push(await coldStart(page, origin));
	step = 'search';
	const search = await searchLatency(page, archive.queries);
	step = 'scroll';
	const frames = await scroll(page);
	step = 'analytics';
	// The app prepares Insights once nobody has typed or scrolled for a moment, which would
	// otherwise share the two cores with the probe's build.
	await insightsPrepared(page);
	const analytics = await measureAnalytics(page, size, archive.updates.length);
	step = 'insights';
	const insights = await measureInsights(page);
	await page.locator(ROW_SELECTOR).first().waitFor();
	step = 'import';
	const imported = await importCustomers(page, origin);
	step = 'loyalty';
	const loyalty = await measureLoyalty(page);
	step = 'sales';
	const sales = await measureSales(page, origin, size, archive);
	step = 'feedback';
	const feedback = await measureFeedback(page, origin, size, archive.feedbackUpdates.length);
	console.log(
		`  feedback: filters ${feedback.filters.map((ms) => ms.toFixed(1)).join(', ')} ms; insights ${feedback.insights.map(Math.round).join(', ')} ms (the worker's figures ${feedback.figures.map(Math.round).join(', ')} ms)`
	);
	await printLongFrames(page, feedback.startedAt, 'feedback: ');
	step = 'erasure';
	const erasure = await measureErasure(page, origin);
	step = 'app lock';
	const appLockAdded = await measureAppLock(
		page,
		origin,
		median(runs.map((run) => run.firstRowsAt))
	);
	return {
		size: size.name,
		measuredAt: new Date().toISOString(),
		customers: size.customers,
		events: size.events,
		docMB: round(archive.bytes / 1024 / 1024),
		generateMs: Math.round(archive.generateMs),
		firstOpenWithRebuildMs: opened.wall,
		rebuildMs: Math.round(opened.rebuild),
		coldStartMs: Math.round(median(runs.map((run) => run.firstRowsAt))),
		coldStartRuns: runs.map((run) => Math.round(run.firstRowsAt)),
		longestTaskColdStartMs: Math.round(Math.max(...runs.map((run) => run.longestTask))),
		heapMB: round(median(runs.map((run) => run.heap)) / 1024 / 1024),
		workerHeapMB: round(median(runs.map((run) => run.workerHeap)) / 1024 / 1024),
		workspaceOpenMs: Math.round(median(runs.map((run) => run.workspaceOpen))),
		searchP50Ms: round(percentile(search, 50), 2),
		searchP95Ms: round(percentile(search, 95), 2),
		searchKeystrokes: search.length,
		scrollFrames: frames.length,
		scrollFramesOver16Ms: frames.filter((frame) => frame > 16.7).length,
		scrollFramesDropped: droppedFrames(frames),
		scrollFrameP95Ms: round(percentile(frames, 95)),
		firstRouteJsGzipKB: gzipKB(runs[0]!.scripts),
		singleEditBytes: archive.singleEditBytes,
		importRows: imported.rows,
		importMs: imported.importMs,
		importReadMs: imported.readMs,
		importCheckMs: imported.checkMs,
		importWriteMs: imported.writeMs,
		importBulkPutMs: Math.round(imported.bulkPut),
		importToBulkPutRatio: round(imported.importMs / Math.max(1, imported.bulkPut), 1),
		heapAfterImportMB: round(imported.heap / 1024 / 1024),
		longestTaskImportMs: Math.round(imported.longestTask),
		analyticsSnapshotMs: Math.round(analytics.snapshotMs),
		pivotMonthProductMs: round(analytics.pivotMs, 1),
		longestTaskAnalyticsMs: Math.round(analytics.longestTask),
		insightsReadyMs: Math.round(insights.ready),
		insightsPeriodChangeMs: Math.round(median(insights.changes)),
		insightsPeriodChangeMaxMs: Math.round(Math.max(...insights.changes)),
		segmentCountMs: round(median(insights.counts), 1),
		segmentCountMaxMs: round(Math.max(...insights.counts), 1),
		pivotTableMs: Math.round(median(insights.pivots)),
		pivotTableMaxMs: Math.round(Math.max(...insights.pivots)),
		insightsPeriodChangeRuns: insights.changes.map(Math.round),
		longestTaskInsightsMs: Math.round(insights.longestTask),
		scoresMs: Math.round(median(insights.valueScores)),
		modelFitMs: Math.round(median(insights.valueFits)),
		modelFitRuns: insights.valueFits.map(Math.round),
		longestTaskValueMs: Math.round(insights.valueLongestTask),
		loyaltyBalancesMs: Math.round(median(loyalty.balances)),
		automationRunMs: Math.round(median(loyalty.plans)),
		todayReadyMs: Math.round(median(loyalty.today)),
		longestTaskLoyaltyMs: Math.round(loyalty.longestTask),
		boardReadyMs: Math.round(median(sales.boardReady)),
		funnelMs: round(median(sales.funnel), 1),
		dealDragFrames: sales.dragFrames,
		dealDragFramesDropped: sales.dragDropped,
		longestTaskSalesMs: Math.round(sales.longestTask),
		feedbackFilterMs: round(Math.max(...feedback.filters), 1),
		feedbackFilterMedianMs: round(median(feedback.filters), 1),
		feedbackInsightsMs: Math.round(median(feedback.insights)),
		longestTaskFeedbackMs: Math.round(feedback.longestTask),
		eraseMs: Math.round(erasure.eraseMs),
		longestTaskEraseMs: Math.round(erasure.longestTask),
		appLockAddedMs: Math.round(appLockAdded)
	};
}

/**
 * The first sync of the archive this size names, from a device of its own that holds just that
 * archive: the measured device's archive also holds the import's 10,000 customers by now, and
 * syncing from it sent twice the customers at M.
 */
async function syncFromArchive(origin: string, size: ArchiveSize, archive: GeneratedArchive) {
	const sender = await launchDevice();
	try {
		const page = await firstPage(sender);
		await injectArchive(page, origin, size, archive.updates.length);
		await firstOpen(page, origin);
		return await syncToNewDevice(page, origin);
	} finally {
		await sender.close();
	}
}

/**
 * `--only=sync`: the sender's archive is stored and opened as in a full run, then a new device
 * syncs it `SYNC_RUNS` times. Only printed.
 */
export async function measureSyncOnly(
	origin: string,
	size: ArchiveSize,
	archive: GeneratedArchive
) {
	const device = await launchDevice();
	try {
		const page = await firstPage(device);
		step = 'storing the archive';
		await injectArchive(page, origin, size, archive.updates.length);
		step = 'first open with projection rebuild';
		await firstOpen(page, origin);
		for (let run = 0; run < SYNC_RUNS; run++) {
			step = `sync to a new device (${run + 1} of ${SYNC_RUNS})`;
			const synced = await syncToNewDevice(page, origin);
			console.log(
				`  sync ${run + 1}: full ${Math.round(synced.full)} ms, visible ${Math.round(synced.visible)} ms, longest task ${Math.round(synced.longestTask)} ms`
			);
		}
	} finally {
		await device.close();
	}
}
