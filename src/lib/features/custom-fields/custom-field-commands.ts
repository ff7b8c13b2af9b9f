import * as Y from 'yjs';
import {
	CUSTOM_FIELD_TYPES,
	CUSTOM_KEY_PREFIX,
	validateFieldDef,
	type CustomFieldDef,
	type CustomFieldDefInput,
	type CustomFieldType,
	type DefErrors
} from './rules/custom-fields';
import type { CommandContext } from '../../core/command-context';
import { newId } from '../../crdt/ids';
import {
	isDeleted,
	num,
	str,
	type RecordMap,
	type WorkspaceDoc,
	entityOf,
	entityMaps,
	entitiesOf
} from '../../crdt/workspace-doc';
import { commandTime, stampCreated, stampUpdated } from '../../crdt/stamps';

export interface FieldDefRecord extends CustomFieldDef {
	removed: boolean;
}

export function readFieldDef(id: string, map: RecordMap): FieldDefRecord {
	const type = str(map, 'type');
	const options = map.get('options');
	return {
		id,
		labelEn: str(map, 'labelEn'),
		labelZh: str(map, 'labelZh'),
		type: (CUSTOM_FIELD_TYPES as readonly string[]).includes(type)
			? (type as CustomFieldType)
			: 'text',
		// Each once: another program may write a choice twice, and lists are keyed by option.
		options: Array.isArray(options)
			? [...new Set(options.filter((o): o is string => typeof o === 'string'))]
			: [],
		showInList: map.get('showInList') === true,
		order: num(map, 'order'),
		removed: typeof map.get('removedAt') === 'number'
	};
}

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
