/**
 * Insights → Feedback: satisfaction over time and by what it is about, and how quickly the
 * shop answers. Pure: the worker hands in what it read (see feedback-figures.ts). Every figure
 * keeps the counts it is made of, so the screen can say how it was computed.
 */
import { localDateKey } from '../../../domain/dates';
import type { FeedbackKind, FeedbackRow, FeedbackStatus, Severity } from './feedback-records';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, SEVERITIES } from './feedback-records';
import { csat, nps, type CsatResult, type NpsResult } from './scores';
import { scoresOf } from './survey';
import type { ResponseRow, SurveyRow } from './survey-records';
import { RESPONSE_CHANNELS } from './survey-records';

export interface FeedbackInsightsInput {
	responses: Iterable<ResponseRow>;
	surveys: ReadonlyMap<string, SurveyRow>;
	feedback: Iterable<FeedbackRow>;
	/**
	 * The customer a record counts for: themselves, or whom they were merged into; null when
	 * they were deleted (their answers and feedback are left out, and counted as such).
	 */
	ownerOf: (customerId: string) => string | null;
	/** The products of a purchase and the member who recorded it (served the customer). */
	purchaseOf: (purchaseId: string) => { products: string[]; servedBy: string } | null;
	/** Who sent an invitation ('' when unknown). */
	invitedBy: (invitationId: string) => string;
	/** The period, ms since epoch: from (inclusive) to until (exclusive); from 0 for all time. */
	from: number;
	until: number;
}

export interface ScoreGroup {
	key: string;
	nps: NpsResult;
}

export interface MonthFigures {
	/** Local calendar month, YYYY-MM. */
	key: string;
	nps: NpsResult;
	csat: CsatResult;
}

export interface TimingFigures {
	severity: Severity;
	/** Items received in the period. */
	items: number;
	acknowledged: number;
	/** Median hours from when it was heard to its first acknowledgement; null without any. */
	firstResponseHours: number | null;
	resolved: number;
	/** Median hours from when it was heard to its resolution; null without any. */
	resolutionHours: number | null;
}

export interface TextAnswer {
	responseId: string;
	customerId: string;
	surveyId: string;
	questionId: string;
	at: number;
	text: string;
}

export interface FeedbackFigures {
	months: MonthFigures[];
	nps: NpsResult;
	csat: CsatResult;
	/** How many answers gave each score 0–10. */
	distribution: number[];
	byProduct: ScoreGroup[];
	/** By the member who served: who recorded the purchase, else who sent the link or typed it in. */
	byMember: ScoreGroup[];
	byChannel: ScoreGroup[];
	byKind: Record<FeedbackKind, number>;
	byStatus: Record<FeedbackStatus, number>;
	timing: TimingFigures[];
	/** Written answers, newest first. */
	texts: TextAnswer[];
	/** Answers and feedback items of deleted customers, left out. */
	leftOut: number;
}

export const FEEDBACK_PERIODS = ['months3', 'months12', 'all'] as const;
export type FeedbackPeriodChoice = (typeof FEEDBACK_PERIODS)[number];

/** The period's bounds in local time: from the first day of the month so many months back. */
export function periodBounds(
	choice: FeedbackPeriodChoice,
	now: number
): { from: number; until: number } {
	const today = new Date(now);
	const until = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime();
	if (choice === 'all') return { from: 0, until };
	const back = choice === 'months3' ? 2 : 11;
	return { from: new Date(today.getFullYear(), today.getMonth() - back, 1).getTime(), until };
}

/** Groups shown by product and by member: the most answered first, this many. */
export const MAX_GROUPS = 12;

/** The local calendar months from the one holding `from` to the one holding `until - 1`. */
export function monthsBetween(from: number, until: number): string[] {
	if (until <= from) return [];
	const first = new Date(from);
	const last = localDateKey(until - 1).slice(0, 7);
	const months: string[] = [];
	for (let at = new Date(first.getFullYear(), first.getMonth(), 1); ;) {
		const key = localDateKey(at.getTime()).slice(0, 7);
		months.push(key);
		if (key >= last || months.length > 1200) break;
		at = new Date(at.getFullYear(), at.getMonth() + 1, 1);
	}
	return months;
}

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const value =
		sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return Math.round(value * 10) / 10;
}

const HOUR = 3_600_000;

