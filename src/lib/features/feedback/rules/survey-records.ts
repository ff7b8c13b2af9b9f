/**
 * What a stored survey, invitation and response are: their choices, limits, shapes and the
 * reader of a survey's questions. Kept apart from the rules so the workspace's first load
 * (which reads every kind of record) carries only these.
 */

export const QUESTION_TYPES = ['nps', 'csat', 'rating', 'single', 'multi', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const MAX_QUESTIONS = 12;
export const MAX_OPTIONS = 10;
export const MAX_QUESTION_TEXT = 200;
export const MAX_OPTION_TEXT = 60;
export const MAX_TEXT_ANSWER = 500;

export interface SurveyQuestion {
	/** Kept when the question is edited, so answers stay with it. */
	id: string;
	type: QuestionType;
	/** The question in each language; one of them may be empty (the other shows). */
	text: { en: string; 'zh-CN': string };
	/** For single and multiple choice: the choices, in the shop's words. */
	options: string[];
	required: boolean;
}

export interface SurveyFields {
	name: string;
	questions: SurveyQuestion[];
}

/** An answer: a number (nps 0–10, csat 1–5, rating 1–5), a choice, choices, or text. */
export type Answer = number | string | string[];
export type Answers = Record<string, Answer>;

export const RESPONSE_CHANNELS = ['counter', 'link', 'paper'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

export interface SurveyRow extends SurveyFields {
	id: string;
	createdAt: number;
}

/** An invitation to answer a survey: whom, after which purchase, and the secret its code is signed with. */
export interface InvitationRow {
	id: string;
	surveyId: string;
	customerId: string;
	purchaseId: string;
	token: string;
	at: number;
	by: string;
}

export interface ResponseRow {
	id: string;
	surveyId: string;
	customerId: string;
	purchaseId: string;
	/** The invitation it answers ('' for one at the counter or from paper). */
	invitationId: string;
	answers: Answers;
	channel: ResponseChannel;
	at: number;
	by: string;
}

const isQuestionId = (value: unknown): value is string =>
	typeof value === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(value);

/**
 * A survey's questions as stored (JSON text) or carried in a link (an array): the well-formed
 * ones, bounded; [] when the value is none.
 */
export function readSurveyQuestions(value: unknown): SurveyQuestion[] {
	let list: unknown = value;
	if (typeof value === 'string') {
		try {
			list = JSON.parse(value);
		} catch {
			return [];
		}
	}
	if (!Array.isArray(list)) return [];
	const questions: SurveyQuestion[] = [];
	const ids = new Set<string>();
	for (const item of list.slice(0, MAX_QUESTIONS)) {
		if (typeof item !== 'object' || item === null) continue;
		const q = item as Record<string, unknown>;
		const type = QUESTION_TYPES.find((known) => known === q['type']);
		if (!isQuestionId(q['id']) || ids.has(q['id']) || !type) continue;
		ids.add(q['id']);
		const text = (typeof q['text'] === 'object' && q['text']) || {};
		const words = (key: string) => {
			const found = (text as Record<string, unknown>)[key];
			return typeof found === 'string' ? found.slice(0, MAX_QUESTION_TEXT) : '';
		};
		questions.push({
			id: q['id'],
			type,
			text: { en: words('en'), 'zh-CN': words('zh-CN') },
			options: Array.isArray(q['options'])
				? q['options']
						.filter((option): option is string => typeof option === 'string')
						.slice(0, MAX_OPTIONS)
						.map((option) => option.slice(0, MAX_OPTION_TEXT))
				: [],
			required: q['required'] === true
		});
	}
	return questions;
}
