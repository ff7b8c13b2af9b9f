import * as Y from 'yjs';
import { cleanTagName, type TagColor, type TagNameProblem } from './rules/tags';
import type { CommandContext } from '../../core/command-context';
import { isDeleted, type RecordMap, entityMaps } from '../../crdt/workspace-doc';
import { commandTime, stampUpdated } from '../../crdt/stamps';

function tagMapOf(customer: RecordMap): Y.Map<boolean> | null {
	const tags = customer.get('tags');
	return tags instanceof Y.Map ? (tags as Y.Map<boolean>) : null;
}

export function setTagColor(ctx: CommandContext, tag: string, color: TagColor): void {
	ctx.ws.doc.transact(() => ctx.ws.tagColors.set(tag, color), ctx.origin);
}

export type TagChangeResult =
	| { ok: true; value: { customers: number; merged: boolean } }
	| { ok: false; error: TagNameProblem };

/**
 * Renames a tag on every customer; when the new name is already a tag, the two merge. The
 * colour follows unless the target already has one. Customers who are tagged by a colleague
 * at the same moment, offline, keep the old name until someone renames again.
 */
export function renameTag(ctx: CommandContext, from: string, to: string): TagChangeResult {
	const cleaned = cleanTagName(to);
	if (!cleaned.ok) return cleaned;
	const target = cleaned.value;
	if (target === from) return { ok: true, value: { customers: 0, merged: false } };
	let customers = 0;
	let merged = false;
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		for (const customer of entityMaps(ctx.ws.customers)) {
			const tags = tagMapOf(customer);
			if (!tags) continue;
			if (tags.has(target) && !isDeleted(customer)) merged = true;
			if (!tags.has(from)) continue;
			tags.delete(from);
			tags.set(target, true);
			stampUpdated(customer, ctx, at);
			if (!isDeleted(customer)) customers++;
		}
		const color = ctx.ws.tagColors.get(from);
		if (color !== undefined) {
			if (!ctx.ws.tagColors.has(target)) ctx.ws.tagColors.set(target, color);
			ctx.ws.tagColors.delete(from);
		}
	}, ctx.origin);
	return { ok: true, value: { customers, merged } };
}

/** Takes a tag off every customer (one undo step). Returns how many customers lost it. */
export function deleteTag(ctx: CommandContext, tag: string): number {
	let customers = 0;
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		for (const customer of entityMaps(ctx.ws.customers)) {
			const tags = tagMapOf(customer);
			if (!tags?.has(tag)) continue;
			tags.delete(tag);
			stampUpdated(customer, ctx, at);
			if (!isDeleted(customer)) customers++;
		}
		ctx.ws.tagColors.delete(tag);
	}, ctx.origin);
	return customers;
}
