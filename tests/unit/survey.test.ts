import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import {
	answerAtCounter,
	createSurvey,
	inviteToSurvey,
	recordResponse
} from '../../src/lib/features/feedback/survey-commands';
import {
	INVITATIONS_ROOT,
	readInvitation,
	readResponse,
	RESPONSES_ROOT
} from '../../src/lib/features/feedback/survey-kinds';
import { FEEDBACK_ROOT, readFeedback } from '../../src/lib/features/feedback/kinds';
import { nps } from '../../src/lib/features/feedback/rules/scores';
import {
	entitiesOf,
	entityOf,
	readCustomer,
	type RecordMap
} from '../../src/lib/crdt/workspace-doc';
import { customer, memberContext } from './helpers';
import {
	answersFromDraft,
	checkAnswers,
	missingAnswers,
	questionText,
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
		for (const junk of ['', '.', 'abc', 'a.b.c', '!!!.???', 'x'.repeat(40_000)])
			expect(await readAnswerCode(junk, () => link)).toMatchObject({
				ok: false,
				reason: 'garbled'
			});
	});

	it('carry the largest survey there and its longest answers back', async () => {
		const questions: SurveyQuestion[] = Array.from({ length: 12 }, (_, i) => ({
			id: `question-${i}`,
			type: i % 2 === 0 ? 'text' : 'multi',
			text: { en: 'w'.repeat(200), 'zh-CN': '字'.repeat(200) },
			options: i % 2 === 0 ? [] : Array.from({ length: 10 }, (_, o) => `${o}${'选'.repeat(59)}`),
			required: false
		}));
		const biggest = { ...link, questions };
		expect(validateSurvey({ name: 'x', questions })).toEqual({});
		expect(decodeInvitation(encodeInvitation(biggest))).toEqual(biggest);
		const answers = Object.fromEntries(
			questions.map((question) => [
				question.id,
				question.type === 'text' ? '长'.repeat(500) : question.options
			])
		);
		const read = await readAnswerCode(await answerCode(biggest, answers), () => biggest);
		expect(read).toEqual({ ok: true, invitation: link.invitation, answers });
	});

	it('refuse a link that is not one', () => {
		for (const junk of ['', '#', '#%%%', '#' + 'A'.repeat(50_000), '#eyJ2IjoyfQ'])
			expect(decodeInvitation(junk)).toBeNull();
		const noQuestions = encodeInvitation({ ...link, questions: [] });
		expect(decodeInvitation(noQuestions)).toBeNull();
	});
});

describe('responses recorded in the shop', () => {
	const WORDS = { nps: 'NPS', csat: 'CSAT' };
	function shop(ctx = memberContext()) {
		const buyer = createCustomer(ctx, customer({ name: 'Li Na' }));
		const survey = createSurvey(ctx, { name: 'After a visit', questions: QUESTIONS });
		if (!buyer.ok || !survey.ok) throw new Error('setup');
		return { ctx, customerId: buyer.value, surveyId: survey.value };
	}
	const responsesOf = (ctx: ReturnType<typeof memberContext>) =>
		[...ctx.ws.doc.getMap(RESPONSES_ROOT).entries()]
			.map(([id, value]) => readResponse(id, value))
			.filter((row) => row !== null);

	it('ten answers at the counter (three 0–6, two 7–8, five 9–10) give NPS 20', () => {
		const { ctx, customerId, surveyId } = shop();
		for (const score of [0, 5, 6, 7, 8, 9, 9, 10, 10, 9])
			expect(
				recordResponse(ctx, surveyId, customerId, { 'q-nps-0001': score }, 'counter', '', WORDS).ok
			).toBe(true);
		const scores = responsesOf(ctx).map((row) => row.answers['q-nps-0001'] as number);
		expect(nps(scores).score).toBe(20);
	});

	it('records a code once however often it is pasted, on one device or two', async () => {
		const { ctx: a, customerId, surveyId } = shop(memberContext('member-a'));
		const invited = inviteToSurvey(a, surveyId, customerId, '');
		if (!invited.ok) throw new Error('no invitation');
		const b = memberContext('member-b');
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		const stored = readInvitation(
			invited.value.invitationId,
			a.ws.doc.getMap(INVITATIONS_ROOT).get(invited.value.invitationId)
		)!;
		const code = await answerCode(
			{
				invitation: stored.id,
				token: stored.token,
				shop: '',
				language: 'en',
				questions: QUESTIONS
			},
			{ 'q-nps-0001': 10 }
		);
		const read = await readAnswerCode(code, (id) =>
			id === stored.id ? { token: stored.token, questions: QUESTIONS } : null
		);
		if (!read.ok) throw new Error('code refused');
		const record = (ctx: typeof a) =>
			recordResponse(ctx, surveyId, customerId, read.answers, 'link', read.invitation, WORDS);
		expect(record(a)).toMatchObject({ ok: true, value: { duplicate: false } });
		expect(record(a)).toMatchObject({ ok: true, value: { duplicate: true } });
		expect(record(b)).toMatchObject({ ok: true, value: { duplicate: false } });
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		for (const device of [a, b]) expect(responsesOf(device)).toHaveLength(1);
	});

	it('opens a complaint for a detractor, saying the score and the written answer', () => {
		const { ctx, customerId, surveyId } = shop();
		const answered = recordResponse(
			ctx,
			surveyId,
			customerId,
			{ 'q-nps-0001': 3, 'q-text-003': '等了很久' },
			'paper',
			'',
			WORDS
		);
		if (!answered.ok) throw new Error('refused');
		const complaint = readFeedback(
			answered.value.complaintId,
			entityOf(ctx.ws.doc.getMap(FEEDBACK_ROOT), answered.value.complaintId) as RecordMap
		);
		expect(complaint).toMatchObject({
			kind: 'complaint',
			channel: 'survey',
			customerId,
			description: 'NPS 3 · 等了很久'
		});
		// A promoter opens none.
		const happy = recordResponse(
			ctx,
			surveyId,
			customerId,
			{ 'q-nps-0001': 10 },
			'counter',
			'',
			WORDS
		);
		expect(happy).toMatchObject({ ok: true, value: { complaintId: '' } });
	});

	it('refuses answers that do not fit, and an invitation of someone else', () => {
		const { ctx, customerId, surveyId } = shop();
		expect(
			recordResponse(ctx, surveyId, customerId, { 'q-nps-0001': 12 }, 'counter', '', WORDS)
		).toMatchObject({ ok: false, reason: 'invalid' });
		const other = createCustomer(ctx, customer({ name: 'Wang Fang' }));
		const invited = inviteToSurvey(ctx, surveyId, customerId, '');
		if (!other.ok || !invited.ok) throw new Error('setup');
		expect(
			recordResponse(
				ctx,
				surveyId,
				other.value,
				{ 'q-nps-0001': 9 },
				'link',
				invited.value.invitationId,
				WORDS
			)
		).toMatchObject({ ok: false, reason: 'notFound' });
		expect(responsesOf(ctx)).toEqual([]);
	});
});

