import type { CustomerFields } from '../customers/rules/customer';
import { commandTime } from '../../crdt/stamps';
import { updateCustomer } from '../customers/customer-commands';
import type { CommandResult } from '../customers/rules/customer';
import { type CommandContext } from '../../core/command-context';
import { decodeEventValue, encodeEventValue, eventBelongsTo } from '../activity/event-values';
import { moveFieldEdit, readFieldEdit, type FieldEditEntry } from '../customers/field-edit-entries';
import { newId } from '../../crdt/ids';
import { liveCustomer, type WorkspaceDoc, entityOf, entityMaps } from '../../crdt/workspace-doc';

/** Re-points every event record of one customer to another, keeping the form it is stored in. */
function moveEvents(root: WorkspaceDoc['purchases'], from: string, to: string): number {
	let moved = 0;
	for (const [id, value] of root.entries()) {
		if (!eventBelongsTo(value, from)) continue;
		const record = { ...decodeEventValue(value), customerId: to };
		root.set(id, typeof value === 'string' ? encodeEventValue(record) : record);
		moved++;
	}
	return moved;
}

/** Re-points one customer's field edits (the compact history entries, v9) to another. */
function moveFieldEdits(changes: WorkspaceDoc['changes'], from: string, to: string): void {
	for (const [id, value] of changes.entries()) {
		if (readFieldEdit(value)?.customerId === from) {
			changes.set(id, moveFieldEdit(value as FieldEditEntry, to));
		}
	}
}

export interface MergeResult {
	purchases: number;
	interactions: number;
	tasks: number;
}

/**
 * Merges `mergedId` into `keptId` as one transaction (one undo step): the kept customer takes
 * the chosen field values; every purchase, interaction, task and history entry of the other
 * moves to it; the merge is written to the history; and the other is marked deleted with
 * `mergedInto`, so a colleague's concurrent edit to it does not bring it back.
 */
export function mergeCustomers(
	ctx: CommandContext,
	keptId: string,
	mergedId: string,
	chosen: CustomerFields
): CommandResult<MergeResult> {
	const kept = liveCustomer(ctx.ws, keptId);
	const merged = liveCustomer(ctx.ws, mergedId);
	const mergedMap = entityOf(ctx.ws.customers, mergedId);
	if (!kept || !merged || !mergedMap || keptId === mergedId)
		return { ok: false, reason: 'notFound' };
	let result: CommandResult<MergeResult> = { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => {
		const updated = updateCustomer(ctx, keptId, chosen);
		if (!updated.ok) {
			result = updated;
			return;
		}
		const at = commandTime(ctx);
		const moved: MergeResult = {
			purchases: moveEvents(ctx.ws.purchases, mergedId, keptId),
			interactions: moveEvents(ctx.ws.interactions, mergedId, keptId),
			tasks: 0
		};
		for (const task of entityMaps(ctx.ws.tasks)) {
			if (task.get('customerId') === mergedId) {
				task.set('customerId', keptId);
				moved.tasks++;
			}
		}
		moveEvents(ctx.ws.changes, mergedId, keptId);
		moveFieldEdits(ctx.ws.changes, mergedId, keptId);
		ctx.ws.changes.set(newId(), {
			customerId: keptId,
			at,
			by: ctx.memberId,
			changes: [],
			mergedFrom: { id: mergedId, name: merged.name }
		});
		mergedMap.set('deletedAt', at);
		mergedMap.set('deletedBy', ctx.memberId);
		mergedMap.set('mergedInto', keptId);
		result = { ok: true, value: moved };
	}, ctx.origin);
	return result;
}
