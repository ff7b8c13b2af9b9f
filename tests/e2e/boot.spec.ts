import { expect, test } from './support/test';

test('a boot screen paints before the app is fetched, in both languages, then gives way to the app', async ({
	page
}) => {
	await page.goto('/customers');
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
	// The boot screen was removed when the app mounted.
	await expect(page.getByText('Opening your archive… 正在打开客户档案…')).toHaveCount(0);

	const order = await page.evaluate(() => {
		const paint = performance.getEntriesByName('first-contentful-paint')[0];
		const appScripts = performance
			.getEntriesByType('resource')
			.filter((entry) => new URL(entry.name).pathname.startsWith('/_app/immutable/entry/'));
		const page = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		return {
			firstPaint: paint?.startTime ?? null,
			// The boot script runs after the page has arrived, so this is the earliest it can run.
			pageArrived: page.responseEnd,
			firstScriptRequested: Math.min(...appScripts.map((entry) => entry.startTime)),
			scripts: appScripts.length
		};
	});
	expect(order.scripts).toBeGreaterThan(0);
	expect(order.firstPaint).not.toBeNull();
	// The browser asked for the app's scripts only once the boot screen had painted, or once the
	// boot script's 200 ms cap ran out on a machine too busy to paint sooner; never before both.
	expect(order.firstScriptRequested).toBeGreaterThan(
		Math.min(order.firstPaint!, order.pageArrived + 200)
	);
});

test('the boot screen shows while the app loads', async ({ page }) => {
	// Hold the app's start script back, as a slow phone network would.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/entry/start.*', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/customers');
	const boot = page.getByRole('status').filter({ hasText: 'Opening your archive…' });
	await expect(boot).toBeVisible();
	await expect(boot).toContainText('正在打开客户档案…');
	await expect(boot).toContainText('Your customers stay on this device.');
	release();
	await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
	await expect(boot).toHaveCount(0);
});

test('when the app cannot load, the boot screen says so and asks for a reload', async ({
	page
}) => {
	await page.route('**/_app/immutable/entry/start.*', (route) => route.abort());
	await page.goto('/customers');
	const boot = page.getByRole('status');
	await expect(boot).toContainText('Clientbook could not load.');
	await expect(boot).toContainText('Nothing in your archive was changed');
	await expect(boot).toContainText('客户档案无法加载');
	await expect(boot).not.toContainText('Opening your archive…');
});
