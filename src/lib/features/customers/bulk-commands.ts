import type { CommandContext } from '../../core/command-context';
import { liveCustomer } from '../../crdt/workspace-doc';
import { cleanTagName, type TagNameProblem } from '../tags/rules/tags';
import { addTask } from '../activity/activity-commands';
import type { TaskFields } from '../activity/rules/activity';
import { LIFECYCLE_STAGES, type CustomerFields, type LifecycleStage } from './rules/customer';
import { updateCustomer } from './customer-commands';

/**
 * Changes to many customers at once (a segment's members): each customer is changed as its own
 * edit would change it, with its history entry, and all of them in one transaction, so one
 * Undo takes the whole change back. Customers deleted meanwhile are skipped.
 */
export type BulkResult =
	{ ok: true; value: number } | { ok: false; error: TagNameProblem | 'invalid' };

function changeEach(
	ctx: CommandContext,
	ids: readonly string[],
	patch: (current: CustomerFields) => Partial<CustomerFields> | null
): number {
	let changed = 0;
	ctx.ws.doc.transact(() => {
		for (const id of new Set(ids)) {
			const current = liveCustomer(ctx.ws, id);
			const change = current ? patch(current) : null;
			if (!change) continue;
			const result = updateCustomer(ctx, id, change);
			if (result.ok && result.value > 0) changed++;
		}
	}, ctx.origin);
	return changed;
}

export function tagCustomers(ctx: CommandContext, ids: readonly string[], tag: string): BulkResult {
	const cleaned = cleanTagName(tag);
	if (!cleaned.ok) return cleaned;
	const name = cleaned.value;
	return {
		ok: true,
		value: changeEach(ctx, ids, (c) => (c.tags.includes(name) ? null : { tags: [...c.tags, name] }))
	};
}

export function untagCustomers(
	ctx: CommandContext,
	ids: readonly string[],
	tag: string
): BulkResult {
	return {
		ok: true,
		value: changeEach(ctx, ids, (c) =>
			c.tags.includes(tag) ? { tags: c.tags.filter((t) => t !== tag) } : null
		)
	};
}

export function setCustomersStage(
	ctx: CommandContext,
	ids: readonly string[],
	stage: LifecycleStage
): BulkResult {
	if (!(LIFECYCLE_STAGES as readonly string[]).includes(stage))
		return { ok: false, error: 'invalid' };
	return { ok: true, value: changeEach(ctx, ids, (c) => (c.stage === stage ? null : { stage })) };
}

/** A follow-up task for each customer, all due the same day. */
export function addTasksFor(
	ctx: CommandContext,
	ids: readonly string[],
	task: Omit<TaskFields, 'customerId'>
): BulkResult {
	let added = 0;
	let refused = false;
	ctx.ws.doc.transact(() => {
		for (const customerId of new Set(ids)) {
			const result = addTask(ctx, { ...task, customerId });
			if (result.ok) added++;
			else if (result.reason === 'invalid') refused = true;
		}
	}, ctx.origin);
	return refused && added === 0 ? { ok: false, error: 'invalid' } : { ok: true, value: added };
}
