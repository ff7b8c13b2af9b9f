/**
 * Surveys: what a survey asks, and what counts as an answer to it. Pure rules; the link and the
 * answer code that carry them between the shop and the customer's phone are `survey-code.ts`.
 */
import { isCsatAnswer, isNpsAnswer } from './scores';

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

export type SurveyErrors = Partial<Record<'name' | 'questions', string>> &
	Partial<Record<`question.${number}`, string>>;

export function validateSurvey(fields: SurveyFields): SurveyErrors {
	const errors: SurveyErrors = {};
	const name = fields.name.trim();
	if (!name) errors.name = 'validation.required';
	else if (name.length > 80) errors.name = 'validation.tooLong';
	if (fields.questions.length === 0) errors.questions = 'feedback.errors.noQuestions';
	else if (fields.questions.length > MAX_QUESTIONS)
		errors.questions = 'feedback.errors.tooManyQuestions';
	const ids = new Set<string>();
	fields.questions.forEach((question, index) => {
		const key = `question.${index}` as const;
		const texts = [question.text.en.trim(), question.text['zh-CN'].trim()];
		if (!question.id || ids.has(question.id) || !QUESTION_TYPES.includes(question.type))
			errors[key] = 'feedback.errors.question';
		else if (texts.every((text) => text === '')) errors[key] = 'feedback.errors.questionText';
		else if (texts.some((text) => text.length > MAX_QUESTION_TEXT))
			errors[key] = 'validation.tooLong';
		else if (
			(question.type === 'single' || question.type === 'multi') &&
			cleanOptions(question.options).length < 2
		)
			errors[key] = 'feedback.errors.options';
		else if (question.options.some((option) => option.length > MAX_OPTION_TEXT))
			errors[key] = 'validation.tooLong';
		ids.add(question.id);
	});
	return errors;
}

/** The choices trimmed, empty ones and repeats (in any case: "Oolong", "oolong") left out. */
export function cleanOptions(options: readonly string[]): string[] {
	const seen = new Set<string>();
	const kept: string[] = [];
	for (const option of options.map((text) => text.trim())) {
		const key = option.toLowerCase();
		if (option && !seen.has(key)) {
			seen.add(key);
			kept.push(option);
		}
	}
	return kept.slice(0, MAX_OPTIONS);
}

/** Whether `value` answers `question` (an unanswered optional question has no entry at all). */
export function isAnswerTo(question: SurveyQuestion, value: unknown): value is Answer {
	switch (question.type) {
		case 'nps':
			return isNpsAnswer(value);
		case 'csat':
		case 'rating':
			return isCsatAnswer(value);
		case 'single':
			return typeof value === 'string' && question.options.includes(value);
		case 'multi':
			return (
				Array.isArray(value) &&
				value.length > 0 &&
				value.length <= question.options.length &&
				new Set(value).size === value.length &&
				value.every((choice) => typeof choice === 'string' && question.options.includes(choice))
			);
		case 'text':
			return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT_ANSWER;
	}
}

/**
 * The answers kept for `questions`: those that answer a question of the survey, each trimmed;
 * null when a required question is unanswered or anything else is there (a forged or garbled
 * response is refused whole, never half-recorded).
 */
export function checkAnswers(questions: readonly SurveyQuestion[], given: unknown): Answers | null {
	if (typeof given !== 'object' || given === null || Array.isArray(given)) return null;
	const entries = Object.entries(given as Record<string, unknown>);
	const byId = new Map(questions.map((question) => [question.id, question]));
	const kept: Answers = {};
	for (const [id, value] of entries) {
		const question = byId.get(id);
		if (!question || !isAnswerTo(question, value)) return null;
		kept[id] = typeof value === 'string' ? value.trim() : value;
	}
	for (const question of questions) if (question.required && !(question.id in kept)) return null;
	return kept;
}

/** The survey's NPS and CSAT answers in one response, for the scores and the complaint rule. */
export function scoresOf(
	questions: readonly SurveyQuestion[],
	answers: Answers
): { nps: number | null; csat: number | null } {
	const first = (type: QuestionType) => {
		const question = questions.find(
			(candidate) => candidate.type === type && candidate.id in answers
		);
		const value = question ? answers[question.id] : undefined;
		return typeof value === 'number' ? value : null;
	};
	return { nps: first('nps'), csat: first('csat') };
}
