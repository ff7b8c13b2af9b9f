/**
 * npm run bench [-- --quick] [-- --no-build] [-- --sizes=S,M] [-- --readme-only]
 *                [-- --only=sync [--sync-runs=N]] [-- --only=search [--profile=<dir>]]
 *                [-- --only=insights|loyalty|sales|feedback|privacy]
 *
 * Builds the production app, serves it locally, loads archives of three sizes generated through
 * the app's own commands into headless Chromium, and measures what a shopkeeper feels. Results
 * go to stdout (a table), bench/results.json and, for a full run, the README.
 */
import { loadPurchaseEffects } from '../src/lib/features/activity/purchase-effects';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { type LighthouseScores } from './lighthouse';
import { generateArchive, SIZES, type GeneratedArchive } from './generate';
import {
	LIGHTHOUSE_RUNS,
	args,
	build,
	onlyInsights,
	onlyLoyalty,
	onlySales,
	onlyFeedback,
	onlyPrivacy,
	onlySearch,
	onlySync,
	quick,
	sizes
} from './cli';
import { serve } from './servers';
import {
	measure,
	measureInsightsOnly,
	measureLoyaltyOnly,
	measureSalesOnly,
	measureFeedbackOnly,
	measurePrivacyOnly,
	measureSearchOnly,
	measureSyncOnly,
	step
} from './scenarios';
import {
	type SizeFailure,
	type SizeResult,
	budgetReport,
	medianLighthouseScores,
	table,
	writeReadme
} from './report';

