import { test as base, expect, type BrowserContext } from '@playwright/test';

export { expect };

/** lib0's coloured logs: `%c` markers, then one style argument per marker. */
const readableLog = (text: string) => text.replace(/%c/g, '').replace(/( color:[^;]*;[^ ]*)+$/, '');
/** Every message a data channel carries; the handshakes are what a failure needs. */
const NOISY_LOG = /(send|received|broadcast) message/;

/**
 * Every journey also fails on an uncaught error in any page it opened: a thrown exception can
 * leave the app half-working while the assertions the journey makes still happen to pass (the
 * join page threw on every invite link for weeks, unseen).
 */
export const test = base.extend<{ uncaughtErrors: string[] }>({
	uncaughtErrors: [
		async ({ browser, context }, use, testInfo) => {
			const errors: string[] = [];
			// What the pages said, printed only when the journey fails: CI keeps no trace files,
			// and a rare sync failure is otherwise not diagnosable from its output.
			const consoleLines: string[] = [];
			const started = Date.now();
			let contexts = 0;
			const violations: string[] = [];
			const watch = (watched: BrowserContext) => {
				const label = `context ${++contexts}`;
				// The built app runs under its Content-Security-Policy: anything it blocks is a fault.
				void watched.addInitScript(() => {
					document.addEventListener('securitypolicyviolation', (event) =>
						console.error(
							`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`
						)
					);
				});
				watched.on('weberror', (error) =>
					errors.push(error.error().stack ?? String(error.error()))
				);
				watched.on('console', (message) => {
					const text = readableLog(message.text());
					if (text.startsWith('CSP violation:')) violations.push(`${label}: ${text}`);
					if (NOISY_LOG.test(text)) return;
					if (consoleLines.length >= 400) consoleLines.shift();
					const at = ((Date.now() - started) / 1000).toFixed(2);
					consoleLines.push(`${at}s ${label} ${message.type()}: ${text}`);
				});
			};
			watch(context);
			// Colleagues' browsers are contexts a journey opens itself.
			const newContext = browser.newContext.bind(browser);
			browser.newContext = async (options) => {
				const opened = await newContext(options);
				watch(opened);
				return opened;
			};
			try {
				await use(errors);
			} finally {
				browser.newContext = newContext;
			}
			const failed = testInfo.status !== testInfo.expectedStatus || errors.length > 0;
			if (failed && consoleLines.length > 0) {
				console.log(`What the pages logged (last ${consoleLines.length} lines):`);
				console.log(consoleLines.join('\n'));
			}
			expect(errors, 'uncaught errors in the app').toEqual([]);
			expect(violations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});
