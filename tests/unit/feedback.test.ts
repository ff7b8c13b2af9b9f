import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommandContext } from '../../src/lib/core/command-context';
import { entityOf, type RecordMap } from '../../src/lib/crdt/workspace-doc';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import {
	assignFeedback,
	logFeedback,
	setFeedbackStatus,
	setResponseRules,
	updateFeedback
} from '../../src/lib/features/feedback/feedback-commands';
import {
	FEEDBACK_EVENTS_ROOT,
	FEEDBACK_ROOT,
	readFeedback,
	readFeedbackEvent
} from '../../src/lib/features/feedback/kinds';
import {
	DEFAULT_RESPONSE_RULES,
	feedbackCounts,
	filterFeedback,
	isOverdue,
	nextStatuses,
	NO_FEEDBACK_FILTER,
	readResponseRules,
	validateFeedback,
	type FeedbackFields,
	type FeedbackRow
} from '../../src/lib/features/feedback/rules/feedback';
import { callsForComplaint, csat, nps } from '../../src/lib/features/feedback/rules/scores';
import { customer, memberContext } from './helpers';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 7, 2, 0);

const fields = (over: Partial<FeedbackFields> = {}): FeedbackFields => ({
	kind: 'complaint',
	channel: 'phone',
	customerId: 'c1',
	purchaseId: '',
	products: [],
	severity: 'high',
	description: 'The tea arrived cold',
	ownerId: '',
	receivedAt: T0,
	...over
});

function shop(ctx: CommandContext = memberContext()) {
	ctx.now = () => T0;
	const made = createCustomer(ctx, customer({ name: 'Li Na', phone: '13800138000' }));
	if (!made.ok) throw new Error('no customer');
	return { ctx, customerId: made.value };
}

const itemOf = (ctx: CommandContext, id: string) =>
	readFeedback(id, entityOf(ctx.ws.doc.getMap(FEEDBACK_ROOT), id) as RecordMap)!;
const historyOf = (ctx: CommandContext, id: string) =>
	[...ctx.ws.doc.getMap(FEEDBACK_EVENTS_ROOT).entries()]
		.map(([key, value]) => readFeedbackEvent(key, value))
		.filter((event) => event?.feedbackId === id)
		.sort((a, b) => a!.at - b!.at);

describe('NPS and CSAT', () => {
	it('count ten answers (three 0–6, two 7–8, five 9–10) as NPS 20', () => {
		expect(nps([0, 3, 6, 7, 8, 9, 9, 10, 10, 9])).toEqual({
			responses: 10,
			promoters: 5,
			passives: 2,
			detractors: 3,
			score: 20
		});
	});

	it('round once from the exact difference, never show −0, and have no score without answers', () => {
		expect(nps([10, 0, 8]).score).toBe(0);
		expect(Object.is(nps([8, 7]).score, 0)).toBe(true);
		expect(nps([10, 10, 0]).score).toBe(33);
		expect(nps([]).score).toBeNull();
		// Answers outside 0–10 or not whole are no answers.
		expect(nps([11, -1, 9.5, Number.NaN]).responses).toBe(0);
	});

	it('count 4 and 5 as satisfied', () => {
		expect(csat([5, 4, 3, 2, 1, 4])).toEqual({ responses: 6, satisfied: 3, percent: 50 });
		expect(csat([6, 0]).percent).toBeNull();
	});

	it('open a complaint for a detractor or a CSAT of 1–2', () => {
		expect(callsForComplaint({ nps: 6 })).toBe(true);
		expect(callsForComplaint({ nps: 7 })).toBe(false);
		expect(callsForComplaint({ csat: 2 })).toBe(true);
		expect(callsForComplaint({ csat: 3, nps: null })).toBe(false);
	});
});

