import * as Y from 'yjs';
import type {
	CommandResult,
	CustomerFieldName,
	CustomerFields,
	FieldErrors
} from './rules/customer';
import { validateCustomer } from './rules/customer-validation';
import {
	CUSTOM_KEY_PREFIX,
	parseCustomValue,
	type CustomValues
} from '../custom-fields/rules/custom-fields';
import { fieldChanges } from './rules/field-changes';
import { liveFieldDefs } from '../custom-fields/custom-field-commands';
import { newEntryKey, newId } from '../../crdt/ids';
import { liveCustomer, str, type RecordMap, entityOf } from '../../crdt/workspace-doc';
import { commandTime, stampCreated } from '../../crdt/stamps';
import { encodeFieldEdit } from './field-edit-entries';
import type { CommandContext } from '../../core/command-context';

function writeTags(map: RecordMap, before: string[], after: string[]): void {
	let tags = map.get('tags');
	if (!(tags instanceof Y.Map)) {
		if (after.length === 0) return;
		tags = new Y.Map<boolean>();
		map.set('tags', tags);
	}
	const tagMap = tags as Y.Map<boolean>;
	const keep = new Set(after);
	for (const tag of before) if (!keep.has(tag)) tagMap.delete(tag);
	for (const tag of after) if (!tagMap.has(tag)) tagMap.set(tag, true);
}

function writeCustomValues(map: RecordMap, before: CustomValues, after: CustomValues): number {
	let changed = 0;
	for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
		const value = after[id];
		if (JSON.stringify(before[id]) === JSON.stringify(value)) continue;
		if (value === undefined) map.delete(`${CUSTOM_KEY_PREFIX}${id}`);
		else map.set(`${CUSTOM_KEY_PREFIX}${id}`, value);
		changed++;
	}
	return changed;
}

function sameTags(a: string[], b: string[]): boolean {
	if (a.length !== b.length) return false;
	const set = new Set(a);
	return b.every((tag) => set.has(tag));
}

/** Writes only the fields that differ, so concurrent edits to other fields are left alone. */
function writeChangedFields(
	map: RecordMap,
	before: CustomerFields | null,
	after: CustomerFields
): number {
	let changed = 0;
	for (const key of Object.keys(after) as CustomerFieldName[]) {
		if (key === 'custom') {
			changed += writeCustomValues(map, before?.custom ?? {}, after.custom);
			continue;
		}
		if (key === 'tags') {
			const old = before?.tags ?? [];
			if (!sameTags(old, after.tags)) {
				writeTags(map, old, after.tags);
				changed++;
			}
			continue;
		}
		const value = after[key];
		if (before && before[key] === value) continue;
		// Defaults are stored as absence, like empty text, to keep the doc small.
		if (value === '' || (key === 'consent' && value === 'unknown')) {
			if (map.has(key)) map.delete(key);
		} else {
			map.set(key, value);
		}
		if (before || value !== '') changed++;
	}
	return changed;
}

function insertCustomer(ctx: CommandContext, fields: CustomerFields, at: number): string {
	const id = newId();
	const map = new Y.Map<unknown>();
	ctx.ws.customers.set(id, map);
	writeChangedFields(map, null, fields);
	stampCreated(map, ctx, at);
	return id;
}

/** Both the field rules and, for the shop's own fields, whether each value fits its definition. */
function checkCustomer(ctx: CommandContext, input: CustomerFields, before?: CustomerFields) {
	const checked = validateCustomer(input);
	const customErrors = customValueErrors(ctx, input.custom, before?.custom ?? {});
	if (!checked.ok || Object.keys(customErrors).length > 0) {
		return {
			ok: false as const,
			errors: { ...(checked.ok ? {} : checked.errors), ...customErrors }
		};
	}
	return checked;
}

/**
 * Values of live fields must fit them. Values of removed fields are kept as they were (removal
 * never destroys data), but no new ones can be written.
 */
