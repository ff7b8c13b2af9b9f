/**
 * Surveys: what a survey asks, and what counts as an answer to it. Pure rules; the link and the
 * answer code that carry them between the shop and the customer's phone are `survey-code.ts`.
 */
import { isCsatAnswer, isNpsAnswer } from './scores';
import {
	MAX_OPTION_TEXT,
	MAX_OPTIONS,
	MAX_QUESTION_TEXT,
	MAX_QUESTIONS,
	MAX_TEXT_ANSWER,
	QUESTION_TYPES,
	type Answer,
	type Answers,
	type QuestionType,
	type SurveyFields,
	type SurveyQuestion
} from './survey-records';

export * from './survey-records';

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

/** What a complaint opened by a response says: its scores and its written answers. */
export function complaintText(
	questions: readonly SurveyQuestion[],
	answers: Answers,
	label: { nps: string; csat: string }
): string {
	const { nps, csat } = scoresOf(questions, answers);
	const parts = [
		...(nps !== null ? [`${label.nps} ${nps}`] : []),
		...(csat !== null ? [`${label.csat} ${csat}`] : []),
		...questions
			.filter((question) => question.type === 'text' && typeof answers[question.id] === 'string')
			.map((question) => answers[question.id] as string)
	];
	return parts.join(' · ');
}

/** A question's words in `language`, or in the other language when the shop gave only that. */
export function questionText(question: SurveyQuestion, language: 'en' | 'zh-CN'): string {
	const other = language === 'en' ? 'zh-CN' : 'en';
	return question.text[language].trim() || question.text[other].trim();
}

/** What a survey form holds while it is filled in: a choice's or a score's text, choices, words. */
export type AnswerDraft = Record<string, string | string[]>;

/**
 * The answers a filled-in form gives: scores as whole numbers, choices as chosen, words trimmed;
 * a question left blank has no entry (`checkAnswers` then says whether that may be).
 */
export function answersFromDraft(
	questions: readonly SurveyQuestion[],
	draft: AnswerDraft
): Answers {
	const answers: Answers = {};
	for (const question of questions) {
		const value = draft[question.id];
		if (value === undefined) continue;
		if (Array.isArray(value)) {
			if (question.type === 'multi' && value.length > 0)
				answers[question.id] = question.options.filter((option) => value.includes(option));
			continue;
		}
		const text = value.trim();
		if (text === '') continue;
		if (question.type === 'nps' || question.type === 'csat' || question.type === 'rating') {
			if (/^\d{1,2}$/.test(text)) answers[question.id] = Number(text);
		} else if (question.type !== 'multi') answers[question.id] = text;
	}
	return answers;
}

/** The required questions a draft leaves unanswered, in the survey's order. */
export function missingAnswers(questions: readonly SurveyQuestion[], draft: AnswerDraft): string[] {
	const answers = answersFromDraft(questions, draft);
	return questions
		.filter((question) => question.required && !(question.id in answers))
		.map((question) => question.id);
}
