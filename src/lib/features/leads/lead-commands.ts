import type { CommandContext } from '../../core/command-context';
import { newId } from '../../crdt/ids';
import { commandTime } from '../../crdt/stamps';
import { liveCustomer } from '../../crdt/workspace-doc';
import { localDateKey } from '../../domain/dates';
import { issueCoupons } from '../coupons/coupon-commands';
import { issuedCodes } from '../coupons/coupon-records';
import { createCustomer, updateCustomer } from '../customers/customer-commands';
import {
	emptyCustomerFields,
	type CustomerFields,
	type FieldErrors
} from '../customers/rules/customer';
import { createDeal } from '../deals/deal-commands';
import type { DealErrors, DealFields } from '../deals/rules/deal';
import { writeEntry } from '../loyalty/purchase-points';
import { loyaltySettingsOf } from '../loyalty/loyalty-reads';
import { CONSENTS_ROOT, LEAD_EVENTS_ROOT } from './kinds';
import { KIOSK_LEADS_KEY } from './leads-keys';
import {
	KIOSK_PURPOSES,
	MAX_CONSENT_TEXT,
	type ConsentDecision,
	type ConsentPurpose,
	type ConsentWay
} from './rules/consent';
import {
	consentTextFor,
	readKioskSettings,
	validateKioskSettings,
	type KioskSettings,
	type KioskSettingsErrors,
	type WalkInAnswers,
	type WalkInWelcome
} from './rules/kiosk';
import {
	DISCARD_REASONS,
	MAX_LEAD_NOTE,
	type LeadEventKind,
	type LeadVia,
	type NewLeadFields
} from './rules/lead';

type Result<T, E> = { ok: true; value: T } | { ok: false; reason: 'invalid'; errors: E } | NotFound;
type NotFound = { ok: false; reason: 'notFound' };

function addLeadEvent(
	ctx: CommandContext,
	customerId: string,
	kind: LeadEventKind,
	{ ref = '', reason = '', note = '' } = {}
): string {
	const id = newId();
	ctx.ws.doc.getMap<unknown>(LEAD_EVENTS_ROOT).set(id, {
		customerId,
		kind,
		at: commandTime(ctx),
		by: ctx.memberId,
		ref,
		reason,
		note
	});
	return id;
}

function decide(
	ctx: CommandContext,
	customerId: string,
	kind: LeadEventKind,
	details: { ref?: string; reason?: string; note?: string } = {}
): Result<string, Record<string, string>> {
	if (!liveCustomer(ctx.ws, customerId)) return { ok: false, reason: 'notFound' };
	let id = '';
	ctx.ws.doc.transact(() => (id = addLeadEvent(ctx, customerId, kind, details)), ctx.origin);
	return { ok: true, value: id };
}

/** Gives a lead to a member to follow up ('' = nobody). */
export const assignLead = (ctx: CommandContext, customerId: string, ownerId: string) =>
	decide(ctx, customerId, 'assign', { ref: ownerId });

/** Sets a lead aside with a reason; the customer stays, and the lead can be reopened. */
export function discardLead(
	ctx: CommandContext,
	customerId: string,
	reason: string,
	note: string
): Result<string, { reason?: string; note?: string }> {
	const why = DISCARD_REASONS.find((known) => known === reason);
	const said = note.trim();
	if (!why) return { ok: false, reason: 'invalid', errors: { reason: 'validation.required' } };
	if (why === 'other' && !said)
		return { ok: false, reason: 'invalid', errors: { note: 'leads.errors.sayWhy' } };
	if (said.length > MAX_LEAD_NOTE)
		return { ok: false, reason: 'invalid', errors: { note: 'validation.tooLong' } };
	return decide(ctx, customerId, 'discard', { reason: why, note: said });
}

export const reopenLead = (ctx: CommandContext, customerId: string) =>
	decide(ctx, customerId, 'reopen');

/** The shopkeeper says a lead and a customer sharing a phone are two people. */
export function keepLeadApart(ctx: CommandContext, customerId: string, otherId: string) {
	if (!liveCustomer(ctx.ws, otherId)) return { ok: false, reason: 'notFound' } as const;
	return decide(ctx, customerId, 'keepApart', { ref: otherId });
}

/**
 * Makes a deal of a lead, in one step: the deal, the customer moved on from the lead stage to
 * prospect (a later stage stays), and the lead marked qualified.
 */
export function qualifyLead(
	ctx: CommandContext,
	customerId: string,
	fields: DealFields
): Result<string, DealErrors> {
	const customer = liveCustomer(ctx.ws, customerId);
	if (!customer) return { ok: false, reason: 'notFound' };
	let result: Result<string, DealErrors> = { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => {
		const deal = createDeal(ctx, { ...fields, customerId });
		if (!deal.ok) {
			result = deal;
			return;
		}
		if (customer.stage === 'lead') updateCustomer(ctx, customerId, { stage: 'prospect' });
		addLeadEvent(ctx, customerId, 'qualify', { ref: deal.value });
		result = deal;
	}, ctx.origin);
	return result;
}

/** A new customer at the lead stage, with who follows it up. */
export function addLead(ctx: CommandContext, fields: NewLeadFields): Result<string, FieldErrors> {
	return arrive(
		ctx,
		{
			...emptyCustomerFields(),
			name: fields.name,
			phone: fields.phone,
			source: fields.source,
			notes: fields.notes,
			stage: 'lead'
		},
		'typed',
		(id) => {
			if (fields.ownerId) addLeadEvent(ctx, id, 'assign', { ref: fields.ownerId });
		}
	);
}

