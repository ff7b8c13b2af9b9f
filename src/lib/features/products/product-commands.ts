import * as Y from 'yjs';
import {
	resolveProductId,
	salesPerProduct,
	validateProduct,
	type ProductErrors,
	type ProductFields
} from './rules/product';
import { readPurchase } from '../activity/activity-records';
import type { CommandContext } from '../../core/command-context';
import { tombstonedIds } from '../activity/event-tombstones';
import { newId } from '../../crdt/ids';
import { type RecordMap, type WorkspaceDoc, entityOf } from '../../crdt/workspace-doc';
import { commandTime, stampCreated, stampUpdated } from '../../crdt/stamps';

export type ProductResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; errors: ProductErrors }
	| { ok: false; reason: 'notFound' };

export type ProductChangeResult =
	{ ok: true; value: string } | { ok: false; reason: 'notFound' | 'sameProduct' | 'hasSales' };

const FIELDS = ['name', 'category', 'priceCents', 'active'] as const;

/**
 * Writes the fields that differ: re-writing an unchanged one (e.g. `active` while a colleague
 * archives the product) would win over their concurrent change of it.
 */
function write(map: RecordMap, fields: ProductFields) {
	for (const key of FIELDS) if (map.get(key) !== fields[key]) map.set(key, fields[key]);
}

export function createProduct(ctx: CommandContext, input: ProductFields): ProductResult {
	const checked = validateProduct(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	const id = newId();
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		const map = new Y.Map<unknown>();
		ctx.ws.products.set(id, map);
		write(map, checked.value);
		stampCreated(map, ctx, at);
	}, ctx.origin);
	return { ok: true, value: id };
}

/** Changes a product. Past purchases keep the name and price they were sold at. */
export function updateProduct(
	ctx: CommandContext,
	id: string,
	input: ProductFields
): ProductResult {
	const map = entityOf(ctx.ws.products, id);
	if (!map) return { ok: false, reason: 'notFound' };
	const checked = validateProduct(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	ctx.ws.doc.transact(() => {
		write(map, checked.value);
		stampUpdated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

/** Archives (stops offering) or unarchives a product; only `active` changes. */
export function setProductActive(
	ctx: CommandContext,
	id: string,
	active: boolean
): ProductChangeResult {
	const map = entityOf(ctx.ws.products, id);
	if (!map) return { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => {
		map.set('active', active);
		// A product that stands for itself but still names a merge target (a loop of two offline
		// merges settled on it) is shown as unmerged; the shopkeeper's choice now settles it.
		if (map.has('mergedInto') && currentProductId(ctx.ws, id) === id) map.delete('mergedInto');
		stampUpdated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

/** Where each product was merged to, in this doc; a target no longer there ends the chain. */
function mergedIntoIn(ws: WorkspaceDoc): (id: string) => string | undefined {
	return (id) => {
		const target = entityOf(ws.products, id)?.get('mergedInto');
		return typeof target === 'string' && ws.products.has(target) ? target : undefined;
	};
}

/** The product that now stands for `id` in this doc (see `resolveProductId`). */
export function currentProductId(ws: WorkspaceDoc, id: string): string {
	return resolveProductId(id, mergedIntoIn(ws));
}

/**
 * How many purchase lines name each product, counted for the product that now stands for it.
 * Reads every purchase, so only the catalogue's settings ask for it.
 */
export function productSaleCounts(ws: WorkspaceDoc): Map<string, number> {
	const ids: string[] = [];
	const deleted = tombstonedIds(ws).purchases;
	for (const [id, stored] of ws.purchases) {
		// Most sales typed before a catalogue existed name no product: skip parsing those.
		if (typeof stored === 'string' && !stored.includes('"productId"')) continue;
		if (deleted.has(id)) continue;
		for (const line of readPurchase(id, stored)?.lines ?? [])
			if (line.productId !== undefined) ids.push(line.productId);
	}
	return salesPerProduct(ids, mergedIntoIn(ws));
}

/**
 * Merges products into the one kept, in one transaction (one undo step). The merged products
 * stay in the doc with `mergedInto`, so the sales that name them count for the kept one, and
 * are archived, so an older app that does not know `mergedInto` stops offering them.
 */
export function mergeProducts(
	ctx: CommandContext,
	keptId: string,
	mergedIds: readonly string[]
): ProductChangeResult {
	if (!ctx.ws.products.has(keptId)) return { ok: false, reason: 'notFound' };
	const kept = currentProductId(ctx.ws, keptId);
	const merged = mergedIds.filter((id) => id !== kept);
	if (merged.length === 0) return { ok: false, reason: 'sameProduct' };
	if (merged.some((id) => !ctx.ws.products.has(id))) return { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		for (const id of merged) {
			const map = entityOf(ctx.ws.products, id)!;
			map.set('mergedInto', kept);
			map.set('active', false);
			stampUpdated(map, ctx, at);
		}
	}, ctx.origin);
	return { ok: true, value: kept };
}

/**
 * Removes a product that no sale names (its sales would lose nothing but the link, but a
 * product with sales is archived instead, so its figures stay together). Products merged into
 * it, which have no sales either then, go with it rather than reappearing on their own.
 */
export function deleteProduct(ctx: CommandContext, id: string): ProductChangeResult {
	if (!ctx.ws.products.has(id)) return { ok: false, reason: 'notFound' };
	if ((productSaleCounts(ctx.ws).get(currentProductId(ctx.ws, id)) ?? 0) > 0)
		return { ok: false, reason: 'hasSales' };
	const gone = [...ctx.ws.products.keys()].filter(
		(other) => other === id || currentProductId(ctx.ws, other) === id
	);
	ctx.ws.doc.transact(() => {
		for (const other of gone) ctx.ws.products.delete(other);
	}, ctx.origin);
	return { ok: true, value: id };
}
