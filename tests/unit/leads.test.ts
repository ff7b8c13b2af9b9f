import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommandContext } from '../../src/lib/core/command-context';
import { liveCustomer } from '../../src/lib/crdt/workspace-doc';
import { createCampaign } from '../../src/lib/features/coupons/coupon-commands';
import { issuedCodes } from '../../src/lib/features/coupons/coupon-records';
import { emptyCampaign } from '../../src/lib/features/coupons/rules/coupons';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { createPipeline } from '../../src/lib/features/deals/deal-commands';
import { DEALS_ROOT } from '../../src/lib/features/deals/kinds';
import { DEFAULT_STAGES, defaultStages } from '../../src/lib/features/deals/rules/pipeline';
import type { DealFields } from '../../src/lib/features/deals/rules/deal';
import {
	CONSENTS_ROOT,
	LEAD_EVENTS_ROOT,
	readConsent,
	readLeadEvent
} from '../../src/lib/features/leads/kinds';
import {
	addLead,
	assignLead,
	discardLead,
	keepLeadApart,
	qualifyLead,
	reopenLead,
	setKioskSettings,
	signUpWalkIn
} from '../../src/lib/features/leads/lead-commands';
import { currentConsents, type ConsentRow } from '../../src/lib/features/leads/rules/consent';
import {
	consentTextFor,
	defaultKioskSettings,
	readKioskSettings,
	validateKioskSettings,
	type KioskSettings,
	type WalkInAnswers
} from '../../src/lib/features/leads/rules/kiosk';
import {
	inboxCounts,
	leadInbox,
	leadStates,
	type LeadCustomer,
	type LeadEventRow
} from '../../src/lib/features/leads/rules/lead';
import { setLoyaltySettings } from '../../src/lib/features/loyalty/loyalty-commands';
import { customerLoyalty } from '../../src/lib/features/loyalty/loyalty-reads';
import { DEFAULT_LOYALTY_SETTINGS } from '../../src/lib/features/loyalty/rules/loyalty-settings';
import { customer, memberContext } from './helpers';

const event = (over: Partial<LeadEventRow>): LeadEventRow => ({
	id: 'e',
	customerId: 'c1',
	kind: 'assign',
	at: 0,
	by: 'member-a',
	ref: '',
	reason: '',
	note: '',
	...over
});

const person = (over: Partial<LeadCustomer>): LeadCustomer => ({
	id: 'c1',
	name: 'Li Na',
	phone: '',
	otherPhones: '',
	stage: 'lead',
	source: '',
	createdAt: 0,
	...over
});

const eventsOf = (ctx: CommandContext) =>
	[...ctx.ws.doc.getMap(LEAD_EVENTS_ROOT).entries()]
		.map(([id, value]) => readLeadEvent(id, value))
		.filter((row) => row !== null);

const consentsOf = (ctx: CommandContext) =>
	[...ctx.ws.doc.getMap(CONSENTS_ROOT).entries()]
		.map(([id, value]) => readConsent(id, value))
		.filter((row): row is ConsentRow => row !== null);

const at = (ms: number) => () => ms;

describe('a lead’s state', () => {
	it('follows its decisions in time order, whatever order they arrive in', () => {
		const events = [
			event({ id: 'e3', kind: 'reopen', at: 30 }),
			event({ id: 'e1', kind: 'assign', ref: 'member-b', at: 10 }),
			event({ id: 'e2', kind: 'discard', reason: 'spam', at: 20 }),
			event({ id: 'e4', kind: 'discard', reason: 'nonsense', note: 'moved', at: 40 })
		];
		const state = leadStates(events).get('c1')!;
		expect(state).toMatchObject({
			ownerId: 'member-b',
			status: 'discarded',
			// A reason nobody offers reads as "other", with the note kept.
			reason: 'other',
			note: 'moved',
			decidedAt: 40
		});
		expect(leadStates(events.slice(0, 3)).get('c1')!.status).toBe('open');
	});

	it('keeps both decisions two devices made offline: one assigned, the other discarded', () => {
		const a = memberContext('member-a', new Y.Doc());
		a.now = at(1_000);
		const lead = addLead(a, {
			name: 'Zhao Lei',
			phone: '13900139000',
			source: 'phone',
			ownerId: '',
			notes: ''
		});
		if (!lead.ok) throw new Error('no lead');
		const b = memberContext('member-b', new Y.Doc());
		b.now = at(3_000);
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		a.now = at(2_000);
		expect(assignLead(a, lead.value, 'member-a').ok).toBe(true);
		expect(discardLead(b, lead.value, 'unreachable', '').ok).toBe(true);
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		for (const device of [a, b]) {
			expect(leadStates(eventsOf(device)).get(lead.value)).toMatchObject({
				ownerId: 'member-a',
				status: 'discarded',
				reason: 'unreachable',
				decidedBy: 'member-b',
				via: 'typed'
			});
		}
	});
});

