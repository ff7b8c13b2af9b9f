/** The benchmark's command line (see run.ts for the flags). */
import { SIZES } from './generate';

export const args = process.argv.slice(2);

export const quick = args.includes('--quick');

export const build = !args.includes('--no-build');

const sizeArg = args.find((arg) => arg.startsWith('--sizes='))?.slice('--sizes='.length);

export const sizes = SIZES.filter((size) =>
	quick ? size.name === 'S' : sizeArg ? sizeArg.split(',').includes(size.name) : true
);

/**
 * `--only=sync` measures the first sync alone (after storing and opening the sender's archive),
 * N times, and writes no results: for iterating on sync.
 */
export const onlySync = args.includes('--only=sync');

export const SYNC_RUNS = Number(
	args.find((arg) => arg.startsWith('--sync-runs='))?.slice('--sync-runs='.length) ?? 1
);

export const COLD_RUNS = quick ? 3 : 5;

/**
 * `--only=search` measures the search alone (same archive, first open and cold starts before it,
 * as in a full run), prints each keystroke and writes no results: for iterating on the search.
 * `--profile=<dir>` then also writes a CPU profile of the typing to <dir>/search-<size>.cpuprofile.
 */
export const onlySearch = args.includes('--only=search');

/** `--only=insights`: Insights opened and its period changed in the warm app; only printed. */
export const onlyInsights = args.includes('--only=insights');

/** `--only=loyalty`: the loyalty steps after the import, as in a full run; only printed. */
export const onlyLoyalty = args.includes('--only=loyalty');
export const onlySales = args.includes('--only=sales');
/** `--only=feedback`: the feedback inbox's filters and Insights → Feedback; only printed. */
export const onlyFeedback = args.includes('--only=feedback');
/** `--only=privacy`: three customers erased one after another; only printed. */
export const onlyPrivacy = args.includes('--only=privacy');

export const profileDir = args
	.find((arg) => arg.startsWith('--profile='))
	?.slice('--profile='.length);

/** With `--profile`: a DevTools trace (style, layout, paint, GC) instead of a CPU profile. */
export const traceDir = profileDir && args.includes('--trace');

/**
 * Lighthouse audits per run, of which the median counts. One audit's performance score moves
 * by up to ten points between audits of one build on this machine (blocking time is
 * simulated from the observed tasks, which vary with load); Lighthouse's documentation on
 * variability advises the median of several.
 */
export const LIGHTHOUSE_RUNS = quick ? 1 : 3;