export function arrive(
	ctx: CommandContext,
	fields: CustomerFields,
	via: LeadVia,
	andThen: (id: string) => void
): Result<string, FieldErrors> {
	let result: Result<string, FieldErrors> = { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => {
		const created = createCustomer(ctx, fields);
		if (!created.ok) {
			result = created.reason === 'invalid' ? created : { ok: false, reason: 'notFound' };
			return;
		}
		addLeadEvent(ctx, created.value, 'arrived', { reason: via });
		andThen(created.value);
		result = created;
	}, ctx.origin);
	return result;
}

export function setKioskSettings(
	ctx: CommandContext,
	settings: KioskSettings
): Result<null, KioskSettingsErrors> {
	const clean = readKioskSettings(settings);
	const errors = validateKioskSettings({
		...clean,
		welcome: { ...clean.welcome, ...settings.welcome }
	});
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	ctx.ws.doc.transact(
		() =>
			ctx.ws.meta.set(KIOSK_LEADS_KEY, {
				...clean,
				fields: [...clean.fields],
				customFields: [...clean.customFields],
				consentText: { ...clean.consentText },
				welcome: { ...clean.welcome }
			}),
		ctx.origin
	);
	return { ok: true, value: null };
}

/**
 * Signs a walk-in up from the kiosk, in one step: a customer at the lead stage from a walk-in,
 * a decision per purpose asked (agreed or declined) with the time, the method "kiosk" and the
 * words shown, and the shop's welcome (points while loyalty is on; a coupon code).
 */
export function signUpWalkIn(
	ctx: CommandContext,
	answers: WalkInAnswers
): Result<WalkInWelcome, FieldErrors> {
	const settings = readKioskSettings(ctx.ws.meta.get(KIOSK_LEADS_KEY));
	const errors: FieldErrors = {};
	if (!answers.name.trim()) errors.name = 'validation.nameRequired';
	if (!answers.phone.trim()) errors.phone = 'validation.required';
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	const asked = Object.fromEntries(
		settings.fields.map((field) => [field, (answers.fields[field] ?? '').trim()])
	);
	const agreedAny = KIOSK_PURPOSES.some((purpose) => answers.consents[purpose]);
	const at = commandTime(ctx);
	const fields: CustomerFields = {
		...emptyCustomerFields(),
		...asked,
		gender: (['female', 'male', 'other'] as const).find((g) => g === asked['gender']) ?? '',
		name: answers.name,
		phone: answers.phone,
		stage: 'lead',
		source: 'walk_in',
		consent: agreedAny ? 'yes' : 'no',
		consentDate: localDateKey(at),
		consentMethod: 'kiosk',
		custom: Object.fromEntries(
			settings.customFields.flatMap((id) =>
				id in answers.custom ? [[id, answers.custom[id]!]] : []
			)
		)
	};
	const text = consentTextFor(settings, answers.language);
	const welcome: WalkInWelcome = { points: 0, code: '' };
	return withValue(
		arrive(ctx, fields, 'kiosk', (customerId) => {
			const consents = ctx.ws.doc.getMap<unknown>(CONSENTS_ROOT);
			for (const purpose of KIOSK_PURPOSES) {
				const decision: ConsentDecision = answers.consents[purpose] ? 'agreed' : 'declined';
				consents.set(newId(), consentEntry(ctx, customerId, purpose, decision, at, text));
			}
			giveWelcome(ctx, customerId, settings, answers.welcomeNote, welcome);
		}),
		welcome
	);
}

function consentEntry(
	ctx: CommandContext,
	customerId: string,
	purpose: ConsentPurpose,
	decision: ConsentDecision,
	at: number,
	text: string,
	method: ConsentWay = 'kiosk'
) {
	return { customerId, purpose, decision, at, method, by: ctx.memberId, text };
}

/**
 * Records a consent decision for one purpose (a form, paper, a phone call): added to the
 * customer's history, never replacing what was recorded before.
 */
export function recordConsent(
	ctx: CommandContext,
	customerId: string,
	input: { purpose: ConsentPurpose; decision: ConsentDecision; method: ConsentWay; text: string }
): { ok: true } | { ok: false; error: 'notFound' } {
	if (!liveCustomer(ctx.ws, customerId)) return { ok: false, error: 'notFound' };
	const at = commandTime(ctx);
	const entry = consentEntry(
		ctx,
		customerId,
		input.purpose,
		input.decision,
		at,
		input.text.slice(0, MAX_CONSENT_TEXT),
		input.method
	);
	ctx.ws.doc.transact(
		() => ctx.ws.doc.getMap<unknown>(CONSENTS_ROOT).set(newId(), entry),
		ctx.origin
	);
	return { ok: true };
}

function giveWelcome(
	ctx: CommandContext,
	customerId: string,
	settings: KioskSettings,
	note: string,
	welcome: WalkInWelcome
): void {
	const { kind, points, campaignId } = settings.welcome;
	if (kind === 'points' && points > 0 && loyaltySettingsOf(ctx.ws).enabled) {
		writeEntry(ctx, `welcome.${newId()}`, {
			customerId,
			at: commandTime(ctx),
			kind: 'adjust',
			points,
			reason: note.trim().slice(0, 80) || 'Welcome'
		});
		welcome.points = points;
	}
	if (kind === 'coupon' && campaignId) {
		const issued = issueCoupons(ctx, campaignId, [customerId]);
		if (issued.ok && issued.value.issued > 0) {
			for (const code of issuedCodes(ctx.ws))
				if (code.customerId === customerId && code.campaignId === campaignId)
					welcome.code = code.code;
		}
	}
}

function withValue<T, E>(result: Result<string, E>, value: T): Result<T, E> {
	return result.ok ? { ok: true, value } : result;
}
