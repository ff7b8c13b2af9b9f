import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './tests/e2e/support/chromium-args';
import { findChromium } from './tests/e2e/support/find-chromium';
import { APP_PORT, RELAY_PORT, SIGNALING_PORT } from './tests/e2e/support/sync-servers';

const PORT = APP_PORT;

const executablePath = findChromium();

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	timeout: 45_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'en-US',
		trace: 'retain-on-failure',
		launchOptions: { executablePath, args: CHROMIUM_ARGS }
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'] }, testIgnore: /phone\.spec/ },
		{
			name: 'phone',
			use: { ...devices['Pixel 7'], viewport: { width: 360, height: 740 } },
			testMatch: /phone\.spec/
		}
	],
	// The production build, served as a static host would: unknown paths get the SPA page.
	webServer: [
		{
			command: `npx sirv build --single --host 127.0.0.1 --port ${PORT} --quiet`,
			url: `http://127.0.0.1:${PORT}`,
			reuseExistingServer: !process.env.CI,
			timeout: 30_000
		},
		{
			// The sync journeys' own servers, started the way a shop would start them.
			command: `PORT=${SIGNALING_PORT} npm run signaling`,
			url: `http://127.0.0.1:${SIGNALING_PORT}`,
			reuseExistingServer: !process.env.CI,
			timeout: 30_000
		},
		{
			// A fresh store per run, so the relay journey proves what this run wrote.
			command: `YPERSISTENCE=$(mktemp -d)/relay HOST=127.0.0.1 PORT=${RELAY_PORT} npm run relay`,
			url: `http://127.0.0.1:${RELAY_PORT}`,
			reuseExistingServer: !process.env.CI,
			timeout: 30_000
		}
	]
});
