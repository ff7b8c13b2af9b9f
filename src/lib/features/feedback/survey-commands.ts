import * as Y from 'yjs';
import type { CommandContext } from '../../core/command-context';
import { writeChangedFields } from '../../crdt/entity-writes';
import { newId } from '../../crdt/ids';
import { commandTime, stampCreated, stampUpdated } from '../../crdt/stamps';
import {
	entitiesOf,
	entityOf,
	isDeleted,
	liveCustomer,
	readCustomer
} from '../../crdt/workspace-doc';
import { toBase64Url } from '../../domain/base64';
import { emptyCustomerFields } from '../customers/rules/customer';
import { phoneDigits, phoneProblem } from '../customers/rules/phone';
import { arrive } from '../leads/lead-commands';
import { logFeedback } from './feedback-commands';
import { callsForComplaint } from './rules/scores';
import {
	checkAnswers,
	cleanOptions,
	complaintText,
	scoresOf,
	validateSurvey,
	type Answers,
	type ResponseChannel,
	type SurveyErrors,
	type SurveyFields
} from './rules/survey';
import {
	INVITATIONS_ROOT,
	readInvitation,
	readSurvey,
	RESPONSES_ROOT,
	SURVEYS_ROOT
} from './survey-kinds';

type NotFound = { ok: false; reason: 'notFound' };
type Result<T, E> = { ok: true; value: T } | { ok: false; reason: 'invalid'; errors: E } | NotFound;

const surveys = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(SURVEYS_ROOT);
const invitations = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(INVITATIONS_ROOT);
const responses = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(RESPONSES_ROOT);

function stored(fields: SurveyFields) {
	return {
		name: fields.name.trim(),
		questions: JSON.stringify(
			fields.questions.map((question) => ({
				...question,
				text: { en: question.text.en.trim(), 'zh-CN': question.text['zh-CN'].trim() },
				options:
					question.type === 'single' || question.type === 'multi'
						? cleanOptions(question.options)
						: []
			}))
		)
	};
}

