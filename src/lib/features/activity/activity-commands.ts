import * as Y from 'yjs';
import {
	validateInteraction,
	validatePurchase,
	validateTask,
	type ActivityErrors,
	type InteractionFields,
	type PurchaseFields,
	type TaskFields
} from './rules/activity';
import { isDateKey, localDateKey } from '../../domain/dates';
import { followUpsAfterPurchase } from './rules/follow-ups';
import { interactionChanges, purchaseChanges } from './rules/event-changes';
import type { FieldChange } from '../customers/rules/field-changes';
import {
	readInteraction,
	readPurchase,
	readTask,
	type EditedEventKind,
	type TaskRecord
} from './activity-records';
import type { CommandContext } from '../../core/command-context';
import { liveEventValue, newTombstone, tombstoneOf, type EventRoot } from './event-tombstones';
import { decodeEventValue, encodeEventValue } from './event-values';
import { newId } from '../../crdt/ids';
import { eventOwner, liveCustomer, entityOf, entitiesOf } from '../../crdt/workspace-doc';
import { commandTime, eventCreated, stampCreated, stampUpdated } from '../../crdt/stamps';
import { purchaseEffects } from './purchase-effects';

export type ActivityCommandResult<T, F> =
	| { ok: true; value: T }
	| { ok: false; reason: 'invalid'; errors: ActivityErrors<F> }
	| { ok: false; reason: 'notFound' };

function customerTasks(ctx: CommandContext, customerId: string): TaskRecord[] {
	const tasks: TaskRecord[] = [];
	for (const [id, map] of entitiesOf(ctx.ws.tasks)) {
		if (map.get('customerId') === customerId) tasks.push(readTask(id, map));
	}
	return tasks;
}

function insertTask(
	ctx: CommandContext,
	fields: TaskFields,
	at: number,
	extra: { seriesId?: string; sourceId?: string } = {}
): string {
	const id = newId();
	const map = new Y.Map<unknown>();
	ctx.ws.tasks.set(id, map);
	map.set('customerId', fields.customerId);
	map.set('title', fields.title);
	map.set('due', fields.due);
	if (fields.dueTime) map.set('dueTime', fields.dueTime);
	if (fields.repeatAfterPurchaseDays > 0) {
		map.set('repeatAfterPurchaseDays', fields.repeatAfterPurchaseDays);
	}
	map.set('status', 'open');
	map.set('seriesId', extra.seriesId ?? id);
	if (extra.sourceId) map.set('sourceId', extra.sourceId);
	stampCreated(map, ctx, at);
	return id;
}

/** Whether `addPurchase` would refuse these fields (it then writes nothing). */
export function purchaseRefusal(ctx: CommandContext, input: PurchaseFields): boolean {
	const checked = validatePurchase(input);
	if (!checked.ok || !liveCustomer(ctx.ws, input.customerId)) return true;
	if (!purchaseEffects().couponRefusal(ctx.ws, checked.value).ok) return true;
	return !purchaseEffects().redemptionRefusal(ctx.ws, checked.value, commandTime(ctx)).ok;
}

/**
 * Records a purchase. In the same transaction, the customer's repeating follow-ups move to
 * N days after this purchase (an open one is rescheduled, a finished one gets a successor).
 */
