import * as Y from 'yjs';
import { validateProduct, type ProductErrors, type ProductFields } from '../domain/product';
import type { CommandContext } from './customer-commands';
import { newId } from './ids';
import { num, str, type RecordMap } from './workspace-doc';
import { commandTime, stampCreated, stampUpdated } from './stamps';

export interface ProductRecord extends ProductFields {
	id: string;
	createdAt: number;
}

export function readProduct(id: string, map: RecordMap): ProductRecord {
	return {
		id,
		name: str(map, 'name'),
		category: str(map, 'category'),
		priceCents: num(map, 'priceCents'),
		active: map.get('active') !== false,
		createdAt: num(map, 'createdAt')
	};
}

export type ProductResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; errors: ProductErrors }
	| { ok: false; reason: 'notFound' };

function write(map: RecordMap, fields: ProductFields) {
	map.set('name', fields.name);
	map.set('category', fields.category);
	map.set('priceCents', fields.priceCents);
	map.set('active', fields.active);
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
	const map = ctx.ws.products.get(id);
	if (!map) return { ok: false, reason: 'notFound' };
	const checked = validateProduct(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	ctx.ws.doc.transact(() => {
		write(map, checked.value);
		stampUpdated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}