describe('the leads inbox', () => {
	const customers = [
		person({ id: 'new', createdAt: 30, phone: '138 0013 8000' }),
		person({ id: 'old', createdAt: 10 }),
		person({ id: 'dealt', createdAt: 20 }),
		person({ id: 'known', stage: 'active', phone: '+86 13800138000', createdAt: 1 }),
		person({ id: 'set-aside', createdAt: 5 })
	];
	const states = leadStates([event({ customerId: 'set-aside', kind: 'discard', reason: 'spam' })]);
	const withDeals = new Set(['dealt']);

	it('shows open leads newest first; one with a deal is qualified; a discarded one apart', () => {
		expect(leadInbox(customers, states, withDeals, 'open').map((l) => l.customer.id)).toEqual([
			'new',
			'old'
		]);
		expect(leadInbox(customers, states, withDeals, 'qualified').map((l) => l.customer.id)).toEqual([
			'dealt'
		]);
		expect(leadInbox(customers, states, withDeals, 'discarded').map((l) => l.customer.id)).toEqual([
			'set-aside'
		]);
		// A customer past the lead stage is no lead.
		expect(inboxCounts(customers, states, withDeals)).toEqual({
			open: 2,
			qualified: 1,
			discarded: 1
		});
	});

	it('offers a customer with the same phone (typed differently) until kept apart', () => {
		const [first] = leadInbox(customers, states, withDeals, 'open');
		expect(first!.twins.map((twin) => twin.id)).toEqual(['known']);
		const apart = leadStates([event({ customerId: 'new', kind: 'keepApart', ref: 'known' })]);
		expect(leadInbox(customers, apart, withDeals, 'open')[0]!.twins).toEqual([]);
	});
});

function pipelineIn(ctx: CommandContext) {
	let next = 0;
	const names = Object.fromEntries(DEFAULT_STAGES.map((stage) => [stage.key, stage.key]));
	const stages = defaultStages(names as Parameters<typeof defaultStages>[0], () => `s${next++}`);
	const made = createPipeline(ctx, { name: 'Sales', stages, lostReasons: [] });
	if (!made.ok) throw new Error('no pipeline');
	return { pipelineId: made.value, stageId: stages[0]!.id };
}

const dealFor = (over: Partial<DealFields>): DealFields => ({
	title: 'Wedding album',
	customerId: '',
	valueCents: 880_000,
	lines: [],
	pipelineId: '',
	stageId: '',
	probability: null,
	closeDate: '',
	ownerId: '',
	source: '',
	nextStep: '',
	nextStepDate: '',
	notes: '',
	...over
});

describe('deciding on a lead', () => {
	it('qualifies it into a deal in one step, moving the customer on to prospect', () => {
		const ctx = memberContext();
		const lead = addLead(ctx, {
			name: 'Zhao Lei',
			phone: '13900139000',
			source: 'event',
			ownerId: 'member-b',
			notes: ''
		});
		if (!lead.ok) throw new Error('no lead');
		const deal = qualifyLead(ctx, lead.value, dealFor(pipelineIn(ctx)));
		expect(deal.ok).toBe(true);
		expect(liveCustomer(ctx.ws, lead.value)!.stage).toBe('prospect');
		expect(ctx.ws.doc.getMap(DEALS_ROOT).size).toBe(1);
		const state = leadStates(eventsOf(ctx)).get(lead.value)!;
		expect(state).toMatchObject({ status: 'qualified', ownerId: 'member-b', via: 'typed' });
		expect(state.dealId).toBe(deal.ok ? deal.value : '');
	});

	it('writes nothing when the deal is refused', () => {
		const ctx = memberContext();
		const lead = addLead(ctx, {
			name: 'Zhao Lei',
			phone: '13900139000',
			source: '',
			ownerId: '',
			notes: ''
		});
		if (!lead.ok) throw new Error('no lead');
		const before = eventsOf(ctx).length;
		const refused = qualifyLead(ctx, lead.value, dealFor({ ...pipelineIn(ctx), title: ' ' }));
		expect(refused.ok).toBe(false);
		expect(liveCustomer(ctx.ws, lead.value)!.stage).toBe('lead');
		expect(eventsOf(ctx)).toHaveLength(before);
		expect(ctx.ws.doc.getMap(DEALS_ROOT).size).toBe(0);
	});

	it('needs a known reason to discard, and a note for "other"; reopening brings it back', () => {
		const ctx = memberContext();
		const lead = createCustomer(ctx, customer({ name: 'Wu Min', stage: 'lead' }));
		if (!lead.ok) throw new Error('no lead');
		expect(discardLead(ctx, lead.value, 'bored', '')).toMatchObject({ ok: false });
		expect(discardLead(ctx, lead.value, 'other', ' ')).toMatchObject({
			ok: false,
			errors: { note: 'leads.errors.sayWhy' }
		});
		expect(discardLead(ctx, 'nobody', 'spam', '')).toMatchObject({ ok: false, reason: 'notFound' });
		ctx.now = at(10);
		expect(discardLead(ctx, lead.value, 'other', 'Only asked the way').ok).toBe(true);
		ctx.now = at(20);
		expect(reopenLead(ctx, lead.value).ok).toBe(true);
		expect(leadStates(eventsOf(ctx)).get(lead.value)!.status).toBe('open');
		expect(keepLeadApart(ctx, lead.value, 'gone').ok).toBe(false);
	});
});

