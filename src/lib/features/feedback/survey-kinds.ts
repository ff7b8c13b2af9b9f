import type { TableKind } from '../../core/record-kind';
import { isMoment, plainFields, textField } from '../../core/stored-values';
import { str, type RecordMap } from '../../crdt/workspace-doc';
import {
	readSurveyQuestions,
	RESPONSE_CHANNELS,
	type Answers,
	type InvitationRow,
	type ResponseRow,
	type SurveyRow
} from './rules/survey-records';

export const SURVEYS_ROOT = 'surveys';
export const INVITATIONS_ROOT = 'surveyInvitations';
export const RESPONSES_ROOT = 'surveyResponses';

const textIn = (fields: Record<string, unknown>, key: string, max = 80) =>
	textField(fields, key, max);

export function readSurvey(id: string, map: RecordMap): SurveyRow | null {
	const name = str(map, 'name').slice(0, 80);
	const questions = readSurveyQuestions(map.get('questions'));
	if (!name || questions.length === 0) return null;
	const created = map.get('createdAt');
	return { id, name, questions, createdAt: isMoment(created) ? created : 0 };
}

export function readInvitation(id: string, stored: unknown): InvitationRow | null {
	const v = plainFields(stored);
	if (!v || !isMoment(v['at'])) return null;
	const row = {
		id,
		surveyId: textIn(v, 'surveyId'),
		customerId: textIn(v, 'customerId'),
		purchaseId: textIn(v, 'purchaseId'),
		token: textIn(v, 'token'),
		at: v['at'],
		by: textIn(v, 'by')
	};
	return row.surveyId && row.customerId && row.token.length >= 16 ? row : null;
}

/** Answers as stored (JSON text); what they answer is checked against the survey when read. */
function readAnswers(value: unknown): Answers | null {
	if (typeof value !== 'string' || value.length > 20_000) return null;
	try {
		const parsed: unknown = JSON.parse(value);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
			? (parsed as Answers)
			: null;
	} catch {
		return null;
	}
}

export function readResponse(id: string, stored: unknown): ResponseRow | null {
	const v = plainFields(stored);
	if (!v || !isMoment(v['at'])) return null;
	const answers = readAnswers(v['answers']);
	const channel = RESPONSE_CHANNELS.find((known) => known === v['channel']);
	const surveyId = textIn(v, 'surveyId');
	const customerId = textIn(v, 'customerId');
	if (!answers || !channel || !surveyId || !customerId) return null;
	return {
		id,
		surveyId,
		customerId,
		purchaseId: textIn(v, 'purchaseId'),
		invitationId: textIn(v, 'invitationId'),
		answers,
		channel,
		at: v['at'],
		by: textIn(v, 'by')
	};
}

export const surveyKind: TableKind<SurveyRow> = {
	root: SURVEYS_ROOT,
	storage: 'entity',
	read: (id, map) => readSurvey(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'surveys', schema: 'id, name', version: 1 },
	summary: 'surveys'
};

export const invitationKind: TableKind<InvitationRow> = {
	root: INVITATIONS_ROOT,
	storage: 'value',
	read: readInvitation,
	personal: {
		about: 'customer',
		customerOf: (invitation) => invitation.customerId,
		// The secret its link is signed with: the shop's, and it would let anyone answer again.
		withheld: ['token']
	},
	table: { name: 'surveyInvitations', schema: 'id, customerId, surveyId', version: 1 }
};

export const responseKind: TableKind<ResponseRow> = {
	root: RESPONSES_ROOT,
	storage: 'value',
	read: readResponse,
	personal: { about: 'customer', customerOf: (response) => response.customerId },
	table: { name: 'surveyResponses', schema: 'id, customerId, surveyId, at', version: 1 },
	summary: 'surveyResponses'
};
