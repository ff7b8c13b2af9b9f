import * as Y from 'yjs';
import {
	validateInteraction,
	validatePurchase,
	validateTask,
	type ActivityErrors,
	type InteractionFields,
	type PurchaseFields,
	type TaskFields
} from '../domain/activity';
import { isDateKey, localDateKey } from '../domain/dates';
import { followUpsAfterPurchase } from '../domain/follow-ups';
import { readTask, type TaskRecord } from './activity-records';
import type { CommandContext } from './customer-commands';
import { encodeEventValue } from './event-values';
import { newId } from './ids';
import { liveCustomer } from './workspace-doc';
import { commandTime, stampCreated, stampUpdated } from './stamps';

export type ActivityCommandResult<T, F> =
	| { ok: true; value: T }
	| { ok: false; reason: 'invalid'; errors: ActivityErrors<F> }
	| { ok: false; reason: 'notFound' };

function customerTasks(ctx: CommandContext, customerId: string): TaskRecord[] {
	const tasks: TaskRecord[] = [];
	for (const [id, map] of ctx.ws.tasks.entries()) {
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

/**
 * Records a purchase. In the same transaction, the customer's repeating follow-ups move to
 * N days after this purchase (an open one is rescheduled, a finished one gets a successor).
 */
export function addPurchase(
	ctx: CommandContext,
	input: PurchaseFields
): ActivityCommandResult<string, PurchaseFields> {
	const checked = validatePurchase(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	if (!liveCustomer(ctx.ws, input.customerId)) return { ok: false, reason: 'notFound' };
	const id = newId();
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		ctx.ws.purchases.set(
			id,
			encodeEventValue({ ...checked.value, createdAt: at, createdBy: ctx.memberId })
		);
		const changes = followUpsAfterPurchase(
			customerTasks(ctx, input.customerId),
			localDateKey(checked.value.at)
		);
		for (const change of changes) {
			if (change.kind === 'reschedule') {
				const map = ctx.ws.tasks.get(change.taskId);
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

export function deletePurchase(ctx: CommandContext, id: string): boolean {
	if (!ctx.ws.purchases.has(id)) return false;
	ctx.ws.doc.transact(() => ctx.ws.purchases.delete(id), ctx.origin);
	return true;
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
			encodeEventValue({ ...value, taskId: taskId ?? '', createdAt: at, createdBy: ctx.memberId })
		);
	}, ctx.origin);
	return { ok: true, value: { interactionId, taskId } };
}

export function deleteInteraction(ctx: CommandContext, id: string): boolean {
	if (!ctx.ws.interactions.has(id)) return false;
	ctx.ws.doc.transact(() => ctx.ws.interactions.delete(id), ctx.origin);
	return true;
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
	const map = ctx.ws.tasks.get(id);
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
