import { DEFAULT_VALUE_SETTINGS, type ValueSettings } from './value-defaults';

export { DEFAULT_VALUE_SETTINGS, type ValueSettings };

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