function customValueErrors(
	ctx: CommandContext,
	custom: CustomValues,
	before: CustomValues
): FieldErrors {
	const defs = new Map(liveFieldDefs(ctx.ws).map((def) => [def.id, def]));
	const errors: FieldErrors = {};
	for (const [id, value] of Object.entries(custom)) {
		const def = defs.get(id);
		if (!def) {
			if (JSON.stringify(before[id]) !== JSON.stringify(value))
				errors[`custom.${id}`] = 'validation.choiceInvalid';
			continue;
		}
		const raw = typeof value === 'number' ? String(value) : value;
		const parsed = parseCustomValue(def, raw);
		if (!parsed.ok || parsed.value === null) errors[`custom.${id}`] = 'validation.choiceInvalid';
	}
	return errors;
}

export function createCustomer(ctx: CommandContext, input: CustomerFields): CommandResult<string> {
	const checked = checkCustomer(ctx, input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	let id = '';
	ctx.ws.doc.transact(() => {
		id = insertCustomer(ctx, checked.value, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

export interface BatchFailure {
	index: number;
	errors: FieldErrors;
}

/**
 * Creates many customers as one transaction (one undo step). All rows are validated first;
 * if any is invalid nothing is written and every failing row is reported.
 */
export function createCustomers(
	ctx: CommandContext,
	inputs: CustomerFields[]
): { ok: true; value: string[] } | { ok: false; failures: BatchFailure[] } {
	const valid: CustomerFields[] = [];
	const failures: BatchFailure[] = [];
	inputs.forEach((input, index) => {
		const checked = checkCustomer(ctx, input);
		if (checked.ok) valid.push(checked.value);
		else failures.push({ index, errors: checked.errors });
	});
	if (failures.length > 0) return { ok: false, failures };
	const ids: string[] = [];
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		for (const fields of valid) ids.push(insertCustomer(ctx, fields, at));
	}, ctx.origin);
	return { ok: true, value: ids };
}

/** Changes the given fields of a customer. Fields not in the patch are not touched. */
export function updateCustomer(
	ctx: CommandContext,
	id: string,
	patch: Partial<CustomerFields>
): CommandResult<number> {
	const current = liveCustomer(ctx.ws, id);
	const map = entityOf(ctx.ws.customers, id);
	if (!current || !map) return { ok: false, reason: 'notFound' };
	const checked = checkCustomer(ctx, { ...current, ...patch }, current);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	let changed = 0;
	ctx.ws.doc.transact(() => {
		changed = writeChangedFields(map, current, checked.value);
		if (changed > 0) {
			// The history entry goes in the same transaction, so undo removes it with the edit. It
			// is also the edit's only time stamp (see field-edit-entries.ts).
			const entry = encodeFieldEdit(
				id,
				commandTime(ctx),
				ctx.memberId,
				fieldChanges(current, checked.value)
			);
			ctx.ws.changes.set(newEntryKey(), entry);
		}
	}, ctx.origin);
	return { ok: true, value: changed };
}

/**
 * Deletes a customer by marking it deleted: the record stays in the doc, so an edit a colleague
 * makes concurrently cannot bring it back to life, and undo can restore it exactly.
 */
export function deleteCustomer(ctx: CommandContext, id: string): CommandResult<string> {
	const current = liveCustomer(ctx.ws, id);
	const map = entityOf(ctx.ws.customers, id);
	if (!current || !map) return { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => {
		map.set('deletedAt', commandTime(ctx));
		map.set('deletedBy', ctx.memberId);
	}, ctx.origin);
	return { ok: true, value: current.name };
}

/**
 * Brings a deleted customer back, with everything that stayed attached to them (purchases,
 * conversations, tasks, history). Removing `deletedAt` is one key of their record: on any
 * synced device it restores them, and a colleague's concurrent edit of another field is kept.
 * A customer merged into another is not restored here: their events have moved.
 */
export function restoreCustomer(ctx: CommandContext, id: string): CommandResult<string> {
	const map = entityOf(ctx.ws.customers, id);
	if (!map || typeof map.get('deletedAt') !== 'number' || map.has('mergedInto')) {
		return { ok: false, reason: 'notFound' };
	}
	ctx.ws.doc.transact(() => {
		map.delete('deletedAt');
		map.delete('deletedBy');
	}, ctx.origin);
	return { ok: true, value: str(map, 'name') };
}
