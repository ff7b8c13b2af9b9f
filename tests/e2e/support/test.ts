import { test as base, expect, type BrowserContext } from '@playwright/test';

export { expect };

/**
 * Every journey also fails on an uncaught error in any page it opened: a thrown exception can
 * leave the app half-working while the assertions the journey makes still happen to pass (the
 * join page threw on every invite link for weeks, unseen).
 */
export const test = base.extend<{ uncaughtErrors: string[] }>({
	uncaughtErrors: [
		async ({ browser, context }, use) => {
			const errors: string[] = [];
			const watch = (watched: BrowserContext) =>
				watched.on('weberror', (error) =>
					errors.push(error.error().stack ?? String(error.error()))
				);
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
			expect(errors, 'uncaught errors in the app').toEqual([]);
		},
		{ auto: true }
	]
});
