import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../tests/e2e/support/chromium-args';

export interface LighthouseScores {
	lighthousePerformance: number;
	lighthouseAccessibility: number;
	lighthouseBestPractices: number;
}

/**
 * Lighthouse's mobile audit (its default: a mid-range phone on slow 4G, simulated) of one page,
 * in its own Chromium with a fresh profile — so a first visit to an empty archive.
 */
export async function lighthouseScores(url: string, chromePath: string): Promise<LighthouseScores> {
	const chrome = await chromeLauncher.launch({
		chromePath,
		// chrome-launcher, unlike Playwright, does not add --no-sandbox, without which Chromium
		// will not start as root (as in CI containers). It only ever opens our own local build.
		chromeFlags: ['--headless=new', '--no-sandbox', ...CHROMIUM_ARGS]
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices']
		});
		if (!result) throw new Error('Lighthouse returned no result');
		const score = (id: string) => Math.round((result.lhr.categories[id]?.score ?? 0) * 100);
		return {
			lighthousePerformance: score('performance'),
			lighthouseAccessibility: score('accessibility'),
			lighthouseBestPractices: score('best-practices')
		};
	} finally {
		await chrome.kill();
	}
}