async function main() {
	// The archives are made with the app's own purchase commands, loyalty's part included.
	await loadPurchaseEffects();
	if (args.includes('--readme-only')) {
		// Re-renders the README table from bench/results.json without measuring.
		const saved: { environment: string; results: SizeResult[] } = JSON.parse(
			readFileSync('bench/results.json', 'utf8')
		);
		writeReadme(saved.results, saved.environment);
		return;
	}
	if (build) execSync('npm run build', { stdio: 'inherit' });
	if (!existsSync('build/index.html'))
		throw new Error('No build/ found: run `npm run build` first, or drop --no-build.');
	const archiveUpdates = new Map<string, Uint8Array[]>();
	const server = await serve(archiveUpdates);
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	if (onlySync) {
		try {
			for (const size of sizes) {
				console.log(`Generating ${size.name}…`);
				const archive = generateArchive(size);
				archiveUpdates.set(size.name, archive.updates);
				console.log(`Syncing ${size.name}…`);
				await measureSyncOnly(origin, size, archive);
			}
		} finally {
			server.close();
		}
		return;
	}
	if (onlyInsights) {
		try {
			for (const size of sizes) {
				const archive = generateArchive(size);
				archiveUpdates.set(size.name, archive.updates);
				console.log(`Insights at ${size.name}…`);
				await measureInsightsOnly(origin, size, archive);
			}
		} finally {
			server.close();
		}
		return;
	}
	if (onlySales) {
		try {
			for (const size of sizes) {
				const archive = generateArchive(size);
				archiveUpdates.set(size.name, archive.updates);
				archiveUpdates.set(`${size.name}sales`, archive.salesUpdates);
				console.log(`Sales at ${size.name}…`);
				await measureSalesOnly(origin, size, archive);
			}
		} finally {
			server.close();
		}
		return;
	}
	if (onlyPrivacy) {
		try {
			for (const size of sizes) {
				const archive = generateArchive(size);
				archiveUpdates.set(size.name, archive.updates);
				console.log(`Erasure at ${size.name}…`);
				await measurePrivacyOnly(origin, size, archive);
			}
		} finally {
			server.close();
		}
		return;
	}
	if (onlyFeedback) {
		try {
			for (const size of sizes) {
				const archive = generateArchive(size);
				archiveUpdates.set(size.name, archive.updates);
				archiveUpdates.set(`${size.name}feedback`, [
					...archive.salesUpdates,
					...archive.feedbackUpdates
				]);
				console.log(`Feedback at ${size.name}…`);
				await measureFeedbackOnly(origin, size, archive);
			}
		} finally {
			server.close();
		}
		return;
	}
	if (onlyLoyalty) {
		try {
			for (const size of sizes) {
				const archive = generateArchive(size);
				archiveUpdates.set(size.name, archive.updates);
				console.log(`Loyalty at ${size.name}…`);
				await measureLoyaltyOnly(origin, size, archive);
			}
		} finally {
			server.close();
		}
		return;
	}
	if (onlySearch) {
		try {
			for (const size of sizes) {
				const archive = generateArchive(size);
				archiveUpdates.set(size.name, archive.updates);
				console.log(`Search at ${size.name}…`);
				await measureSearchOnly(origin, size, archive);
			}
		} finally {
			server.close();
		}
		return;
	}
	// Lighthouse audits a first visit to an empty archive, so it runs before the archives are
	// generated: the audited page then shares the machine's cores with no archive generation
	// and none of its garbage collection in this process. Run after them, the same build's
	// audits scored lower (see docs/performance.md).
	let scores: LighthouseScores;
	try {
		console.log(`Lighthouse (mobile) on /customers, median of ${LIGHTHOUSE_RUNS}…`);
		scores = await medianLighthouseScores(`${origin}/customers`);
	} catch (error) {
		server.close();
		throw error;
	}
	const archives = new Map<string, GeneratedArchive>();
	for (const size of sizes) {
		console.log(`Generating ${size.name}: ${size.customers} customers, ${size.events} events…`);
		const archive = generateArchive(size);
		archives.set(size.name, archive);
		archiveUpdates.set(size.name, archive.updates);
		archiveUpdates.set(`${size.name}sales`, archive.salesUpdates);
		archiveUpdates.set(`${size.name}feedback`, archive.feedbackUpdates);
	}
	const environment = `${process.platform} ${process.arch}, Node ${process.version}, headless Chromium`;
	const results: SizeResult[] = [];
	const failures: SizeFailure[] = [];
	try {
		for (const size of sizes) {
			console.log(`Measuring ${size.name}…`);
			try {
				const measured = await measure(origin, size, archives.get(size.name)!);
				results.push({ ...measured, ...scores });
			} catch (error) {
				const failure: SizeFailure = {
					size: size.name,
					measuredAt: new Date().toISOString(),
					customers: size.customers,
					events: size.events,
					failedAt: step,
					error: error instanceof Error ? error.message.split('\n')[0]! : String(error)
				};
				console.log(
					`  ${size.name} could not be measured during ${failure.failedAt}: ${failure.error}`
				);
				failures.push(failure);
			}
		}
	} finally {
		server.close();
	}
	if (results.length === 0) throw new Error('No size could be measured.');
	console.log(`\n${table(results)}\n`);
	console.log(budgetReport(results).join('\n'));
	for (const result of results) {
		for (const [key, value] of Object.entries(result)) {
			if (typeof value === 'number' && !Number.isFinite(value))
				throw new Error(`${result.size}.${key} is not a number`);
		}
	}
	const file = quick ? 'bench/results-quick.json' : 'bench/results.json';
	// Sizes not measured in this run keep their earlier figures (each result says when).
	const earlier: { results?: SizeResult[]; failures?: SizeFailure[] } =
		!quick && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
	const measured = new Set<string>(sizes.map((size) => size.name));
	const keep = <T extends { size: string }>(list: T[] | undefined) =>
		(list ?? []).filter((entry) => !measured.has(entry.size));
	const order = (name: string) => SIZES.findIndex((size) => size.name === name);
	const allResults = [...keep(earlier.results), ...results].sort(
		(a, b) => order(a.size) - order(b.size)
	);
	const allFailures = [...keep(earlier.failures), ...failures];
	writeFileSync(
		file,
		`${JSON.stringify({ environment, quick, results: allResults, failures: allFailures }, null, '\t')}\n`
	);
	console.log(`\nWrote ${file}`);
	if (!quick && allResults.some((r) => r.size === 'M')) writeReadme(allResults, environment);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