const answers = (over: Partial<WalkInAnswers> = {}): WalkInAnswers => ({
	name: '陈静',
	phone: '13700137000',
	fields: { email: 'chen@example.com', company: 'not asked' },
	custom: {},
	consents: { sms: true, wechat: false, email: false },
	language: 'zh-CN',
	welcomeNote: '新客礼',
	...over
});

describe('a walk-in signing up at the kiosk', () => {
	const settings = (over: Partial<KioskSettings> = {}): KioskSettings => ({
		...defaultKioskSettings(),
		fields: ['email'],
		consentText: { en: 'Yes, you may send me offers.', 'zh-CN': '我同意接收优惠信息。' },
		...over
	});

	it('arrives as a walk-in lead with one consent decision per purpose, as shown, at the time', () => {
		const ctx = memberContext();
		ctx.now = at(Date.UTC(2026, 11, 7, 6, 30));
		setKioskSettings(ctx, settings());
		const signed = signUpWalkIn(ctx, answers());
		expect(signed.ok).toBe(true);
		const [id] = [...ctx.ws.customers.keys()];
		const walkIn = liveCustomer(ctx.ws, id!)!;
		expect(walkIn).toMatchObject({
			name: '陈静',
			stage: 'lead',
			source: 'walk_in',
			email: 'chen@example.com',
			// Only the fields the shop asks for are kept.
			company: '',
			consent: 'yes',
			consentMethod: 'kiosk'
		});
		const consents = currentConsents(consentsOf(ctx));
		expect(consents.sms).toMatchObject({
			decision: 'agreed',
			method: 'kiosk',
			at: Date.UTC(2026, 11, 7, 6, 30),
			text: '我同意接收优惠信息。',
			customerId: id
		});
		expect(consents.wechat!.decision).toBe('declined');
		expect(consents.email!.decision).toBe('declined');
		expect(consents.phone).toBeUndefined();
		expect(leadStates(eventsOf(ctx)).get(id!)!.via).toBe('kiosk');
	});

	it('refuses a sign-up without a phone or with a bad email, writing nothing', () => {
		const ctx = memberContext();
		setKioskSettings(ctx, settings());
		expect(signUpWalkIn(ctx, answers({ phone: ' ' }))).toMatchObject({
			ok: false,
			errors: { phone: 'validation.required' }
		});
		expect(signUpWalkIn(ctx, answers({ fields: { email: 'nope' } }))).toMatchObject({
			ok: false,
			errors: { email: 'validation.emailInvalid' }
		});
		expect(ctx.ws.customers.size).toBe(0);
		expect(consentsOf(ctx)).toEqual([]);
		expect(eventsOf(ctx)).toEqual([]);
	});

	it('gives welcome points only while loyalty is on', () => {
		const ctx = memberContext();
		setKioskSettings(ctx, settings({ welcome: { kind: 'points', points: 50, campaignId: '' } }));
		expect(signUpWalkIn(ctx, answers())).toMatchObject({ ok: true, value: { points: 0 } });
		setLoyaltySettings(ctx, { ...DEFAULT_LOYALTY_SETTINGS, enabled: true });
		const signed = signUpWalkIn(ctx, answers({ phone: '13700137001' }));
		expect(signed).toMatchObject({ ok: true, value: { points: 50 } });
		const ids = [...ctx.ws.customers.keys()];
		const balances = ids.map((id) => customerLoyalty(ctx.ws, id, Date.now()).points.balance);
		expect(balances.sort()).toEqual([0, 50]);
	});

	it('gives a welcome coupon with its own code', () => {
		const ctx = memberContext();
		const campaign = createCampaign(ctx, {
			...emptyCampaign(),
			name: 'Welcome',
			kind: 'amount',
			amountCents: 1_000,
			validFrom: '2026-01-01',
			validTo: '2027-12-31',
			codeMode: 'exclusive'
		});
		if (!campaign.ok) throw new Error('no campaign');
		setKioskSettings(
			ctx,
			settings({ welcome: { kind: 'coupon', points: 0, campaignId: campaign.value } })
		);
		const signed = signUpWalkIn(ctx, answers());
		const codes = [...issuedCodes(ctx.ws)];
		expect(codes).toHaveLength(1);
		expect(signed).toMatchObject({ ok: true, value: { code: codes[0]!.code } });
	});
});

