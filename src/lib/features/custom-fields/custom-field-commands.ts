import * as Y from 'yjs';
import {
	CUSTOM_KEY_PREFIX,
	validateFieldDef,
	type CustomFieldDefInput,
	type DefErrors
} from './rules/custom-fields';
import type { CommandContext } from '../../core/command-context';
import { newId } from '../../crdt/ids';
import {
	isDeleted,
	type RecordMap,
	type WorkspaceDoc,
	entityOf,
	entityMaps,
	entitiesOf
} from '../../crdt/workspace-doc';
import { commandTime, stampCreated, stampUpdated } from '../../crdt/stamps';
import { readFieldDef, type FieldDefRecord } from './field-def-records';

/** The shop's fields in display order, without removed ones. */
export function liveFieldDefs(ws: WorkspaceDoc): FieldDefRecord[] {
	return [...entitiesOf(ws.fieldDefs)]
		.map(([id, map]) => readFieldDef(id, map))
		.filter((def) => !def.removed)
		.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export type FieldDefResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; errors: DefErrors }
	| { ok: false; reason: 'notFound' };

function writeDef(map: RecordMap, def: CustomFieldDefInput) {
	map.set('labelEn', def.labelEn);
	map.set('labelZh', def.labelZh);
	map.set('type', def.type);
	map.set('options', def.options);
	map.set('showInList', def.showInList);
}

export function createFieldDef(ctx: CommandContext, input: CustomFieldDefInput): FieldDefResult {
	const checked = validateFieldDef(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	const id = newId();
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		const map = new Y.Map<unknown>();
		ctx.ws.fieldDefs.set(id, map);
		writeDef(map, checked.value);
		map.set('order', at);
		stampCreated(map, ctx, at);
	}, ctx.origin);
	return { ok: true, value: id };
}

/**
 * Renames a field or changes its choices. The type cannot change once values exist elsewhere,
 * so a new type is refused while customers hold values: stored values stay readable.
 */
export function updateFieldDef(
	ctx: CommandContext,
	id: string,
	input: CustomFieldDefInput
): FieldDefResult {
	const map = entityOf(ctx.ws.fieldDefs, id);
	if (!map || readFieldDef(id, map).removed) return { ok: false, reason: 'notFound' };
	const checked = validateFieldDef(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	const current = readFieldDef(id, map);
	if (current.type !== checked.value.type && countFieldValues(ctx.ws, id) > 0) {
		return { ok: false, reason: 'invalid', errors: { type: 'validation.typeLocked' } };
	}
	ctx.ws.doc.transact(() => {
		writeDef(map, checked.value);
		stampUpdated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

/** Hides a field. Customers' values stay in the doc, so undo brings everything back. */
export function removeFieldDef(ctx: CommandContext, id: string): boolean {
	const map = entityOf(ctx.ws.fieldDefs, id);
	if (!map) return false;
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		map.set('removedAt', at);
		stampUpdated(map, ctx, at);
	}, ctx.origin);
	return true;
}

/** How many live customers hold a value for this field (shown before removing it). */
export function countFieldValues(ws: WorkspaceDoc, id: string): number {
	let count = 0;
	const key = `${CUSTOM_KEY_PREFIX}${id}`;
	for (const map of entityMaps(ws.customers)) if (!isDeleted(map) && map.has(key)) count++;
	return count;
}
