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

export const ABC_SPLITS = [
	[70, 20],
	[80, 15]
] as const;

const isNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

function fourCuts(value: unknown, fallback: number[], descending: boolean): number[] {
	if (!Array.isArray(value) || value.length !== 4 || !value.every(isNumber)) return fallback;
	const cuts = value.map((v) => Math.max(0, Math.round(v)));
	const ordered = cuts.every(
		(v, i) => i === 0 || (descending ? v <= cuts[i - 1]! : v >= cuts[i - 1]!)
	);
	return ordered ? cuts : fallback;
}

/** The settings in `value`, each part that is not readable replaced by its default. */
export function readValueSettings(value: unknown): ValueSettings {
	const d = DEFAULT_VALUE_SETTINGS;
	if (typeof value !== 'object' || value === null) return d;
	const v = value as Record<string, unknown>;
	const cuts = (typeof v['cuts'] === 'object' && v['cuts'] !== null ? v['cuts'] : {}) as Record<
		string,
		unknown
	>;
	const lines = v['lines'] as Record<string, unknown> | undefined;
	const ownLines =
		typeof lines === 'object' &&
		lines !== null &&
		isNumber(lines['recencyDays']) &&
		isNumber(lines['frequency']) &&
		isNumber(lines['monetaryCents'])
			? {
					recencyDays: Math.max(0, Math.round(lines['recencyDays'])),
					frequency: Math.max(0, lines['frequency']),
					monetaryCents: Math.max(0, Math.round(lines['monetaryCents']))
				}
			: null;
	const abc = ABC_SPLITS.find(
		(split) => Array.isArray(v['abc']) && split[0] === v['abc'][0] && split[1] === v['abc'][1]
	);
	const window = v['windowMonths'];
	const discount = v['monthlyDiscount'];
	return {
		windowMonths:
			isNumber(window) && window >= 1 && window <= 60 ? Math.round(window) : d.windowMonths,
		scoring: v['scoring'] === 'cuts' ? 'cuts' : 'quintiles',
		cuts: {
			recencyDays: fourCuts(cuts['recencyDays'], d.cuts.recencyDays, true),
			frequency: fourCuts(cuts['frequency'], d.cuts.frequency, false),
			monetaryCents: fourCuts(cuts['monetaryCents'], d.cuts.monetaryCents, false)
		},
		lines: ownLines ?? 'averages',
		abc: abc ?? d.abc,
		monthlyDiscount:
			isNumber(discount) && discount >= 0 && discount <= 0.2 ? discount : d.monthlyDiscount
	};
}
