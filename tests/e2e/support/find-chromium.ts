import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the end-to-end tests drive: $CHROMIUM_PATH if set, else Debian's package, else
 * the browser `npx playwright install chromium` put in place. Fails with one sentence otherwise.
 */
export function findChromium(): string {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (existsSync(fromEnv)) return fromEnv;
		throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
	}
	if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
	const bundled = chromium.executablePath();
	if (bundled && existsSync(bundled)) return bundled;
	throw new Error(
		'No Chromium found: install one with `sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.'
	);
}
