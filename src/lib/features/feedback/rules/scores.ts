/**
 * Satisfaction scores as the usual definitions have them, with the counts behind each, so a
 * figure on screen can say how it was computed.
 */

export interface NpsResult {
	responses: number;
	/** 9–10 */
	promoters: number;
	/** 7–8 */
	passives: number;
	/** 0–6 */
	detractors: number;
	/** % promoters − % detractors, rounded to a whole number, −100…100; null without answers. */
	score: number | null;
}

export const isNpsAnswer = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10;

export const isCsatAnswer = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;

export function npsCategory(score: number): 'promoter' | 'passive' | 'detractor' {
	return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export function nps(scores: readonly number[]): NpsResult {
	let promoters = 0;
	let passives = 0;
	let detractors = 0;
	for (const score of scores) {
		if (!isNpsAnswer(score)) continue;
		const category = npsCategory(score);
		if (category === 'promoter') promoters++;
		else if (category === 'passive') passives++;
		else detractors++;
	}
	const responses = promoters + passives + detractors;
	// Rounded once, from the exact difference: 1 promoter, 1 detractor and 1 passive is 0.
	const score = responses === 0 ? null : Math.round(((promoters - detractors) * 100) / responses);
	// -0 would print as "-0".
	return { responses, promoters, passives, detractors, score: score === 0 ? 0 : score };
}

export interface CsatResult {
	responses: number;
	/** Answers of 4 or 5. */
	satisfied: number;
	/** % satisfied, rounded; null without answers. */
	percent: number | null;
}

export function csat(scores: readonly number[]): CsatResult {
	let responses = 0;
	let satisfied = 0;
	for (const score of scores) {
		if (!isCsatAnswer(score)) continue;
		responses++;
		if (score >= 4) satisfied++;
	}
	return {
		responses,
		satisfied,
		percent: responses === 0 ? null : Math.round((satisfied * 100) / responses)
	};
}

/** A detractor's NPS answer or a CSAT of 1–2 opens a complaint. */
export function callsForComplaint(answer: { nps?: number | null; csat?: number | null }): boolean {
	return (
		(answer.nps !== undefined &&
			answer.nps !== null &&
			isNpsAnswer(answer.nps) &&
			answer.nps <= 6) ||
		(answer.csat !== undefined &&
			answer.csat !== null &&
			isCsatAnswer(answer.csat) &&
			answer.csat <= 2)
	);
}
