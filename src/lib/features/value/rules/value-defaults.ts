// Apart from value-settings.ts (their reading) so a page can start with the defaults alone.

/**
 * How the shop scores its customers' value. Kept in the doc's meta map so every colleague
 * sees the same segments; read from there as untrusted input (a newer version or a stranger
 * may have written anything).
 */
export interface ValueSettings {
	/** Frequency and monetary count the purchases of this many months before today. */
	windowMonths: number;
	/** RFM scores 1–5: by quintile of the shop's customers, or by the shop's own cut points. */
	scoring: 'quintiles' | 'cuts';
	/**
	 * For `cuts`: the least value that scores 2, 3, 4 and 5. Recency counts down: a customer
	 * whose last purchase is at most `recencyDays[k]` days ago scores k + 2.
	 */
	cuts: { recencyDays: number[]; frequency: number[]; monetaryCents: number[] };
	/** High or low for the eight segments: against the shop's averages, or the shop's own lines. */
	lines: 'averages' | { recencyDays: number; frequency: number; monetaryCents: number };
	/** The shares of revenue classes A and B reach (C is the rest), in percent. */
	abc: readonly [a: number, b: number];
	/** The monthly discount rate lifetime value uses (0.01 = 1%). */
	monthlyDiscount: number;
}

export const DEFAULT_VALUE_SETTINGS: ValueSettings = {
	windowMonths: 12,
	scoring: 'quintiles',
	cuts: {
		recencyDays: [365, 180, 90, 30],
		frequency: [2, 3, 5, 10],
		monetaryCents: [50_000, 100_000, 300_000, 1_000_000]
	},
	lines: 'averages',
	abc: [70, 20],
	monthlyDiscount: 0.01
};
