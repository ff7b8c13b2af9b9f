/** Headless Chromium devices for the benchmark: launched, seeded with an archive, observed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../tests/e2e/support/chromium-args';
import { findChromium } from '../tests/e2e/support/find-chromium';
import { type ArchiveSize } from './generate';

export const ROW_SELECTOR = '[role="list"] a[href^="/customers/"]';

/** Collected in every page before the app runs: when rows first show, and the longest task. */
const OBSERVE_STARTUP = `
	// tsx compiles this script with esbuild's keepNames, which wraps named functions in __name();
	// the functions we hand to page.evaluate need that helper in the page too.
	window.__name = (fn) => fn;
	window.__bench = { firstRowsAt: null, longestTask: 0 };
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			window.__bench.longestTask = Math.max(window.__bench.longestTask, entry.duration);
		}
	}).observe({ type: 'longtask', buffered: true });
	// What held long frames, script by script (printed by --only=insights).
	window.__bench.longFrames = [];
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				if (entry.duration < 50) continue;
				window.__bench.longFrames.push({
					at: Math.round(entry.startTime),
					duration: Math.round(entry.duration),
					// Style and layout, and rendering as a whole, of the frame's end (not script).
					layout: Math.round(entry.startTime + entry.duration - (entry.styleAndLayoutStart || entry.startTime + entry.duration)),
					render: Math.round(entry.startTime + entry.duration - (entry.renderStart || entry.startTime + entry.duration)),
					scripts: entry.scripts.map((script) =>
						[Math.round(script.duration), script.invoker, script.sourceFunctionName, script.sourceURL.split('/').pop() + ':' + script.sourceCharPosition].join(' ')
					)
				});
			}
		}).observe({ type: 'long-animation-frame', buffered: true });
	} catch {}
	const watch = () => {
		const seen = () => {
			if (window.__bench.firstRowsAt === null && document.querySelector('${ROW_SELECTOR}')) {
				window.__bench.firstRowsAt = performance.now();
			}
		};
		new MutationObserver(seen).observe(document.documentElement, { childList: true, subtree: true });
	};
	if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
`;

export async function injectArchive(
	page: Page,
	origin: string,
	size: ArchiveSize | { name: string },
	parts: number
) {
	// Any same-origin page that does not start the app will do to reach its IndexedDB.
	await page.goto(`${origin}/favicon.svg`);
	await page.evaluate(
		async ({ name, parts }) => {
			const db: IDBDatabase = await new Promise((resolve, reject) => {
				// The layout y-indexeddb creates: an auto-increment "updates" store and a "custom" one.
				const request = indexedDB.open('clientbook-doc-main');
				request.onupgradeneeded = () => {
					request.result.createObjectStore('updates', { autoIncrement: true });
					request.result.createObjectStore('custom');
				};
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (let part = 0; part < parts; part++) {
				const bytes = new Uint8Array(
					await (await fetch(`/__bench/${name}-${part}.bin`)).arrayBuffer()
				);
				await new Promise<void>((resolve, reject) => {
					const tx = db.transaction('updates', 'readwrite');
					tx.objectStore('updates').add(bytes);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
					// A full disk (QuotaExceededError) aborts the transaction without an error event.
					tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
				});
			}
			db.close();
		},
		{ name: size.name, parts }
	);
}

/** A browser with its own profile, as one shopkeeper's device. */
interface Device {
	context: BrowserContext;
	/** Closes the browser and removes its profile. */
	close(): Promise<void>;
}

/**
 * One device: a Chromium of its own with a fresh profile on disk, where a shopkeeper's browser
 * keeps its IndexedDB. Not `browser.newContext()`: that is an off-the-record profile, whose
 * in-memory IndexedDB measured 4–5× slower than the on-disk one in Debian's Chromium 150 (10,000
 * customer-sized rows with two indexes: 8.3–10.2 s against 1.7–2.6 s), and no user has that.
 */
export async function launchDevice(): Promise<Device> {
	const profile = mkdtempSync(join(tmpdir(), 'clientbook-bench-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: findChromium(),
		args: ['--enable-precise-memory-info', ...CHROMIUM_ARGS],
		locale: 'en-US',
		viewport: { width: 1280, height: 800 }
	});
	await context.addInitScript(OBSERVE_STARTUP);
	return {
		context,
		async close() {
			await context.close().catch(() => undefined);
			// A leftover temporary folder is not worth failing the bench for.
			rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
		}
	};
}

/** The page a device opened with. */
export async function firstPage(device: Device): Promise<Page> {
	return device.context.pages()[0] ?? (await device.context.newPage());
}

/**
 * The JS heap of the page's worker of that name, through the
 * browser's DevTools protocol (workers have no performance.memory).
 */
export async function workerHeapBytes(page: Page, workerName: string): Promise<number> {
	let scriptUrl: string | null = null;
	for (const candidate of page.workers()) {
		if ((await candidate.evaluate(() => self.name)) === workerName) scriptUrl = candidate.url();
	}
	if (!scriptUrl) throw new Error(`no worker named ${workerName} is running`);
	const cdp = await page.context().browser()!.newBrowserCDPSession();
	try {
		const { targetInfos } = await cdp.send('Target.getTargets');
		const worker = targetInfos.find(
			(target) => target.type === 'worker' && target.url === scriptUrl
		);
		if (!worker) throw new Error(`no DevTools target for the worker at ${scriptUrl}`);
		const { sessionId } = await cdp.send('Target.attachToTarget', {
			targetId: worker.targetId,
			flatten: false
		});
		const reply = new Promise<number>((resolve) =>
			cdp.on('Target.receivedMessageFromTarget', (event) => {
				const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
				if (message.id === 1) resolve(message.result?.usedSize ?? 0);
			})
		);
		await cdp.send('Target.sendMessageToTarget', {
			sessionId,
			message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' })
		});
		const used = await reply;
		await cdp.send('Target.detachFromTarget', { sessionId });
		return used;
	} finally {
		await cdp.detach();
	}
}

/** How long the machine is left alone after the app closed, before the next cold start. */
const QUIET_AFTER_CLOSE_MS = 1_000;

/**
 * Closes the app before a cold start, as a shop's device has no page of it open when the app is
 * launched. Going straight from the open app to itself also tore down the old page and its
 * worker (88 MB at M) while the new one loaded: on 2026-12-06, same build, seven cold starts
 * each measured S 229 and M 301 ms that way, and S 140 and M 197 ms from a closed app.
 */
export async function closeApp(page: Page) {
	const closed = page.workers().map((worker) => worker.waitForEvent('close', { timeout: 10_000 }));
	await page.goto('about:blank');
	await Promise.allSettled(closed);
	await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_CLOSE_MS));
}
