import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../src/lib/domain/base64';
import {
	checkAnswers,
	type Answers,
	type SurveyQuestion
} from '../../../src/lib/features/feedback/rules/survey';
import {
	answerCode,
	decodeInvitation,
	encodeInvitation,
	MAX_CODE,
	readAnswerCode,
	type InvitationSecret,
	type SurveyInvitationLink
} from '../../../src/lib/features/feedback/rules/survey-code';
import { readSurveyQuestions } from '../../../src/lib/features/feedback/rules/survey-records';
import {
	createTeamSpace,
	inviteLink,
	parseInvite,
	type TeamSpace
} from '../../../src/lib/features/sync/team-space';
import { mutatedText, settings, timed } from './fuzz';

/**
 * The doors a stranger's text comes through: a survey link's fragment (opened on a customer's
 * phone), an answer code (pasted or scanned at the counter) and a team invite (link, QR or
 * pasted). Each reader answers null or a refusal with its reason for anything not well-formed,
 * never throws, in bounded time, and writes nothing (they are pure rules: the page records an
 * answer or joins a team only with what they return).
 */
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
const secret: InvitationSecret = { token: link.token, questions: QUESTIONS };
const known = (id: string) => (id === link.invitation ? secret : null);

let fragment: string;
let code: string;
const space: TeamSpace = createTeamSpace({
	signaling: ['wss://signal.example.com'],
	relay: 'wss://relay.example.com/y'
});
const invite = inviteLink('https://shop.example.com/app/', space);

beforeAll(async () => {
	fragment = encodeInvitation(link);
	code = await answerCode(link, {
		'q-nps-0001': 9,
		'q-tea-0002': ['Oolong'],
		'q-text-003': '很好'
	});
});

const encoded = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

function readsInvitation(text: string): void {
	const read = decodeInvitation(text);
	if (read === null) return;
	// What it gives is well-formed all through: the survey page shows it as it is.
	expect(readSurveyQuestions(read.questions)).toEqual(read.questions);
	expect(read.questions.length).toBeGreaterThan(0);
	expect(['en', 'zh-CN']).toContain(read.language);
}

async function readsCode(text: string): Promise<void> {
	const read = await timed(() => readAnswerCode(text, known));
	if (!read.ok) throw read.error;
	const result = read.value;
	if (!result.ok) expect(['garbled', 'unknown', 'forged']).toContain(result.reason);
	else expect(checkAnswers(QUESTIONS, result.answers)).toEqual(result.answers);
}

function readsInvite(text: string): void {
	const read = parseInvite(text);
	if (read === null) return;
	// What it gives is an invite the app would write again the same way.
	expect(parseInvite(inviteLink('https://x.test/', read))).toEqual(read);
	for (const url of [...read.signaling, ...(read.relay ? [read.relay] : [])]) {
		expect(url).toMatch(/^wss?:\/\//);
	}
}

describe('fuzzing survey links, answer codes and invites', { timeout: 60_000 }, () => {
	it('start from a link, a code and an invite the readers take whole', async () => {
		expect(decodeInvitation(fragment)).toEqual(link);
		expect(await readAnswerCode(code, known)).toMatchObject({ ok: true });
		expect(parseInvite(invite)).toEqual(space);
	});

	it('survey links: mutated, random and re-encoded with anything inside', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					mutatedText(fragment),
					fc.string({ maxLength: 200 }),
					fc
						.record(
							{
								v: fc.oneof(fc.constant(1), fc.anything({ maxDepth: 1 })),
								i: fc.oneof(fc.constant(link.invitation), fc.anything({ maxDepth: 1 })),
								k: fc.oneof(fc.constant(link.token), fc.anything({ maxDepth: 1 })),
								s: fc.anything({ maxDepth: 1 }),
								l: fc.oneof(fc.constantFrom('en', 'zh-CN'), fc.anything({ maxDepth: 1 })),
								q: fc.oneof(
									fc.constant<unknown>(QUESTIONS),
									fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 14 }),
									fc.anything({ maxDepth: 2 })
								)
							},
							{ requiredKeys: [] }
						)
						.map(encoded)
				),
				async (text) => {
					await timed(() => readsInvitation(text)).then((read) => {
						if (!read.ok) throw read.error;
					});
				}
			),
			settings(300)
		);
	});

	it('answer codes: mutated, random, and signed with the right token around any answers', async () => {
		const arbitraries: fc.Arbitrary<string>[] = [
			mutatedText(code),
			fc.string({ maxLength: 120 }),
			fc.string({ maxLength: 120 }).map((body) => `${encoded(body)}.${code.split('.')[1]}`)
		];
		await fc.assert(fc.asyncProperty(fc.oneof(...arbitraries), readsCode), settings(300));
		// Signed with the right token, codes reach what lies behind the signature: the answers'
		// own checks. fast-check maps synchronously, so these are sampled, signed, then read.
		const answers = fc.sample(
			fc.oneof(
				fc.dictionary(
					fc.constantFrom('q-nps-0001', 'q-tea-0002', 'q-text-003', 'other', '__proto__'),
					fc.anything({ maxDepth: 2 })
				),
				fc.anything({ maxDepth: 2 })
			),
			{ seed: settings(0).seed, numRuns: 200 }
		);
		// answerCode types its answers; these are deliberately anything at all.
		for (const given of answers) await readsCode(await answerCode(link, given as Answers));
	});

	it('an answer code as long as the reader takes, and longer, is read or refused at once', async () => {
		await readsCode('A'.repeat(MAX_CODE));
		await readsCode(`${'A'.repeat(MAX_CODE)}.x`);
		await readsCode('.'.repeat(MAX_CODE));
	});

	it('team invites: mutated links, random text and any parameters', async () => {
		const param = fc.oneof(
			fc.string({ maxLength: 60 }),
			fc.webUrl().map((url) => url.replace(/^http/, 'ws')),
			fc.constantFrom(space.roomId, space.secret, 'wss://a.test', 'javascript:alert(1)', '%', '')
		);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					mutatedText(invite),
					fc.string({ maxLength: 200 }),
					fc
						.array(
							fc.tuple(fc.constantFrom('v', 'room', 'key', 'signal', 'relay', 'other'), param),
							{ maxLength: 8 }
						)
						.map((pairs) => `https://x.test/sync/join#${new URLSearchParams(pairs).toString()}`)
				),
				async (text) => {
					const read = await timed(() => readsInvite(text));
					if (!read.ok) throw read.error;
				}
			),
			settings(300)
		);
	});
});