describe('feedback rules', () => {
	it('need a customer, a description and known choices', () => {
		expect(validateFeedback(fields())).toEqual({});
		expect(validateFeedback(fields({ description: ' ', customerId: '' }))).toEqual({
			description: 'validation.required',
			customerId: 'validation.required'
		});
		expect(
			validateFeedback(fields({ kind: 'rant' as never, severity: 'urgent' as never })).kind
		).toBe('validation.choiceInvalid');
	});

	it('go forward a step or straight to resolved, and reopen from resolved or closed', () => {
		expect(nextStatuses('new')).toContain('acknowledged');
		expect(nextStatuses('in_progress')).not.toContain('new');
		expect(nextStatuses('closed')).toEqual(['in_progress']);
	});

	it('read a stranger’s response-time rules as sensible hours', () => {
		expect(readResponseRules(null)).toEqual(DEFAULT_RESPONSE_RULES);
		expect(readResponseRules({ hours: { high: 4, medium: -3, low: 1.5 } }).hours).toEqual({
			high: 4,
			medium: 72,
			low: 168
		});
	});
});

describe('a complaint handled to its end', () => {
	it('is due by the rule for its severity and overdue past it while still open', () => {
		const { ctx, customerId } = shop();
		setResponseRules(ctx, { hours: { high: 24, medium: 72, low: 168 } });
		const logged = logFeedback(ctx, fields({ customerId }));
		if (!logged.ok) throw new Error('not logged');
		const item = itemOf(ctx, logged.value);
		expect(item).toMatchObject({ status: 'new', dueAt: T0 + 24 * HOUR, createdAt: T0 });
		expect(isOverdue(item, T0 + 23 * HOUR)).toBe(false);
		expect(isOverdue(item, T0 + 25 * HOUR)).toBe(true);
		// A lower severity is due by its own rule, from when it was heard.
		updateFeedback(ctx, logged.value, { severity: 'medium' });
		expect(itemOf(ctx, logged.value).dueAt).toBe(T0 + 72 * HOUR);
		// A call from last night, logged this morning, is due a day after the call.
		const lastNight = logFeedback(ctx, fields({ customerId, receivedAt: T0 - 10 * HOUR }));
		if (!lastNight.ok) throw new Error('not logged');
		expect(itemOf(ctx, lastNight.value)).toMatchObject({
			createdAt: T0,
			receivedAt: T0 - 10 * HOUR,
			dueAt: T0 + 14 * HOUR
		});
	});

	it('moves through every status, each change an entry of who and when; resolved it is no longer overdue', () => {
		const { ctx, customerId } = shop();
		const logged = logFeedback(ctx, fields({ customerId }));
		if (!logged.ok) throw new Error('not logged');
		const id = logged.value;
		const at = (hours: number) => (ctx.now = () => T0 + hours * HOUR);
		at(1);
		expect(assignFeedback(ctx, id, 'member-b').ok).toBe(true);
		at(2);
		expect(setFeedbackStatus(ctx, id, 'acknowledged').ok).toBe(true);
		at(3);
		expect(setFeedbackStatus(ctx, id, 'new')).toMatchObject({ ok: false, reason: 'invalid' });
		expect(setFeedbackStatus(ctx, id, 'in_progress').ok).toBe(true);
		at(30);
		expect(setFeedbackStatus(ctx, id, 'resolved', 'Sent a fresh tin').ok).toBe(true);
		at(31);
		expect(updateFeedback(ctx, id, { satisfaction: 4 }).ok).toBe(true);
		expect(setFeedbackStatus(ctx, id, 'closed').ok).toBe(true);
		const item = itemOf(ctx, id);
		expect(item).toMatchObject({
			status: 'closed',
			ownerId: 'member-b',
			resolution: 'Sent a fresh tin',
			satisfaction: 4,
			acknowledgedAt: T0 + 2 * HOUR,
			resolvedAt: T0 + 30 * HOUR
		});
		expect(isOverdue(item, T0 + 100 * HOUR)).toBe(false);
		expect(historyOf(ctx, id).map((event) => `${event!.kind}:${event!.from}→${event!.to}`)).toEqual(
			[
				'status:→new',
				'assign:→member-b',
				'status:new→acknowledged',
				'status:acknowledged→in_progress',
				'resolution:→Sent a fresh tin',
				'status:in_progress→resolved',
				'status:resolved→closed'
			]
		);
		// Reopened, it is open again (and can be overdue again).
		expect(setFeedbackStatus(ctx, id, 'in_progress').ok).toBe(true);
		expect(itemOf(ctx, id).status).toBe('in_progress');
	});

	it('creates a follow-up task in the same step, and nothing when the task is refused', () => {
		const { ctx, customerId } = shop();
		const logged = logFeedback(ctx, fields({ customerId }), {
			taskDue: '2026-12-08',
			taskTitle: 'Call Li Na back',
			goodwillCampaignId: ''
		});
		expect(logged.ok).toBe(true);
		expect([...ctx.ws.tasks.keys()]).toHaveLength(1);
		const refused = logFeedback(ctx, fields({ customerId }), {
			taskDue: 'someday',
			taskTitle: '',
			goodwillCampaignId: ''
		});
		expect(refused.ok).toBe(false);
		expect(ctx.ws.doc.getMap(FEEDBACK_ROOT).size).toBe(1);
	});

	it('keeps both offline changes: the owner from one device, the status from the other', () => {
		const { ctx: a, customerId } = shop(memberContext('member-a'));
		const logged = logFeedback(a, fields({ customerId }));
		if (!logged.ok) throw new Error('not logged');
		const b = memberContext('member-b');
		b.now = a.now;
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		assignFeedback(a, logged.value, 'member-a');
		setFeedbackStatus(b, logged.value, 'acknowledged');
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		for (const device of [a, b])
			expect(itemOf(device, logged.value)).toMatchObject({
				ownerId: 'member-a',
				status: 'acknowledged'
			});
		expect(historyOf(a, logged.value)).toHaveLength(3);
	});
});