export function feedbackFigures(input: FeedbackInsightsInput): FeedbackFigures {
	const inPeriod = (at: number) => at >= input.from && at < input.until;
	const npsBy = {
		month: new Map<string, number[]>(),
		product: new Map<string, number[]>(),
		member: new Map<string, number[]>(),
		channel: new Map<string, number[]>()
	};
	const csatByMonth = new Map<string, number[]>();
	const allNps: number[] = [];
	const allCsat: number[] = [];
	const texts: TextAnswer[] = [];
	let leftOut = 0;
	let earliest = Number.POSITIVE_INFINITY;
	const push = (map: Map<string, number[]>, key: string, value: number) => {
		const list = map.get(key);
		if (list) list.push(value);
		else map.set(key, [value]);
	};

	for (const response of input.responses) {
		if (!inPeriod(response.at)) continue;
		const survey = input.surveys.get(response.surveyId);
		if (!survey) continue;
		const owner = input.ownerOf(response.customerId);
		if (owner === null) {
			leftOut++;
			continue;
		}
		earliest = Math.min(earliest, response.at);
		const month = localDateKey(response.at).slice(0, 7);
		const scores = scoresOf(survey.questions, response.answers);
		const purchase = response.purchaseId ? input.purchaseOf(response.purchaseId) : null;
		if (scores.nps !== null) {
			allNps.push(scores.nps);
			push(npsBy.month, month, scores.nps);
			push(npsBy.channel, response.channel, scores.nps);
			for (const product of new Set(purchase?.products ?? []))
				push(npsBy.product, product, scores.nps);
			const served =
				purchase?.servedBy ||
				(response.invitationId ? input.invitedBy(response.invitationId) : '') ||
				response.by;
			if (served) push(npsBy.member, served, scores.nps);
		}
		if (scores.csat !== null) {
			allCsat.push(scores.csat);
			push(csatByMonth, month, scores.csat);
		}
		for (const question of survey.questions) {
			const text = response.answers[question.id];
			if (question.type === 'text' && typeof text === 'string' && text.trim())
				texts.push({
					responseId: response.id,
					customerId: owner,
					surveyId: survey.id,
					questionId: question.id,
					at: response.at,
					text
				});
		}
	}

	const byKind = Object.fromEntries(FEEDBACK_KINDS.map((kind) => [kind, 0])) as Record<
		FeedbackKind,
		number
	>;
	const byStatus = Object.fromEntries(FEEDBACK_STATUSES.map((status) => [status, 0])) as Record<
		FeedbackStatus,
		number
	>;
	const timing = new Map(
		SEVERITIES.map((severity) => [
			severity,
			{ items: 0, firstResponse: [] as number[], resolution: [] as number[] }
		])
	);
	for (const item of input.feedback) {
		if (!inPeriod(item.receivedAt)) continue;
		if (input.ownerOf(item.customerId) === null) {
			leftOut++;
			continue;
		}
		earliest = Math.min(earliest, item.receivedAt);
		byKind[item.kind]++;
		byStatus[item.status]++;
		const times = timing.get(item.severity)!;
		times.items++;
		if (item.acknowledgedAt > 0)
			times.firstResponse.push(Math.max(0, item.acknowledgedAt - item.receivedAt) / HOUR);
		if (item.resolvedAt > 0)
			times.resolution.push(Math.max(0, item.resolvedAt - item.receivedAt) / HOUR);
	}

	// All time starts with the first month that has anything in it.
	const start = input.from > 0 ? input.from : Number.isFinite(earliest) ? earliest : input.until;
	const groups = (map: Map<string, number[]>, keys?: readonly string[]): ScoreGroup[] =>
		(keys ?? [...map.keys()])
			.filter((key) => map.has(key))
			.map((key) => ({ key, nps: nps(map.get(key)!) }))
			.sort((a, b) => (keys ? 0 : b.nps.responses - a.nps.responses || (a.key < b.key ? -1 : 1)))
			.slice(0, keys ? keys.length : MAX_GROUPS);
	const distribution = Array.from({ length: 11 }, () => 0);
	for (const score of allNps) distribution[score] = (distribution[score] ?? 0) + 1;
	texts.sort((a, b) => b.at - a.at || (a.responseId < b.responseId ? -1 : 1));

	return {
		months: monthsBetween(start, input.until).map((key) => ({
			key,
			nps: nps(npsBy.month.get(key) ?? []),
			csat: csat(csatByMonth.get(key) ?? [])
		})),
		nps: nps(allNps),
		csat: csat(allCsat),
		distribution,
		byProduct: groups(npsBy.product),
		byMember: groups(npsBy.member),
		byChannel: groups(npsBy.channel, RESPONSE_CHANNELS),
		byKind,
		byStatus,
		timing: SEVERITIES.map((severity) => {
			const times = timing.get(severity)!;
			return {
				severity,
				items: times.items,
				acknowledged: times.firstResponse.length,
				firstResponseHours: median(times.firstResponse),
				resolved: times.resolution.length,
				resolutionHours: median(times.resolution)
			};
		}),
		texts,
		leftOut
	};
}

/** The written answers holding every word of `query` (any case), in the order given. */
export function searchTexts(texts: readonly TextAnswer[], query: string): TextAnswer[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return [...texts];
	return texts.filter((answer) => {
		const text = answer.text.toLowerCase();
		return words.every((word) => text.includes(word));
	});
}