describe('kiosk settings', () => {
	it('read whatever a stranger stored as sensible settings', () => {
		expect(readKioskSettings(null)).toEqual(defaultKioskSettings());
		expect(
			readKioskSettings({
				fields: ['email', 'password', 7, 'city'],
				customFields: ['f1', 'f1', 3],
				consentText: { en: 5, 'zh-CN': 'x'.repeat(3_000) },
				welcome: { kind: 'cash', points: -4 },
				surveyId: 42
			})
		).toEqual({
			fields: ['email', 'city'],
			customFields: ['f1'],
			consentText: { en: '', 'zh-CN': 'x'.repeat(2_000) },
			welcome: { kind: 'none', points: 0, campaignId: '' },
			surveyId: ''
		});
	});

	it('need whole points for a points welcome and a campaign for a coupon', () => {
		const base = defaultKioskSettings();
		expect(
			validateKioskSettings({ ...base, welcome: { kind: 'points', points: 1.5, campaignId: '' } })
		).toEqual({
			points: 'leads.errors.welcomePoints'
		});
		expect(
			validateKioskSettings({ ...base, welcome: { kind: 'coupon', points: 0, campaignId: '' } })
		).toEqual({
			campaignId: 'validation.required'
		});
		const ctx = memberContext();
		expect(
			setKioskSettings(ctx, { ...base, welcome: { kind: 'points', points: 0, campaignId: '' } }).ok
		).toBe(false);
	});

	it('show the consent text in the form’s language, else the one the shop wrote', () => {
		const both = { ...defaultKioskSettings(), consentText: { en: 'I agree', 'zh-CN': '我同意' } };
		expect(consentTextFor(both, 'zh-CN')).toBe('我同意');
		const english = { ...both, consentText: { en: 'I agree', 'zh-CN': ' ' } };
		expect(consentTextFor(english, 'zh-CN')).toBe('I agree');
	});
});

describe('stored lead and consent records', () => {
	it('read a stranger’s records as nothing rather than throwing', () => {
		for (const junk of [
			null,
			7,
			'x',
			[],
			{ kind: 'assign' },
			{ kind: 'fly', customerId: 'c', at: 1 }
		])
			expect(readLeadEvent('e', junk)).toBeNull();
		expect(readLeadEvent('e', { kind: 'assign', customerId: 'c', at: Infinity })).toBeNull();
		for (const junk of [
			null,
			{ purpose: 'sms', decision: 'agreed', method: 'kiosk', customerId: 'c', at: 'now' }
		])
			expect(readConsent('k', junk)).toBeNull();
		expect(
			readConsent('k', {
				purpose: 'fax',
				decision: 'agreed',
				method: 'kiosk',
				customerId: 'c',
				at: 1
			})
		).toBeNull();
	});

	it('take the latest decision per purpose as the current consent', () => {
		const row = (over: Partial<ConsentRow>): ConsentRow => ({
			id: 'k',
			customerId: 'c',
			purpose: 'sms',
			decision: 'agreed',
			at: 1,
			method: 'kiosk',
			by: '',
			text: '',
			...over
		});
		const rows = [row({ id: 'k2', decision: 'withdrawn', at: 5 }), row({ id: 'k1', at: 2 })];
		expect(currentConsents(rows).sms!.decision).toBe('withdrawn');
	});
});
