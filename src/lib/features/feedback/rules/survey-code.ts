/**
 * A survey that needs no server: the link carries the questions (in its #fragment, which a
 * static host never sees) with the invitation's id and a secret token; the customer's phone
 * answers offline and shows the answers as a short code, signed with that token (HMAC-SHA-256),
 * which the shop pastes or scans. A code whose signature does not match its invitation's token
 * — forged, edited, garbled — is refused whole. Everything read is bounded and checked before
 * anything else looks at it: the link and the code are a stranger's text.
 */
import { fromBase64, toBase64Url } from '../../../domain/base64';
import { checkAnswers, type Answers, type SurveyQuestion } from './survey';
import { readSurveyQuestions } from './survey-records';

/**
 * The largest link fragment and answer code read: room for the largest survey (12 questions of
 * 200 characters in each language with 10 choices, in Chinese) and for its longest answers (12
 * written answers of 500 characters), and no more.
 */
export const MAX_LINK_PAYLOAD = 48_000;
export const MAX_CODE = 32_000;
/** Beyond this a QR code cannot hold the text, and some messaging apps cut a link. */
export const LONG_TEXT = 2_000;
/** Bytes of the signature kept in a code: 96 bits, far beyond guessing. */
const SIGNATURE_BYTES = 12;

export interface SurveyInvitationLink {
	/** The invitation's id, which the answer names. */
	invitation: string;
	/** The invitation's secret, which signs the answer. */
	token: string;
	shop: string;
	language: 'en' | 'zh-CN';
	questions: SurveyQuestion[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function fromBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
	try {
		return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
	} catch {
		return null;
	}
}

function parseJson(text: string): unknown {
	const bytes = fromBase64Url(text);
	if (!bytes) return null;
	try {
		return JSON.parse(decoder.decode(bytes));
	} catch {
		return null;
	}
}

const isId = (value: unknown): value is string =>
	typeof value === 'string' && /^[A-Za-z0-9_-]{8,40}$/.test(value);

/** The link's fragment: the invitation, in base64url JSON. */
export function encodeInvitation(link: SurveyInvitationLink): string {
	return toBase64Url(
		encoder.encode(
			JSON.stringify({
				v: 1,
				i: link.invitation,
				k: link.token,
				s: link.shop,
				l: link.language,
				q: link.questions
			})
		)
	);
}

/** The invitation a link's fragment carries, or null when it is not one. */
export function decodeInvitation(fragment: string): SurveyInvitationLink | null {
	const text = fragment.replace(/^#/, '');
	if (text.length === 0 || text.length > MAX_LINK_PAYLOAD) return null;
	const value = parseJson(text);
	if (typeof value !== 'object' || value === null) return null;
	const v = value as Record<string, unknown>;
	if (v['v'] !== 1 || !isId(v['i']) || !isId(v['k'])) return null;
	// A link is all or nothing: one question not well-formed and it is none.
	const questions = readSurveyQuestions(v['q']);
	if (questions.length === 0 || !Array.isArray(v['q']) || questions.length !== v['q'].length)
		return null;
	return {
		invitation: v['i'],
		token: v['k'],
		shop: typeof v['s'] === 'string' ? v['s'].slice(0, 80) : '',
		language: v['l'] === 'zh-CN' ? 'zh-CN' : 'en',
		questions
	};
}

async function signature(token: string, body: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		encoder.encode(token),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
	return toBase64Url(mac.subarray(0, SIGNATURE_BYTES));
}

/** The code a customer's phone shows for their answers: `<answers>.<signature>`. */
export async function answerCode(link: SurveyInvitationLink, answers: Answers): Promise<string> {
	const body = toBase64Url(
		encoder.encode(JSON.stringify({ v: 1, i: link.invitation, a: answers }))
	);
	return `${body}.${await signature(link.token, body)}`;
}

/** What checks an answer code: its invitation's token and its survey's questions. */
export interface InvitationSecret {
	token: string;
	questions: SurveyQuestion[];
}

export type ReadCode =
	| { ok: true; invitation: string; answers: Answers }
	| { ok: false; reason: 'garbled' | 'unknown' | 'forged' };

/**
 * What a pasted or scanned code says, checked against its invitation (`invitationOf` gives its
 * token and questions, or null when the shop has none such; it may read them from storage).
 */
export async function readAnswerCode(
	code: string,
	invitationOf: (id: string) => InvitationSecret | null | Promise<InvitationSecret | null>
): Promise<ReadCode> {
	const text = code.replace(/\s+/g, '');
	if (text.length === 0 || text.length > MAX_CODE) return { ok: false, reason: 'garbled' };
	const [body, mac, ...rest] = text.split('.');
	if (!body || !mac || rest.length > 0) return { ok: false, reason: 'garbled' };
	const value = parseJson(body);
	if (typeof value !== 'object' || value === null) return { ok: false, reason: 'garbled' };
	const v = value as Record<string, unknown>;
	if (v['v'] !== 1 || !isId(v['i'])) return { ok: false, reason: 'garbled' };
	const invitation = await invitationOf(v['i']);
	if (!invitation) return { ok: false, reason: 'unknown' };
	if ((await signature(invitation.token, body)) !== mac) return { ok: false, reason: 'forged' };
	const answers = checkAnswers(invitation.questions, v['a']);
	// Signed with the right token, yet not answers to these questions: refused all the same.
	if (!answers) return { ok: false, reason: 'forged' };
	return { ok: true, invitation: v['i'], answers };
}
