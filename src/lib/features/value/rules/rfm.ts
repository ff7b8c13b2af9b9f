/**
 * RFM: how recently, how often and how much each customer bought, scored 1–5 and sorted into
 * the eight segments Chinese retail uses (重要价值客户 … 一般挽留客户) by whether each of R, F
 * and M is high or low.
 */
export interface RfmFacts {
	/** Local calendar days since the last purchase. */
	recencyDays: number;
	/** Purchases in the window. */
	frequency: number;
	/** Spend in the window, in cents. */
	monetaryCents: number;
}

/** Segments by R, F, M high (1) or low (0): the index is R × 4 + F × 2 + M, read backwards. */
export const RFM_SEGMENTS = [
	'importantValue',
	'importantDevelop',
	'importantKeep',
	'importantWinBack',
	'generalValue',
	'generalDevelop',
	'generalKeep',
	'generalWinBack'
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** Which of R, F, M each segment has high, for its explanation. */
export const SEGMENT_HIGHS: Record<RfmSegment, { r: boolean; f: boolean; m: boolean }> = {
	importantValue: { r: true, f: true, m: true },
	importantDevelop: { r: true, f: false, m: true },
	importantKeep: { r: false, f: true, m: true },
	importantWinBack: { r: false, f: false, m: true },
	generalValue: { r: true, f: true, m: false },
	generalDevelop: { r: true, f: false, m: false },
	generalKeep: { r: false, f: true, m: false },
	generalWinBack: { r: false, f: false, m: false }
};

export function segmentOf(r: boolean, f: boolean, m: boolean): RfmSegment {
	return RFM_SEGMENTS.find((segment) => {
		const highs = SEGMENT_HIGHS[segment];
		return highs.r === r && highs.f === f && highs.m === m;
	})!;
}

/** The lines between high and low: strict against averages, reached against the shop's own. */
export interface RfmLines {
	recencyDays: number;
	frequency: number;
	monetaryCents: number;
	/** Averages: above the average is high. The shop's own lines: reaching the line is high. */
	kind: 'averages' | 'own';
}

export function averageLines(facts: readonly RfmFacts[]): RfmLines {
	const n = Math.max(1, facts.length);
	let r = 0;
	let f = 0;
	let m = 0;
	for (const fact of facts) {
		r += fact.recencyDays;
		f += fact.frequency;
		m += fact.monetaryCents;
	}
	return { recencyDays: r / n, frequency: f / n, monetaryCents: m / n, kind: 'averages' };
}

/** Whether R, F and M are each high against the lines. */
export function highs(fact: RfmFacts, lines: RfmLines): { r: boolean; f: boolean; m: boolean } {
	if (lines.kind === 'averages') {
		return {
			r: fact.recencyDays < lines.recencyDays,
			f: fact.frequency > lines.frequency,
			m: fact.monetaryCents > lines.monetaryCents
		};
	}
	return {
		r: fact.recencyDays <= lines.recencyDays,
		f: fact.frequency >= lines.frequency,
		m: fact.monetaryCents >= lines.monetaryCents
	};
}

/**
 * Quintile scores 1–5 with ties kept together: a customer scores 1 + ⌊5 × (customers strictly
 * worse) / (customers)⌋, so equal values always share a score, the score of the first of them.
 * When most customers bought once, all of them share the lowest F score and some scores stay
 * empty: that is what the scores then say.
 */
export function quintileScores(values: ArrayLike<number>, better: 'higher' | 'lower'): Uint8Array {
	const n = values.length;
	const order = Array.from({ length: n }, (_, i) => i);
	// Worst first.
	const sign = better === 'higher' ? 1 : -1;
	order.sort((a, b) => sign * (values[a]! - values[b]!));
	const scores = new Uint8Array(n);
	let worse = 0;
	for (let i = 0; i < n; i++) {
		if (i > 0 && values[order[i]!] !== values[order[i - 1]!]) worse = i;
		scores[order[i]!] = 1 + Math.floor((5 * worse) / n);
	}
	return scores;
}

/**
 * Scores 1–5 by the shop's cut points: `cuts[k]` is the least value that scores k + 2 (for
 * recency, the most days ago).
 */
export function cutScore(
	value: number,
	cuts: readonly number[],
	better: 'higher' | 'lower'
): number {
	let score = 1;
	for (let k = 0; k < cuts.length; k++) {
		if (better === 'higher' ? value >= cuts[k]! : value <= cuts[k]!) score = k + 2;
	}
	return score;
}