export function createSurvey(
	ctx: CommandContext,
	fields: SurveyFields
): Result<string, SurveyErrors> {
	const errors = validateSurvey(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	const id = newId();
	ctx.ws.doc.transact(() => {
		const map = new Y.Map<unknown>();
		surveys(ctx).set(id, map);
		writeChangedFields(map, stored(fields));
		stampCreated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

/** Changes a survey's name and questions; answers already given keep their questions' ids. */
export function updateSurvey(
	ctx: CommandContext,
	id: string,
	fields: SurveyFields
): Result<string, SurveyErrors> {
	const map = entityOf(surveys(ctx), id);
	if (!map) return { ok: false, reason: 'notFound' };
	const errors = validateSurvey(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	ctx.ws.doc.transact(() => {
		writeChangedFields(map, stored(fields));
		stampUpdated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

/**
 * An invitation for a customer (after a purchase, if given), with a secret token of its own: the
 * link carries it to the customer's phone, and the code that comes back is signed with it.
 */
export function inviteToSurvey(
	ctx: CommandContext,
	surveyId: string,
	customerId: string,
	purchaseId: string
): Result<{ invitationId: string; token: string }, never> {
	const survey = entityOf(surveys(ctx), surveyId);
	if (!survey || !readSurvey(surveyId, survey) || !liveCustomer(ctx.ws, customerId))
		return { ok: false, reason: 'notFound' };
	const invitationId = newId();
	const token = toBase64Url(crypto.getRandomValues(new Uint8Array(18)));
	ctx.ws.doc.transact(() => {
		invitations(ctx).set(invitationId, {
			surveyId,
			customerId,
			purchaseId,
			token,
			at: commandTime(ctx),
			by: ctx.memberId
		});
	}, ctx.origin);
	return { ok: true, value: { invitationId, token } };
}

/** Words a complaint opened by a survey uses for its scores, in the shop's language. */
export interface ComplaintWords {
	nps: string;
	csat: string;
}

/**
 * Records a response: at the counter or from paper (`invitationId` ''), or an answer code
 * already checked against its invitation's token on the page. One per invitation: the response
 * is keyed by it, so a code pasted twice (or on two devices) is recorded once. A detractor's
 * answer or a CSAT of 1–2 opens a complaint in the same step.
 */
export function recordResponse(
	ctx: CommandContext,
	surveyId: string,
	customerId: string,
	answers: Answers,
	channel: ResponseChannel,
	invitationId: string,
	words: ComplaintWords
): Result<{ responseId: string; duplicate: boolean; complaintId: string }, { answers: string }> {
	const surveyMap = entityOf(surveys(ctx), surveyId);
	const survey = surveyMap ? readSurvey(surveyId, surveyMap) : null;
	if (!survey) return { ok: false, reason: 'notFound' };
	let purchaseId = '';
	if (invitationId) {
		const invitation = readInvitation(invitationId, invitations(ctx).get(invitationId));
		if (!invitation || invitation.surveyId !== surveyId || invitation.customerId !== customerId)
			return { ok: false, reason: 'notFound' };
		purchaseId = invitation.purchaseId;
		if (responses(ctx).has(invitationId))
			return { ok: true, value: { responseId: invitationId, duplicate: true, complaintId: '' } };
	}
	if (!liveCustomer(ctx.ws, customerId)) return { ok: false, reason: 'notFound' };
	const kept = checkAnswers(survey.questions, answers);
	if (!kept)
		return { ok: false, reason: 'invalid', errors: { answers: 'feedback.errors.answers' } };
	const responseId = invitationId || newId();
	let complaintId = '';
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		responses(ctx).set(responseId, {
			surveyId,
			customerId,
			purchaseId,
			invitationId,
			answers: JSON.stringify(kept),
			channel,
			at,
			by: ctx.memberId
		});
		if (callsForComplaint(scoresOf(survey.questions, kept))) {
			const logged = logFeedback(ctx, {
				kind: 'complaint',
				channel: 'survey',
				customerId,
				purchaseId,
				products: [],
				severity: 'medium',
				description: complaintText(survey.questions, kept, words),
				ownerId: '',
				receivedAt: at
			});
			if (logged.ok) complaintId = logged.value;
		}
	}, ctx.origin);
	return { ok: true, value: { responseId, duplicate: false, complaintId } };
}

/** Who answered at the counter: their phone, and their name when the shop does not know it. */
export interface CounterAnswerer {
	phone: string;
	name: string;
}

/**
 * Answers given on the shop's own device in kiosk mode. The phone finds the customer (any of
 * their numbers); a number the shop does not know needs a name, and the person arrives as a
 * walk-in lead in the same step — no consent asked, none given.
 */
export function answerAtCounter(
	ctx: CommandContext,
	surveyId: string,
	who: CounterAnswerer,
	answers: Answers,
	words: ComplaintWords
): Result<
	{ customerId: string; created: boolean; complaintId: string },
	{ phone?: string; name?: string; answers?: string }
> {
	const surveyMap = entityOf(surveys(ctx), surveyId);
	const survey = surveyMap ? readSurvey(surveyId, surveyMap) : null;
	if (!survey) return { ok: false, reason: 'notFound' };
	if (!checkAnswers(survey.questions, answers))
		return { ok: false, reason: 'invalid', errors: { answers: 'feedback.errors.answers' } };
	const digits = phoneDigits(who.phone);
	if (!who.phone.trim() || phoneProblem(who.phone) !== null || digits.length < 5)
		return { ok: false, reason: 'invalid', errors: { phone: 'survey.kiosk.phoneInvalid' } };
	let customerId = customerWithPhone(ctx, digits);
	const created = customerId === null;
	if (customerId === null && !who.name.trim())
		return { ok: false, reason: 'invalid', errors: { name: 'survey.kiosk.nameNeeded' } };
	let outcome: ReturnType<typeof answerAtCounter> = { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => {
		if (customerId === null) {
			const arrived = arrive(
				ctx,
				{
					...emptyCustomerFields(),
					name: who.name.trim(),
					phone: who.phone.trim(),
					stage: 'lead',
					source: 'walk_in'
				},
				'kiosk',
				() => {}
			);
			if (!arrived.ok) {
				outcome = { ok: false, reason: 'invalid', errors: { name: 'survey.kiosk.nameNeeded' } };
				return;
			}
			customerId = arrived.value;
		}
		const recorded = recordResponse(ctx, surveyId, customerId, answers, 'counter', '', words);
		outcome = recorded.ok
			? { ok: true, value: { customerId, created, complaintId: recorded.value.complaintId } }
			: recorded;
	}, ctx.origin);
	return outcome;
}

/** The customer (not deleted) with this number as their phone or one of their others. */
function customerWithPhone(ctx: CommandContext, digits: string): string | null {
	let other: string | null = null;
	for (const [id, map] of entitiesOf(ctx.ws.customers)) {
		if (isDeleted(map)) continue;
		const customer = readCustomer(id, map);
		if (phoneDigits(customer.phone) === digits) return id;
		if (
			other === null &&
			customer.otherPhones.split(',').some((phone) => phone.trim() && phoneDigits(phone) === digits)
		)
			other = id;
	}
	return other;
}
