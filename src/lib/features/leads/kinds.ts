import type { TableKind } from '../../core/record-kind';
import { isMoment, plainFields, textField } from '../../core/stored-values';
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

/** A stored lead decision as its row; anything else is none. */
export function readLeadEvent(id: string, stored: unknown): LeadEventRow | null {
	const fields = plainFields(stored);
	if (!fields) return null;
	const kind = LEAD_EVENT_KINDS.find((known) => known === fields['kind']);
	const customerId = textField(fields, 'customerId', 40);
	const at = fields['at'];
	if (!kind || !customerId || !isMoment(at)) return null;
	return {
		id,
		customerId,
		kind,
		at,
		by: textField(fields, 'by', 80),
		ref: textField(fields, 'ref', 40),
		reason: textField(fields, 'reason', 40),
		note: textField(fields, 'note', MAX_LEAD_NOTE)
	};
}

/** A stored consent decision as its row; anything else is none. */
export function readConsent(id: string, stored: unknown): ConsentRow | null {
	const fields = plainFields(stored);
	if (!fields) return null;
	const purpose = CONSENT_PURPOSES.find((known) => known === fields['purpose']);
	const decision = CONSENT_DECISIONS.find((known) => known === fields['decision']);
	const method = CONSENT_WAYS.find((known) => known === fields['method']);
	const customerId = textField(fields, 'customerId', 40);
	const at = fields['at'];
	if (!purpose || !decision || !method || !customerId || !isMoment(at)) return null;
	return {
		id,
		customerId,
		purpose,
		decision,
		at,
		method,
		by: textField(fields, 'by', 80),
		text: textField(fields, 'text', MAX_CONSENT_TEXT)
	};
}

/** Leads' decisions (assigned, discarded, qualified…), only ever added. */
export const leadEventKind: TableKind<LeadEventRow> = {
	root: LEAD_EVENTS_ROOT,
	storage: 'value',
	read: readLeadEvent,
	personal: { about: 'customer', customerOf: (event) => event.customerId },
	table: { name: 'leadEvents', schema: 'id, customerId', version: 1 }
};

/** Consent to marketing per purpose, as given, only ever added. */
export const consentKind: TableKind<ConsentRow> = {
	root: CONSENTS_ROOT,
	storage: 'value',
	read: readConsent,
	personal: { about: 'customer', customerOf: (consent) => consent.customerId },
	table: { name: 'consents', schema: 'id, customerId', version: 1 },
	summary: 'consents'
};