describe('a survey form as filled in', () => {
	it('shows each question in the chosen language, or the other when only that was given', () => {
		expect(questionText(QUESTIONS[0]!, 'zh-CN')).toBe('您有多大可能向朋友推荐我们？');
		expect(questionText(QUESTIONS[1]!, 'zh-CN')).toBe('What did you buy?');
		expect(questionText(QUESTIONS[2]!, 'en')).toBe('还有什么建议？');
	});

	it('gives scores as numbers, choices in the survey’s order, words trimmed, blanks left out', () => {
		const draft = { 'q-nps-0001': '0', 'q-tea-0002': ['Green', 'Oolong'], 'q-text-003': '  ' };
		const answers = answersFromDraft(QUESTIONS, draft);
		expect(answers).toEqual({ 'q-nps-0001': 0, 'q-tea-0002': ['Oolong', 'Green'] });
		expect(checkAnswers(QUESTIONS, answers)).toEqual(answers);
		expect(answersFromDraft(QUESTIONS, { 'q-text-003': ' more tea ' })).toEqual({
			'q-text-003': 'more tea'
		});
	});

	it('names the required questions left blank, and none once they are answered', () => {
		expect(missingAnswers(QUESTIONS, {})).toEqual(['q-nps-0001']);
		expect(missingAnswers(QUESTIONS, { 'q-nps-0001': '' })).toEqual(['q-nps-0001']);
		expect(missingAnswers(QUESTIONS, { 'q-nps-0001': '10' })).toEqual([]);
	});
});