describe('the feedback inbox', () => {
	const row = (over: Partial<FeedbackRow>): FeedbackRow => ({
		...fields(),
		id: 'f',
		status: 'new',
		dueAt: T0 + 24 * HOUR,
		resolution: '',
		satisfaction: null,
		acknowledgedAt: 0,
		resolvedAt: 0,
		createdAt: T0,
		createdBy: 'member-a',
		updatedAt: T0,
		...over
	});
	const rows = [
		row({ id: 'due-later', dueAt: T0 + 72 * HOUR, severity: 'medium' }),
		row({ id: 'late', dueAt: T0 + HOUR, ownerId: 'member-b' }),
		row({ id: 'done', status: 'resolved', dueAt: T0 }),
		row({ id: 'idea', kind: 'suggestion', dueAt: T0 + 48 * HOUR, severity: 'low' })
	];
	const now = T0 + 2 * HOUR;

	it('shows open items, the overdue first, then the soonest due', () => {
		expect(filterFeedback(rows, NO_FEEDBACK_FILTER, now).map((r) => r.id)).toEqual([
			'late',
			'idea',
			'due-later'
		]);
	});

	it('filters by status, owner, kind, severity and overdue', () => {
		const ids = (filter: Partial<typeof NO_FEEDBACK_FILTER>) =>
			filterFeedback(rows, { ...NO_FEEDBACK_FILTER, ...filter }, now).map((r) => r.id);
		expect(ids({ status: 'resolved' })).toEqual(['done']);
		expect(ids({ ownerId: 'member-b' })).toEqual(['late']);
		expect(ids({ kind: 'suggestion' })).toEqual(['idea']);
		expect(ids({ severity: 'medium' })).toEqual(['due-later']);
		expect(ids({ overdueOnly: true })).toEqual(['late']);
		expect(ids({ status: '' })).toHaveLength(4);
	});

	it('counts each status and the overdue', () => {
		expect(feedbackCounts(rows, now)).toEqual({
			new: 3,
			acknowledged: 0,
			in_progress: 0,
			resolved: 1,
			closed: 0,
			overdue: 1
		});
	});

	it('reads a stranger’s records as nothing rather than throwing', () => {
		for (const junk of [null, 5, 'x', [], { kind: 'status', feedbackId: 'f', at: 'now' }])
			expect(readFeedbackEvent('e', junk)).toBeNull();
	});
});