export function addPurchase(
	ctx: CommandContext,
	input: PurchaseFields,
	/**
	 * The purchase's key. A won deal's purchase has one worked out from the deal, so two devices
	 * winning it apart write one purchase, not two (see `winDeal`).
	 */
	id = newId()
): ActivityCommandResult<string, PurchaseFields> {
	const checked = validatePurchase(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	if (!liveCustomer(ctx.ws, input.customerId)) return { ok: false, reason: 'notFound' };
	const coupon = purchaseEffects().couponRefusal(ctx.ws, checked.value);
	if (!coupon.ok) {
		return {
			ok: false,
			reason: 'invalid',
			errors: { couponCode: `coupons.problem.${coupon.problem}` }
		};
	}
	const redemption = purchaseEffects().redemptionRefusal(ctx.ws, checked.value, commandTime(ctx));
	if (!redemption.ok) {
		return {
			ok: false,
			reason: 'invalid',
			errors: { pointsRedeemed: `loyalty.errors.${redemption.problem}` }
		};
	}
	const { campaignId, ...couponFields } = coupon.value;
	// What points and coupons took off is set by their checks, never taken from the caller.
	const {
		pointsRedeemed: _points,
		pointsValueCents: _value,
		couponCode: _code,
		couponDiscountCents: _off,
		...given
	} = checked.value;
	const fields: PurchaseFields = { ...given, ...couponFields, ...redemption.value };
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		ctx.ws.purchases.set(id, encodeEventValue({ ...fields, ...eventCreated(ctx, at) }));
		purchaseEffects().pointsForNewPurchase(ctx, id, fields);
		purchaseEffects().writeRedemption(ctx, id, { ...fields, campaignId });
		const changes = followUpsAfterPurchase(
			customerTasks(ctx, input.customerId),
			localDateKey(checked.value.at)
		);
		for (const change of changes) {
			if (change.kind === 'reschedule') {
				const map = entityOf(ctx.ws.tasks, change.taskId);
				map?.set('due', change.due);
				map?.delete('snoozedUntil');
				if (map) stampUpdated(map, ctx, at);
			} else {
				const from = change.from;
				insertTask(
					ctx,
					{
						customerId: from.customerId,
						title: from.title,
						due: change.due,
						dueTime: '',
						repeatAfterPurchaseDays: from.repeatAfterPurchaseDays
					},
					at,
					{ seriesId: from.seriesId }
				);
			}
		}
	}, ctx.origin);
	return { ok: true, value: id };
}

/**
 * Deletes a purchase or interaction: its key is removed from its root (what an app older than
 * v8 understands as deleted) and a tombstone keeps the record, with who deleted it when, so
 * "Recently deleted" can bring it back on any device long after the toast's Undo has gone. An
 * edit made concurrently on another device wins the key back, but the tombstone keeps the event
 * deleted; restoring brings back that edited version (see event-tombstones.ts).
 */
function deleteEvent(ctx: CommandContext, root: EventRoot, id: string): boolean {
	const stored = ctx.ws[root].get(id);
	const value = decodeEventValue(stored);
	if (!value || typeof value.customerId !== 'string' || typeof value.deletedAt === 'number') {
		return false;
	}
	if (tombstoneOf(ctx.ws, root, id)) return false;
	ctx.ws.doc.transact(() => {
		const tombstone = newTombstone(root, stored, value, commandTime(ctx), ctx.memberId);
		ctx.ws[root].delete(id);
		ctx.ws.eventTombstones.set(id, tombstone);
	}, ctx.origin);
	return true;
}

/**
 * Brings a deleted event back; false when it is not deleted, no record of it is left, or its
 * customer (followed through merges) is gone. The record under its key, when there is one (an
 * edit that raced the delete), is what comes back; else the tombstone's is put back.
 */
function restoreEvent(ctx: CommandContext, root: EventRoot, id: string): boolean {
	const tombstone = tombstoneOf(ctx.ws, root, id);
	const present = decodeEventValue(ctx.ws[root].get(id));
	const kept = present && typeof present.customerId === 'string' ? present : null;
	const value = kept ?? (tombstone && decodeEventValue(tombstone.record));
	if (!value || typeof value.customerId !== 'string') return false;
	if (!tombstone && typeof value.deletedAt !== 'number') return false;
	const owner = eventOwner(ctx.ws, value.customerId);
	if (!liveCustomer(ctx.ws, owner)) return false;
	const { deletedAt: _at, deletedBy: _by, ...restored } = value;
	const rewrite = !kept || typeof value.deletedAt === 'number' || owner !== value.customerId;
	ctx.ws.doc.transact(() => {
		if (tombstone) ctx.ws.eventTombstones.delete(id);
		if (!rewrite) return;
		// The tombstone's record goes back as it was stored, unless it must change.
		const unchanged = !kept && typeof value.deletedAt !== 'number' && owner === value.customerId;
		ctx.ws[root].set(
			id,
			unchanged && typeof tombstone?.record === 'string'
				? tombstone.record
				: encodeEventValue({ ...restored, customerId: owner })
		);
	}, ctx.origin);
	return true;
}

