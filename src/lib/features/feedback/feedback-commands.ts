import * as Y from 'yjs';
import type { CommandContext } from '../../core/command-context';
import { writeChangedFields } from '../../crdt/entity-writes';
import { newId } from '../../crdt/ids';
import { commandTime, stampCreated, stampUpdated } from '../../crdt/stamps';
import { entityOf, liveCustomer } from '../../crdt/workspace-doc';
import { addTask } from '../activity/activity-commands';
import { issueCoupons } from '../coupons/coupon-commands';
import { FEEDBACK_RULES_KEY } from './feedback-keys';
import { FEEDBACK_EVENTS_ROOT, FEEDBACK_ROOT, readFeedback } from './kinds';
import {
	dueAtFor,
	isSatisfaction,
	MAX_FEEDBACK_NOTE,
	nextStatuses,
	readResponseRules,
	validateFeedback,
	validateResponseRules,
	type FeedbackErrors,
	type FeedbackEventRow,
	type FeedbackFields,
	type FeedbackStatus,
	type ResponseRules,
	type Severity
} from './rules/feedback';

type NotFound = { ok: false; reason: 'notFound' };
type Result<T, E> = { ok: true; value: T } | { ok: false; reason: 'invalid'; errors: E } | NotFound;

/** What else logging a complaint does, in the same step. */
export interface FeedbackFollowUp {
	/** A follow-up task for the owner (or the one logging it) on this day ('' for none). */
	taskDue: string;
	taskTitle: string;
	/** An exclusive coupon campaign to give the customer as goodwill ('' for none). */
	goodwillCampaignId: string;
}

const items = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(FEEDBACK_ROOT);
const events = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(FEEDBACK_EVENTS_ROOT);

function record(
	ctx: CommandContext,
	feedbackId: string,
	kind: FeedbackEventRow['kind'],
	from: string,
	to: string,
	at: number
) {
	events(ctx).set(newId(), { feedbackId, kind, from, to, at, by: ctx.memberId });
}

const rulesOf = (ctx: CommandContext) => readResponseRules(ctx.ws.meta.get(FEEDBACK_RULES_KEY));

/**
 * Logs feedback as new, due by the shop's response-time rule for its severity counted from when
 * it was received, with its first
 * history entry; a follow-up task and a goodwill coupon in the same step when asked.
 */
export function logFeedback(
	ctx: CommandContext,
	fields: FeedbackFields,
	followUp: FeedbackFollowUp | null = null
): Result<string, FeedbackErrors> {
	const errors = validateFeedback(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	if (!liveCustomer(ctx.ws, fields.customerId)) return { ok: false, reason: 'notFound' };
	const at = commandTime(ctx);
	const id = newId();
	let refused: FeedbackErrors | null = null;
	ctx.ws.doc.transact(() => {
		if (followUp?.taskDue) {
			const task = addTask(ctx, {
				customerId: fields.customerId,
				title: followUp.taskTitle.trim() || fields.description.trim().slice(0, 100),
				due: followUp.taskDue,
				dueTime: '',
				repeatAfterPurchaseDays: 0
			});
			if (!task.ok) {
				refused = { description: 'feedback.errors.taskRefused' };
				return;
			}
		}
		const map = new Y.Map<unknown>();
		items(ctx).set(id, map);
		writeChangedFields(map, {
			...stored(fields),
			status: 'new',
			dueAt: dueAtFor(fields.receivedAt, fields.severity, rulesOf(ctx))
		});
		stampCreated(map, ctx, at);
		record(ctx, id, 'status', '', 'new', at);
		if (fields.ownerId) record(ctx, id, 'assign', '', fields.ownerId, at);
		if (followUp?.goodwillCampaignId)
			issueCoupons(ctx, followUp.goodwillCampaignId, [fields.customerId]);
	}, ctx.origin);
	if (refused) return { ok: false, reason: 'invalid', errors: refused };
	return { ok: true, value: id };
}

function stored(fields: FeedbackFields) {
	return {
		kind: fields.kind,
		channel: fields.channel,
		customerId: fields.customerId,
		purchaseId: fields.purchaseId,
		products: JSON.stringify(fields.products.map((product) => product.trim()).filter(Boolean)),
		severity: fields.severity,
		description: fields.description.trim(),
		ownerId: fields.ownerId,
		receivedAt: fields.receivedAt
	};
}

/**
 * Moves an item on (or back, when reopened), with the resolution note when it is resolved; the
 * first acknowledgement and the latest resolution are kept for the time to respond.
 */
export function setFeedbackStatus(
	ctx: CommandContext,
	id: string,
	status: FeedbackStatus,
	resolution = ''
): Result<string, { status?: string; resolution?: string }> {
	const map = entityOf(items(ctx), id);
	const current = map ? readFeedback(id, map) : null;
	if (!map || !current) return { ok: false, reason: 'notFound' };
	if (status === current.status) return { ok: true, value: id };
	if (!nextStatuses(current.status).includes(status))
		return { ok: false, reason: 'invalid', errors: { status: 'feedback.errors.status' } };
	const note = resolution.trim();
	if (note.length > MAX_FEEDBACK_NOTE)
		return { ok: false, reason: 'invalid', errors: { resolution: 'validation.tooLong' } };
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		map.set('status', status);
		if (status === 'acknowledged' && !current.acknowledgedAt) map.set('acknowledgedAt', at);
		if (status === 'resolved' || (status === 'closed' && !current.resolvedAt))
			map.set('resolvedAt', at);
		if (note && note !== current.resolution) {
			map.set('resolution', note);
			record(ctx, id, 'resolution', current.resolution, note, at);
		}
		record(ctx, id, 'status', current.status, status, at);
		stampUpdated(map, ctx, at);
	}, ctx.origin);
	return { ok: true, value: id };
}

