import * as Y from 'yjs';
import type { CommandContext } from '../core/command-context';
import { newId } from './ids';
import { commandTime, stampCreated, stampUpdated } from './stamps';
import { entityOf, type RecordMap } from './workspace-doc';

/**
 * Sets only the fields that differ: a colleague's concurrent change of another field stands,
 * and an unchanged field adds nothing to the update colleagues receive.
 */
export function writeChangedFields(map: RecordMap, fields: Readonly<Record<string, unknown>>) {
	for (const [key, value] of Object.entries(fields)) {
		if (map.get(key) !== value) map.set(key, value);
	}
}

/** A new entity record in `root` with these fields and who made it, in one step; its id. */
export function insertEntity(
	ctx: CommandContext,
	root: Y.Map<unknown>,
	fields: Readonly<Record<string, unknown>>
): string {
	const id = newId();
	ctx.ws.doc.transact(() => {
		const map = new Y.Map<unknown>();
		root.set(id, map);
		writeChangedFields(map, fields);
		stampCreated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return id;
}

/** Changes an entity record's fields, stamped with who and when; false when there is none. */
export function changeEntity(
	ctx: CommandContext,
	root: Y.Map<unknown>,
	id: string,
	fields: Readonly<Record<string, unknown>>
): boolean {
	const map = entityOf(root, id);
	if (!map) return false;
	ctx.ws.doc.transact(() => {
		writeChangedFields(map, fields);
		stampUpdated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return true;
}

/** Removes a record from `root` (undo brings it back); false when there is none. */
export function removeRecord(ctx: CommandContext, root: Y.Map<unknown>, id: string): boolean {
	if (!root.has(id)) return false;
	ctx.ws.doc.transact(() => root.delete(id), ctx.origin);
	return true;
}