/**
 * Rewrites a live event whole with its new fields (keeping keys a newer client may have added),
 * stamps who changed it, and writes the change to the customer's history in the same
 * transaction, so one undo takes back both.
 */
function rewriteEvent(
	ctx: CommandContext,
	root: EventRoot,
	kind: EditedEventKind,
	id: string,
	customerId: string,
	fields: Record<string, unknown>,
	changes: FieldChange[]
): void {
	const stored = decodeEventValue(ctx.ws[root].get(id)) ?? {};
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		ctx.ws[root].set(
			id,
			encodeEventValue({ ...stored, ...fields, customerId, updatedAt: at, updatedBy: ctx.memberId })
		);
		ctx.ws.changes.set(newId(), {
			customerId,
			at,
			by: ctx.memberId,
			changes,
			event: { kind, id }
		});
	}, ctx.origin);
}

/** Deletes a purchase; the points it earned are reversed and those it redeemed refunded. */
export function deletePurchase(ctx: CommandContext, id: string): boolean {
	const customerId = readPurchase(id, liveEventValue(ctx.ws, 'purchases', id))?.customerId;
	let deleted = false;
	ctx.ws.doc.transact(() => {
		deleted = deleteEvent(ctx, 'purchases', id);
		if (deleted && customerId) purchaseEffects().reversePurchasePoints(ctx, id, customerId);
	}, ctx.origin);
	return deleted;
}

/** Brings a purchase back, with the points it had. */
export function restorePurchase(ctx: CommandContext, id: string): boolean {
	let restored = false;
	ctx.ws.doc.transact(() => {
		restored = restoreEvent(ctx, 'purchases', id);
		const customerId = readPurchase(id, liveEventValue(ctx.ws, 'purchases', id))?.customerId;
		if (restored && customerId) purchaseEffects().restorePurchasePoints(ctx, id, customerId);
	}, ctx.origin);
	return restored;
}

/**
 * Changes a purchase (lines, price, discount, date, payment, channel, note); it stays the same
 * customer's. Returns how many fields changed (0 writes nothing). Follow-ups already moved by the
 * purchase are left as they are.
 */
export function editPurchase(
	ctx: CommandContext,
	id: string,
	input: PurchaseFields
): ActivityCommandResult<number, PurchaseFields> {
	const current = readPurchase(id, liveEventValue(ctx.ws, 'purchases', id));
	// An edit made while a colleague merged its customer away names the old one: it is theirs.
	const customerId = current && eventOwner(ctx.ws, current.customerId);
	if (!current || !customerId || !liveCustomer(ctx.ws, customerId)) {
		return { ok: false, reason: 'notFound' };
	}
	const checked = validatePurchase({ ...input, customerId });
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	// An edit keeps the points redeemed as they were: the form does not change them.
	const {
		pointsRedeemed: _points,
		pointsValueCents: _value,
		couponCode: _code,
		couponDiscountCents: _off,
		...edited
	} = checked.value;
	const changes = purchaseChanges(current, edited);
	if (changes.length === 0) return { ok: true, value: 0 };
	ctx.ws.doc.transact(() => {
		rewriteEvent(ctx, 'purchases', 'purchase', id, customerId, { ...edited }, changes);
		purchaseEffects().repricePurchasePoints(ctx, id, edited);
	}, ctx.origin);
	return { ok: true, value: changes.length };
}