export function assignFeedback(
	ctx: CommandContext,
	id: string,
	ownerId: string
): Result<string, never> {
	const map = entityOf(items(ctx), id);
	const current = map ? readFeedback(id, map) : null;
	if (!map || !current) return { ok: false, reason: 'notFound' };
	if (current.ownerId === ownerId) return { ok: true, value: id };
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		map.set('ownerId', ownerId);
		record(ctx, id, 'assign', current.ownerId, ownerId, at);
		stampUpdated(map, ctx, at);
	}, ctx.origin);
	return { ok: true, value: id };
}

/** What can be changed of an item besides its status and owner. */
export interface FeedbackPatch {
	kind?: FeedbackFields['kind'];
	channel?: FeedbackFields['channel'];
	severity?: Severity;
	description?: string;
	products?: string[];
	satisfaction?: number | null;
}

/**
 * Changes only the given fields (a colleague's change of another stands). A new severity is due
 * by its own rule, counted from when the shop heard it.
 */
export function updateFeedback(
	ctx: CommandContext,
	id: string,
	patch: FeedbackPatch
): Result<string, FeedbackErrors> {
	const map = entityOf(items(ctx), id);
	const current = map ? readFeedback(id, map) : null;
	if (!map || !current) return { ok: false, reason: 'notFound' };
	const merged: FeedbackFields = { ...current, ...stripSatisfaction(patch) };
	const errors = validateFeedback(merged);
	if (
		patch.satisfaction !== undefined &&
		patch.satisfaction !== null &&
		!isSatisfaction(patch.satisfaction)
	)
		errors.satisfaction = 'validation.choiceInvalid';
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	const next = stored(merged);
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		for (const key of Object.keys(patch) as (keyof FeedbackPatch)[]) {
			if (key === 'satisfaction') {
				if (patch.satisfaction === null) map.delete('satisfaction');
				else map.set('satisfaction', patch.satisfaction);
			} else if (map.get(key) !== next[key]) map.set(key, next[key]);
		}
		if (patch.severity && patch.severity !== current.severity)
			map.set('dueAt', dueAtFor(current.receivedAt, patch.severity, rulesOf(ctx)));
		stampUpdated(map, ctx, at);
	}, ctx.origin);
	return { ok: true, value: id };
}

function stripSatisfaction(patch: FeedbackPatch): Partial<FeedbackFields> {
	const { satisfaction: _satisfaction, ...fields } = patch;
	return fields;
}

export function setResponseRules(
	ctx: CommandContext,
	rules: ResponseRules
): Result<null, Partial<Record<Severity, string>>> {
	const errors = validateResponseRules(rules);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	ctx.ws.doc.transact(
		() => ctx.ws.meta.set(FEEDBACK_RULES_KEY, { hours: { ...rules.hours } }),
		ctx.origin
	);
	return { ok: true, value: null };
}
