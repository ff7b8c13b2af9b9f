import type { TableKind } from '../../core/record-kind';
import {
	CONSENT_DECISIONS,
	CONSENT_PURPOSES,
	CONSENT_WAYS,
	MAX_CONSENT_TEXT,
	type ConsentRow
} from './rules/consent';
import { LEAD_EVENT_KINDS, MAX_LEAD_NOTE, type LeadEventRow } from './rules/lead-records';

export const LEAD_EVENTS_ROOT = 'leadEvents';
export const CONSENTS_ROOT = 'consents';

/** The largest moment a Date holds: beyond it (or NaN) a value is no moment. */
const MAX_MOMENT = 8.64e15;
const isMoment = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_MOMENT;

function fieldsOf(stored: unknown): Record<string, unknown> | null {
	return typeof stored === 'object' && stored !== null && !Array.isArray(stored)
		? (stored as Record<string, unknown>)
		: null;
}

const textIn = (fields: Record<string, unknown>, key: string, max: number) =>
	typeof fields[key] === 'string' ? fields[key].slice(0, max) : '';

/** A stored lead decision as its row; anything else is none. */
export function readLeadEvent(id: string, stored: unknown): LeadEventRow | null {
	const fields = fieldsOf(stored);
	if (!fields) return null;
	const kind = LEAD_EVENT_KINDS.find((known) => known === fields['kind']);
	const customerId = textIn(fields, 'customerId', 40);
	const at = fields['at'];
	if (!kind || !customerId || !isMoment(at)) return null;
	return {
		id,
		customerId,
		kind,
		at,
		by: textIn(fields, 'by', 80),
		ref: textIn(fields, 'ref', 40),
		reason: textIn(fields, 'reason', 40),
		note: textIn(fields, 'note', MAX_LEAD_NOTE)
	};
}

/** A stored consent decision as its row; anything else is none. */
export function readConsent(id: string, stored: unknown): ConsentRow | null {
	const fields = fieldsOf(stored);
	if (!fields) return null;
	const purpose = CONSENT_PURPOSES.find((known) => known === fields['purpose']);
	const decision = CONSENT_DECISIONS.find((known) => known === fields['decision']);
	const method = CONSENT_WAYS.find((known) => known === fields['method']);
	const customerId = textIn(fields, 'customerId', 40);
	const at = fields['at'];
	if (!purpose || !decision || !method || !customerId || !isMoment(at)) return null;
	return {
		id,
		customerId,
		purpose,
		decision,
		at,
		method,
		by: textIn(fields, 'by', 80),
		text: textIn(fields, 'text', MAX_CONSENT_TEXT)
	};
}

/** Leads' decisions (assigned, discarded, qualified…), only ever added. */
export const leadEventKind: TableKind<LeadEventRow> = {
	root: LEAD_EVENTS_ROOT,
	storage: 'value',
	read: readLeadEvent,
	table: { name: 'leadEvents', schema: 'id, customerId', version: 1 }
};

/** Consent to marketing per purpose, as given, only ever added. */
export const consentKind: TableKind<ConsentRow> = {
	root: CONSENTS_ROOT,
	storage: 'value',
	read: readConsent,
	table: { name: 'consents', schema: 'id, customerId', version: 1 },
	summary: 'consents'
};