/** Logs a conversation; a follow-up date also creates the follow-up task, in one undo step. */
export function logInteraction(
	ctx: CommandContext,
	input: InteractionFields
): ActivityCommandResult<{ interactionId: string; taskId: string | null }, InteractionFields> {
	const checked = validateInteraction(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	if (!liveCustomer(ctx.ws, input.customerId)) return { ok: false, reason: 'notFound' };
	const interactionId = newId();
	let taskId: string | null = null;
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		const value = checked.value;
		if (value.followUpDate !== '') {
			const title = value.nextStep || value.summary;
			taskId = insertTask(
				ctx,
				{
					customerId: value.customerId,
					title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
					due: value.followUpDate,
					dueTime: '',
					repeatAfterPurchaseDays: 0
				},
				at,
				{ sourceId: interactionId }
			);
		}
		ctx.ws.interactions.set(
			interactionId,
			encodeEventValue({ ...value, taskId: taskId ?? '', ...eventCreated(ctx, at) })
		);
	}, ctx.origin);
	return { ok: true, value: { interactionId, taskId } };
}

export function deleteInteraction(ctx: CommandContext, id: string): boolean {
	return deleteEvent(ctx, 'interactions', id);
}

export function restoreInteraction(ctx: CommandContext, id: string): boolean {
	return restoreEvent(ctx, 'interactions', id);
}

/**
 * Changes a conversation (date, kind, direction, summary, outcome, next step, products asked
 * about). Its follow-up date and task are not edited here: the task is edited as a task.
 */
export function editInteraction(
	ctx: CommandContext,
	id: string,
	input: InteractionFields
): ActivityCommandResult<number, InteractionFields> {
	const current = readInteraction(id, liveEventValue(ctx.ws, 'interactions', id));
	// An edit made while a colleague merged its customer away names the old one: it is theirs.
	const customerId = current && eventOwner(ctx.ws, current.customerId);
	if (!current || !customerId || !liveCustomer(ctx.ws, customerId)) {
		return { ok: false, reason: 'notFound' };
	}
	const checked = validateInteraction({
		...input,
		customerId,
		followUpDate: current.followUpDate
	});
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	const changes = interactionChanges(current, checked.value);
	if (changes.length === 0) return { ok: true, value: 0 };
	const { followUpDate: _kept, ...fields } = checked.value;
	rewriteEvent(ctx, 'interactions', 'interaction', id, customerId, fields, changes);
	return { ok: true, value: changes.length };
}

export function addTask(
	ctx: CommandContext,
	input: TaskFields
): ActivityCommandResult<string, TaskFields> {
	const checked = validateTask(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	if (!liveCustomer(ctx.ws, input.customerId)) return { ok: false, reason: 'notFound' };
	let id = '';
	ctx.ws.doc.transact(() => {
		id = insertTask(ctx, checked.value, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

function changeTask(
	ctx: CommandContext,
	id: string,
	change: (map: Y.Map<unknown>, at: number) => void
): boolean {
	const map = entityOf(ctx.ws.tasks, id);
	if (!map) return false;
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		change(map, at);
		stampUpdated(map, ctx, at);
	}, ctx.origin);
	return true;
}

export function completeTask(ctx: CommandContext, id: string): boolean {
	return changeTask(ctx, id, (map, at) => {
		map.set('status', 'done');
		map.set('doneAt', at);
	});
}

export function reopenTask(ctx: CommandContext, id: string): boolean {
	return changeTask(ctx, id, (map) => {
		map.set('status', 'open');
		map.delete('doneAt');
	});
}

/** Hides a task until the given day (YYYY-MM-DD). */
export function snoozeTask(ctx: CommandContext, id: string, until: string): boolean {
	if (!isDateKey(until)) return false;
	return changeTask(ctx, id, (map) => map.set('snoozedUntil', until));
}

export function deleteTask(ctx: CommandContext, id: string): boolean {
	if (!ctx.ws.tasks.has(id)) return false;
	ctx.ws.doc.transact(() => ctx.ws.tasks.delete(id), ctx.origin);
	return true;
}
