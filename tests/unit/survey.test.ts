import { describe, expect, it } from 'vitest';
import {
	checkAnswers,
	scoresOf,
	validateSurvey,
	type SurveyQuestion
} from '../../src/lib/features/feedback/rules/survey';
import {
	answerCode,
	decodeInvitation,
	encodeInvitation,
	readAnswerCode,
	type SurveyInvitationLink
} from '../../src/lib/features/feedback/rules/survey-code';

const QUESTIONS: SurveyQuestion[] = [
	{
		id: 'q-nps-0001',
		type: 'nps',
		text: { en: 'How likely are you to recommend us?', 'zh-CN': '您有多大可能向朋友推荐我们？' },
		options: [],
		required: true
	},
	{
		id: 'q-tea-0002',
		type: 'multi',
		text: { en: 'What did you buy?', 'zh-CN': '' },
		options: ['Oolong', 'Pu-erh', 'Green'],
		required: false
	},
	{
		id: 'q-text-003',
		type: 'text',
		text: { en: '', 'zh-CN': '还有什么建议？' },
		options: [],
		required: false
	}
];

const link: SurveyInvitationLink = {
	invitation: 'inv-AbC123xyz',
	token: 'tok-0123456789abcdef_XYZ',
	shop: 'Tea House 茶舍',
	language: 'zh-CN',
	questions: QUESTIONS
};

describe('a survey', () => {
	it('needs a name, one to twelve questions with words, and two choices for a choice question', () => {
		expect(validateSurvey({ name: 'After a visit', questions: QUESTIONS })).toEqual({});
		expect(validateSurvey({ name: ' ', questions: [] })).toEqual({
			name: 'validation.required',
			questions: 'feedback.errors.noQuestions'
		});
		const oneChoice = { ...QUESTIONS[1]!, options: ['Oolong', ' oolong '.trim(), ''] };
		expect(validateSurvey({ name: 'x', questions: [oneChoice] })['question.0']).toBe(
			'feedback.errors.options'
		);
		const twice = [QUESTIONS[0]!, { ...QUESTIONS[2]!, id: QUESTIONS[0]!.id }];
		expect(validateSurvey({ name: 'x', questions: twice })['question.1']).toBe(
			'feedback.errors.question'
		);
	});

	it('keeps answers that answer its questions, and refuses the whole response otherwise', () => {
		expect(checkAnswers(QUESTIONS, { 'q-nps-0001': 9, 'q-text-003': '  多些绿茶 ' })).toEqual({
			'q-nps-0001': 9,
			'q-text-003': '多些绿茶'
		});
		// A required question unanswered, a score out of range, a choice not offered, a stranger's key.
		expect(checkAnswers(QUESTIONS, { 'q-text-003': 'hi' })).toBeNull();
		expect(checkAnswers(QUESTIONS, { 'q-nps-0001': 11 })).toBeNull();
		expect(checkAnswers(QUESTIONS, { 'q-nps-0001': 5, 'q-tea-0002': ['Coffee'] })).toBeNull();
		expect(checkAnswers(QUESTIONS, { 'q-nps-0001': 5, extra: 1 })).toBeNull();
		expect(checkAnswers(QUESTIONS, [9])).toBeNull();
		expect(scoresOf(QUESTIONS, { 'q-nps-0001': 3 })).toEqual({ nps: 3, csat: null });
	});
});

describe('a survey link and its answer code', () => {
	it('carry the questions there and the answers back, in Chinese too', async () => {
		const fragment = encodeInvitation(link);
		expect(decodeInvitation(`#${fragment}`)).toEqual(link);
		const code = await answerCode(link, { 'q-nps-0001': 10, 'q-text-003': '服务很好' });
		const read = await readAnswerCode(code, (id) => (id === link.invitation ? link : null));
		expect(read).toEqual({
			ok: true,
			invitation: link.invitation,
			answers: { 'q-nps-0001': 10, 'q-text-003': '服务很好' }
		});
		// Spaces and line breaks from a chat app are ignored.
		const spaced = `${code.slice(0, 10)} \n ${code.slice(10)}`;
		expect((await readAnswerCode(spaced, () => link)).ok).toBe(true);
	});

	it('refuse a code with one character changed, another invitation’s code, and junk', async () => {
		const code = await answerCode(link, { 'q-nps-0001': 2 });
		const changed =
			code[5] === 'A'
				? `${code.slice(0, 5)}B${code.slice(6)}`
				: `${code.slice(0, 5)}A${code.slice(6)}`;
		expect(await readAnswerCode(changed, () => link)).toMatchObject({ ok: false });
		const signatureChanged = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
		expect(await readAnswerCode(signatureChanged, () => link)).toEqual({
			ok: false,
			reason: 'forged'
		});
		const otherToken = { ...link, token: 'tok-somebody-else-0000' };
		expect(await readAnswerCode(code, () => otherToken)).toEqual({ ok: false, reason: 'forged' });
		expect(await readAnswerCode(code, () => null)).toEqual({ ok: false, reason: 'unknown' });
		for (const junk of ['', '.', 'abc', 'a.b.c', '!!!.???', 'x'.repeat(5_000)])
			expect(await readAnswerCode(junk, () => link)).toMatchObject({
				ok: false,
				reason: 'garbled'
			});
	});

	it('refuse a link that is not one', () => {
		for (const junk of ['', '#', '#%%%', '#' + 'A'.repeat(9_000), '#eyJ2IjoyfQ'])
			expect(decodeInvitation(junk)).toBeNull();
		const noQuestions = encodeInvitation({ ...link, questions: [] });
		expect(decodeInvitation(noQuestions)).toBeNull();
	});
});
