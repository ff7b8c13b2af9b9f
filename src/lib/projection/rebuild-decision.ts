/** When a pending change is better projected by a rebuild than record by record. */

/** Below this many changed records, a flush is always incremental. */
export const SMALL_CHANGE = 5_000;

/**
 * Whether a change is better projected by rebuilding everything: when it touches most of the
 * archive (a first sync, a colleague's whole shop arriving). Measured at 10,000 customers in
 * Chromium, such a flush took 20 s where a rebuild of the same archive takes 3 s, and a rebuild
 * shows its progress.
 */
export function prefersRebuild(changedRecords: number, archiveRecords: number): boolean {
	return changedRecords > SMALL_CHANGE && changedRecords * 2 > archiveRecords;
}