describe('answers given at the counter', () => {
	const WORDS = { nps: 'NPS', csat: 'CSAT' };
	function counter() {
		const ctx = memberContext();
		createCustomer(ctx, customer({ name: 'Li Na', phone: '13800138000' }));
		createCustomer(
			ctx,
			customer({ name: 'Zhao Lei', phone: '021 6234 5678', otherPhones: '139 0013 9000' })
		);
		const survey = createSurvey(ctx, { name: 'At the till', questions: QUESTIONS });
		if (!survey.ok) throw new Error('setup');
		const people = () =>
			[...entitiesOf(ctx.ws.customers)].map(([id, map]) => readCustomer(id, map));
		return { ctx, surveyId: survey.value, people };
	}

	it('go to the customer with that number, however it is written, or one of their others', () => {
		const { ctx, surveyId, people } = counter();
		const li = people().find((person) => person.name === 'Li Na')!;
		const zhao = people().find((person) => person.name === 'Zhao Lei')!;
		const first = answerAtCounter(
			ctx,
			surveyId,
			{ phone: '+86 138-0013-8000', name: '' },
			{ 'q-nps-0001': 9 },
			WORDS
		);
		expect(first).toEqual({
			ok: true,
			value: { customerId: li.id, created: false, complaintId: '' }
		});
		const second = answerAtCounter(
			ctx,
			surveyId,
			{ phone: '13900139000', name: 'ignored' },
			{ 'q-nps-0001': 10 },
			WORDS
		);
		expect(second.ok && second.value.customerId).toBe(zhao.id);
		expect(people()).toHaveLength(2);
	});

	it('ask the name of a number the shop does not know, then sign the person up as a walk-in lead', () => {
		const { ctx, surveyId, people } = counter();
		const unknown = { phone: '137 0000 1111', name: '' };
		expect(answerAtCounter(ctx, surveyId, unknown, { 'q-nps-0001': 3 }, WORDS)).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { name: 'survey.kiosk.nameNeeded' }
		});
		const answered = answerAtCounter(
			ctx,
			surveyId,
			{ ...unknown, name: 'Sun Yue' },
			{ 'q-nps-0001': 3 },
			WORDS
		);
		if (!answered.ok) throw new Error('refused');
		expect(answered.value.created).toBe(true);
		// A detractor: the complaint opens on the new lead.
		expect(answered.value.complaintId).not.toBe('');
		const sun = people().find((person) => person.id === answered.value.customerId)!;
		// Consent is not asked at the counter (the kiosk's sign-up form asks it).
		expect(sun).toMatchObject({
			name: 'Sun Yue',
			stage: 'lead',
			source: 'walk_in',
			consent: 'unknown'
		});
		const responses = [...ctx.ws.doc.getMap(RESPONSES_ROOT).entries()].map(([id, value]) =>
			readResponse(id, value)
		);
		expect(responses).toEqual([
			expect.objectContaining({ customerId: sun.id, channel: 'counter', invitationId: '' })
		]);
	});

	it('from two devices apart for one new number make two leads with that phone, both answers standing', () => {
		const a = counter();
		const b = memberContext('member-b');
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ctx.ws.doc));
		const who = { phone: '137 0000 2222', name: 'Sun Yue' };
		const onA = answerAtCounter(a.ctx, a.surveyId, who, { 'q-nps-0001': 9 }, WORDS);
		const onB = answerAtCounter(b, a.surveyId, who, { 'q-nps-0001': 4 }, WORDS);
		if (!onA.ok || !onB.ok) throw new Error('refused');
		Y.applyUpdate(a.ctx.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ctx.ws.doc));
		// Neither knew of the other's lead: two, which the duplicates screen offers to merge.
		const suns = a.people().filter((person) => person.name === 'Sun Yue');
		expect(suns.map((person) => person.id).sort()).toEqual(
			[onA.value.customerId, onB.value.customerId].sort()
		);
		expect(a.ctx.ws.doc.getMap(RESPONSES_ROOT).size).toBe(2);
		expect(b.ws.doc.getMap(RESPONSES_ROOT).toJSON()).toEqual(
			a.ctx.ws.doc.getMap(RESPONSES_ROOT).toJSON()
		);
	});

	it('refuse a phone that cannot be one, and answers that do not fit, writing nothing', () => {
		const { ctx, surveyId, people } = counter();
		expect(
			answerAtCounter(ctx, surveyId, { phone: 'call me', name: 'X' }, { 'q-nps-0001': 3 }, WORDS)
		).toMatchObject({ ok: false, errors: { phone: 'survey.kiosk.phoneInvalid' } });
		expect(
			answerAtCounter(
				ctx,
				surveyId,
				{ phone: '13800138000', name: '' },
				{ 'q-nps-0001': 11 },
				WORDS
			)
		).toMatchObject({ ok: false, errors: { answers: 'feedback.errors.answers' } });
		expect(people()).toHaveLength(2);
		expect(ctx.ws.doc.getMap(RESPONSES_ROOT).size).toBe(0);
	});
});

describe('the feedback figures the worker keeps', () => {
	it('are worked out again once the doc changes, and not before', async () => {
		const { feedbackFiguresOf } = await import('../../src/lib/features/feedback/feedback-figures');
		const ctx = memberContext();
		const buyer = createCustomer(ctx, customer({ name: 'Li Na' }));
		const survey = createSurvey(ctx, { name: 'After a visit', questions: QUESTIONS });
		if (!buyer.ok || !survey.ok) throw new Error('setup');
		const WORDS = { nps: 'NPS', csat: 'CSAT' };
		const period = { from: 0, until: Date.now() + 60_000 };
		recordResponse(ctx, survey.value, buyer.value, { 'q-nps-0001': 10 }, 'paper', '', WORDS);
		const first = feedbackFiguresOf(ctx.ws, period);
		expect(first.nps.score).toBe(100);
		expect(feedbackFiguresOf(ctx.ws, period)).toBe(first);
		// A change they are not made of (the shop's settings) keeps them.
		ctx.ws.doc.transact(() => ctx.ws.meta.set('currency', 'CNY'));
		expect(feedbackFiguresOf(ctx.ws, period)).toBe(first);
		recordResponse(ctx, survey.value, buyer.value, { 'q-nps-0001': 0 }, 'paper', '', WORDS);
		const second = feedbackFiguresOf(ctx.ws, period);
		expect(second.nps).toMatchObject({ responses: 2, score: 0 });
	});
});
