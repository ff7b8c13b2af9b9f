import * as Y from 'yjs';
import { entityOf, entitiesOf } from '../../src/lib/crdt/workspace-doc';
import { describe, expect, it } from 'vitest';
import { addPurchase } from '../../src/lib/features/activity/activity-commands';
import { readPurchase } from '../../src/lib/features/activity/activity-records';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { type CommandContext } from '../../src/lib/core/command-context';
import {
	createProduct,
	currentProductId,
	deleteProduct,
	mergeProducts,
	productSaleCounts,
	setProductActive,
	updateProduct
} from '../../src/lib/features/products/product-commands';
import { readProduct } from '../../src/lib/features/products/product-records';
import { createUndoManager } from '../../src/lib/crdt/undo';
import {
	findProduct,
	lineProductId,
	likelyDuplicateProducts,
	mergedIntoLookup,
	productNameKey,
	resolveProductId,
	salesPerProduct,
	sameNamedActiveProduct,
	unmergedProducts,
	validateProduct,
	type CatalogueProduct
} from '../../src/lib/features/products/rules/product';
import { ProjectionDb } from '../../src/lib/projection/db';
import { WorkspaceCore } from '../../src/lib/workspace/workspace-core';
import { buy, commandsOf, customer, memberContext } from './helpers';

describe('product catalogue', () => {
	it('validates name and price', () => {
		expect(
			validateProduct({ name: ' 乌龙茶 ', category: '', priceCents: 12800, active: true })
		).toEqual({
			ok: true,
			value: { name: '乌龙茶', category: '', priceCents: 12800, active: true }
		});
		expect(validateProduct({ name: '', category: '', priceCents: -1, active: true })).toEqual({
			ok: false,
			errors: { name: 'validation.required', priceCents: 'validation.amountInvalid' }
		});
	});

	it('finds a product by its name, ignoring case and spaces', () => {
		const products = [{ name: 'Jasmine Tea' }, { name: '乌龙茶' }];
		expect(findProduct(products, ' jasmine tea ')).toBe(products[0]);
		expect(findProduct(products, 'jasmine')).toBeUndefined();
		expect(findProduct(products, '')).toBeUndefined();
	});

	it('changing a product leaves past purchases as they were sold', () => {
		const ctx = memberContext();
		const product = createProduct(ctx, {
			name: '乌龙茶',
			category: '茶叶',
			priceCents: 12800,
			active: true
		});
		const buyer = createCustomer(ctx, customer({ name: 'Ann' }));
		if (!product.ok || !buyer.ok) throw new Error('setup failed');
		const sale = addPurchase(ctx, {
			customerId: buyer.value,
			at: 1,
			lines: [{ product: '乌龙茶', productId: product.value, quantity: 1, unitPriceCents: 12800 }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		});
		if (!sale.ok) throw new Error('no sale');
		updateProduct(ctx, product.value, {
			name: '高山乌龙',
			category: '茶叶',
			priceCents: 15800,
			active: false
		});
		expect(readProduct(product.value, entityOf(ctx.ws.products, product.value)!)).toMatchObject({
			name: '高山乌龙',
			priceCents: 15800,
			active: false
		});
		expect(readPurchase(sale.value, ctx.ws.purchases.get(sale.value))?.lines).toEqual([
			{ product: '乌龙茶', productId: product.value, quantity: 1, unitPriceCents: 12800 }
		]);
	});
});

const product = (
	id: string,
	name: string,
	more: Partial<CatalogueProduct> = {}
): CatalogueProduct => ({
	id,
	name,
	active: true,
	createdAt: 1,
	...more
});

describe('product names', () => {
	it('compare ignoring case, spaces around and full-/half-width differences', () => {
		expect(productNameKey(' Ｏｏｌｏｎｇ ')).toBe('oolong');
		expect(productNameKey('OOLONG')).toBe(productNameKey('oolong'));
		expect(productNameKey('Jasmine\u3000 Tea')).toBe('jasmine tea');
		expect(productNameKey('乌龙茶')).toBe('乌龙茶');
		expect(productNameKey('Oolong 2')).not.toBe(productNameKey('Oolong'));
	});

	it('warn about an active product of the same name, not an archived one or itself', () => {
		const tea = product('a', 'Oolong');
		const archived = product('b', '乌龙茶', { active: false });
		expect(sameNamedActiveProduct([tea, archived], 'ｏｏｌｏｎｇ')).toBe(tea);
		expect(sameNamedActiveProduct([tea, archived], ' 乌龙茶')).toBeUndefined();
		expect(sameNamedActiveProduct([tea], 'Oolong', 'a')).toBeUndefined();
		expect(sameNamedActiveProduct([tea], 'Oolong gift box')).toBeUndefined();
	});

	it('link a typed name to the active, then the oldest, of same-named products', () => {
		const newer = product('z', 'Oolong', { createdAt: 5 });
		const older = product('y', 'oolong', { createdAt: 2 });
		const archived = product('a', 'OOLONG', { createdAt: 1, active: false });
		expect(findProduct([newer, archived, older], 'Ｏｏｌｏｎｇ')).toBe(older);
		expect(findProduct([archived], 'oolong')).toBe(archived);
	});
});

describe('the product a purchase line links to', () => {
	const catalogue = [
		{ id: 'old', name: 'Oolong', active: true, createdAt: 1 },
		{ id: 'renamed', name: 'Tie Guan Yin', active: true, createdAt: 2 }
	];

	it('keeps the product a line was sold as while its text is unchanged', () => {
		// Sold as "Oolong" of product `renamed`, which has been renamed since; an edit of the note
		// must not move the sale to the other product called Oolong.
		const sold = { product: 'Oolong', productId: 'renamed' };
		expect(lineProductId(catalogue, 'Oolong', sold)).toBe('renamed');
		expect(lineProductId(catalogue, ' Oolong ', sold)).toBe('renamed');
	});

	it('looks a changed text up again, and a line that had no product too', () => {
		const sold = { product: 'Oolong', productId: 'renamed' };
		expect(lineProductId(catalogue, 'tie guan yin', sold)).toBe('renamed');
		expect(lineProductId(catalogue, 'Green tea', sold)).toBeUndefined();
		expect(lineProductId(catalogue, 'Oolong', { product: 'Oolong' })).toBe('old');
		expect(lineProductId(catalogue, 'Oolong')).toBe('old');
	});
});

describe('merged products', () => {
	it('resolve through mergedInto, and settle a loop of two offline merges the same way', () => {
		const rows = [
			product('a', 'Oolong', { mergedInto: 'b' }),
			product('b', 'Oolong', { mergedInto: 'c' }),
			product('c', 'Oolong'),
			product('x', 'Tea', { mergedInto: 'y' }),
			product('y', 'Tea', { mergedInto: 'x' }),
			product('gone', 'Pu-erh', { mergedInto: 'deleted' })
		];
		const lookup = mergedIntoLookup(rows);
		expect(resolveProductId('a', lookup)).toBe('c');
		expect(resolveProductId('x', lookup)).toBe('x');
		expect(resolveProductId('y', lookup)).toBe('x');
		expect(resolveProductId('gone', lookup)).toBe('gone');
		expect(unmergedProducts(rows).map((row) => row.id)).toEqual(['c', 'x', 'gone']);
		// Each merge archived the product it merged away; the one a loop settles on, and one whose
		// target is gone, stand for the others and are offered again.
		expect(
			unmergedProducts(rows.map((row) => ({ ...row, active: row.mergedInto === undefined })))
				.filter((row) => row.active)
				.map((row) => row.id)
		).toEqual(['c', 'x', 'gone']);
		expect(salesPerProduct(['a', 'b', 'c', 'y', 'gone'], lookup)).toEqual(
			new Map([
				['c', 3],
				['x', 1],
				['gone', 1]
			])
		);
	});

	it('are grouped as likely duplicates when unmerged products share a name', () => {
		const rows = [
			product('n', 'Oolong', { createdAt: 9 }),
			product('o', 'ｏｏｌｏｎｇ ', { createdAt: 3, active: false }),
			product('m', 'Oolong', { mergedInto: 'n' }),
			product('t', 'Tea')
		];
		expect(likelyDuplicateProducts(rows).map((group) => group.map((row) => row.id))).toEqual([
			['o', 'n']
		]);
	});
});

describe('catalogue commands', () => {
	const tea = { name: 'Oolong', category: 'Tea', priceCents: 12_800, active: true };

	const sell = (ctx: CommandContext, customerId: string, productId: string) =>
		buy(ctx, customerId, { productId, unitPriceCents: 12_800 });

	it('two colleagues adding the same product offline make likely duplicates; merging moves the sales in one undo step', () => {
		const mine = memberContext('member-a');
		const theirs = memberContext('member-b');
		const buyer = createCustomer(mine, customer({ name: 'Ann' }));
		if (!buyer.ok) throw new Error('setup failed');
		Y.applyUpdate(theirs.ws.doc, Y.encodeStateAsUpdate(mine.ws.doc));
		const a = createProduct(mine, tea);
		const b = createProduct(theirs, { ...tea, name: 'oolong ' });
		if (!a.ok || !b.ok) throw new Error('setup failed');
		sell(mine, buyer.value, a.value);
		sell(theirs, buyer.value, b.value);
		sell(theirs, buyer.value, b.value);
		Y.applyUpdate(mine.ws.doc, Y.encodeStateAsUpdate(theirs.ws.doc));
		Y.applyUpdate(theirs.ws.doc, Y.encodeStateAsUpdate(mine.ws.doc));

		const rows = () => [...entitiesOf(mine.ws.products)].map(([id, map]) => readProduct(id, map));
		expect(likelyDuplicateProducts(rows())).toHaveLength(1);
		expect(productSaleCounts(mine.ws)).toEqual(
			new Map([
				[a.value, 1],
				[b.value, 2]
			])
		);

		const undo = createUndoManager(mine.ws, mine.origin);
		expect(mergeProducts(mine, a.value, [b.value])).toEqual({ ok: true, value: a.value });
		expect(readProduct(b.value, entityOf(mine.ws.products, b.value)!)).toMatchObject({
			mergedInto: a.value,
			active: false
		});
		expect(currentProductId(mine.ws, b.value)).toBe(a.value);
		expect(productSaleCounts(mine.ws)).toEqual(new Map([[a.value, 3]]));
		expect(likelyDuplicateProducts(rows())).toEqual([]);
		expect(unmergedProducts(rows()).map((row) => row.id)).toEqual([a.value]);

		undo.undo();
		expect(entityOf(mine.ws.products, b.value)!.get('mergedInto')).toBeUndefined();
		expect(readProduct(b.value, entityOf(mine.ws.products, b.value)!).active).toBe(true);
		expect(productSaleCounts(mine.ws).get(b.value)).toBe(2);
	});

	it('two colleagues merging a pair each way offline keep one product, offered and archivable', () => {
		const mine = memberContext('member-a');
		const theirs = memberContext('member-b');
		const a = createProduct(mine, tea);
		const b = createProduct(mine, tea);
		if (!a.ok || !b.ok) throw new Error('setup failed');
		Y.applyUpdate(theirs.ws.doc, Y.encodeStateAsUpdate(mine.ws.doc));
		mergeProducts(mine, a.value, [b.value]);
		mergeProducts(theirs, b.value, [a.value]);
		Y.applyUpdate(mine.ws.doc, Y.encodeStateAsUpdate(theirs.ws.doc));
		Y.applyUpdate(theirs.ws.doc, Y.encodeStateAsUpdate(mine.ws.doc));

		const shown = (ctx: CommandContext) =>
			unmergedProducts(
				[...entitiesOf(ctx.ws.products)].map(([id, map]) => readProduct(id, map))
			).map(({ id, active }) => ({ id, active }));
		const survivor = a.value < b.value ? a.value : b.value;
		// Both merges archived the product they merged away: without settling, no Oolong is left.
		expect(shown(mine)).toEqual([{ id: survivor, active: true }]);
		expect(shown(theirs)).toEqual(shown(mine));

		setProductActive(mine, survivor, false);
		expect(shown(mine)).toEqual([{ id: survivor, active: false }]);
		expect(currentProductId(mine.ws, a.value === survivor ? b.value : a.value)).toBe(survivor);
	});

	it('refuses to merge a product into itself or into one merged into it', () => {
		const ctx = memberContext();
		const a = createProduct(ctx, tea);
		const b = createProduct(ctx, tea);
		if (!a.ok || !b.ok) throw new Error('setup failed');
		expect(mergeProducts(ctx, a.value, [a.value])).toEqual({ ok: false, reason: 'sameProduct' });
		expect(mergeProducts(ctx, a.value, ['nope'])).toEqual({ ok: false, reason: 'notFound' });
		mergeProducts(ctx, a.value, [b.value]);
		// Keeping b, which now stands for a, means keeping a: nothing is left to merge.
		expect(mergeProducts(ctx, b.value, [a.value])).toEqual({ ok: false, reason: 'sameProduct' });
	});

	it('deletes a product without sales (undoably), never one with sales', () => {
		const ctx = memberContext();
		const buyer = createCustomer(ctx, customer({ name: 'Ann' }));
		const sold = createProduct(ctx, tea);
		const unsold = createProduct(ctx, { ...tea, name: 'Pu-erh' });
		const mergedAway = createProduct(ctx, { ...tea, name: 'pu-erh' });
		if (!buyer.ok || !sold.ok || !unsold.ok || !mergedAway.ok) throw new Error('setup failed');
		sell(ctx, buyer.value, sold.value);
		mergeProducts(ctx, unsold.value, [mergedAway.value]);

		const undo = createUndoManager(ctx.ws, ctx.origin);
		expect(deleteProduct(ctx, sold.value)).toEqual({ ok: false, reason: 'hasSales' });
		expect(ctx.ws.products.has(sold.value)).toBe(true);
		expect(deleteProduct(ctx, unsold.value)).toEqual({ ok: true, value: unsold.value });
		// What was merged into it goes too, rather than coming back on its own.
		expect(ctx.ws.products.has(unsold.value)).toBe(false);
		expect(ctx.ws.products.has(mergedAway.value)).toBe(false);
		expect(deleteProduct(ctx, unsold.value)).toEqual({ ok: false, reason: 'notFound' });

		undo.undo();
		expect(readProduct(unsold.value, entityOf(ctx.ws.products, unsold.value)!)).toMatchObject({
			name: 'Pu-erh',
			priceCents: 12_800
		});
		expect(currentProductId(ctx.ws, mergedAway.value)).toBe(unsold.value);
	});

	it('the sales of a merged product keep the product it was merged into from being deleted', () => {
		const ctx = memberContext();
		const buyer = createCustomer(ctx, customer({ name: 'Ann' }));
		const kept = createProduct(ctx, tea);
		const merged = createProduct(ctx, tea);
		if (!buyer.ok || !kept.ok || !merged.ok) throw new Error('setup failed');
		sell(ctx, buyer.value, merged.value);
		mergeProducts(ctx, kept.value, [merged.value]);
		expect(deleteProduct(ctx, kept.value)).toEqual({ ok: false, reason: 'hasSales' });
	});

	it("archives and unarchives without touching a colleague's concurrent rename", () => {
		// Yjs settles two concurrent writes of one key by client id: theirs (2) would win.
		const docOf = (clientID: number) => Object.assign(new Y.Doc(), { clientID });
		const mine = memberContext('member-a', docOf(1));
		const theirs = memberContext('member-b', docOf(2));
		const created = createProduct(mine, tea);
		if (!created.ok) throw new Error('setup failed');
		Y.applyUpdate(theirs.ws.doc, Y.encodeStateAsUpdate(mine.ws.doc));
		setProductActive(mine, created.value, false);
		// Their edit form still shows the product as active: saving it must not unarchive it.
		updateProduct(theirs, created.value, { ...tea, name: 'High mountain oolong' });
		Y.applyUpdate(mine.ws.doc, Y.encodeStateAsUpdate(theirs.ws.doc));
		Y.applyUpdate(theirs.ws.doc, Y.encodeStateAsUpdate(mine.ws.doc));
		for (const ws of [mine.ws, theirs.ws]) {
			expect(readProduct(created.value, entityOf(ws.products, created.value)!)).toMatchObject({
				name: 'High mountain oolong',
				active: false
			});
		}
		expect(setProductActive(mine, created.value, true)).toEqual({ ok: true, value: created.value });
		expect(readProduct(created.value, entityOf(mine.ws.products, created.value)!).active).toBe(
			true
		);
		expect(setProductActive(mine, 'nope', true)).toEqual({ ok: false, reason: 'notFound' });
	});
});

describe('catalogue commands in the workspace', () => {
	it('adds a new product named on two lines of one sale once, and projects merges and deletes', async () => {
		const names = {
			docDbName: 'doc-products-core',
			projectionDbName: 'projection-products-core',
			tabChannelName: 'tabs-products-core'
		};
		const core = new WorkspaceCore('member-1', names, {
			onView: () => {},
			onReplacedElsewhere: () => {}
		});
		const buyer = await commandsOf(core).createCustomer(customer({ name: 'Ann' }));
		if (!buyer.ok) throw new Error('setup failed');
		const line = { quantity: 1, unitPriceCents: 900 };
		const sale = await commandsOf(core).addPurchaseWithNewProducts(
			{
				customerId: buyer.value,
				at: 1,
				lines: [
					{ product: 'Pu-erh', ...line },
					{ product: 'ＰＵ-ＥＲＨ', ...line }
				],
				discountCents: 0,
				payment: 'cash',
				channel: 'in_store',
				note: ''
			},
			[0, 1].map((i) => ({
				line: i,
				fields: {
					name: i === 0 ? 'Pu-erh' : 'ＰＵ-ＥＲＨ',
					category: '',
					priceCents: 900,
					active: true
				}
			}))
		);
		if (!sale.ok) throw new Error('no sale');
		expect(core.ws.products.size).toBe(1);
		const [productId] = [...core.ws.products.keys()];
		expect(
			readPurchase(sale.value, core.ws.purchases.get(sale.value))?.lines.map((l) => l.productId)
		).toEqual([productId, productId]);
		expect(await core.productSaleCounts()).toEqual({ [productId!]: 2 });

		const twin = await commandsOf(core).createProduct({
			name: 'Pu-erh',
			category: '',
			priceCents: 0,
			active: true
		});
		if (!twin.ok) throw new Error('setup failed');
		await commandsOf(core).mergeProducts(productId!, [twin.value]);
		const db = new ProjectionDb(names.projectionDbName);
		expect(await db.products.get(twin.value)).toMatchObject({
			mergedInto: productId,
			active: false
		});
		expect(await commandsOf(core).deleteProduct(productId!)).toEqual({
			ok: false,
			reason: 'hasSales'
		});
		await core.undo();
		expect((await db.products.get(twin.value))?.mergedInto).toBeUndefined();
		expect(await commandsOf(core).deleteProduct(twin.value)).toEqual({
			ok: true,
			value: twin.value
		});
		expect(await db.products.get(twin.value)).toBeUndefined();
		db.close();
	});

	it('adds no product for an edit it refuses', async () => {
		const core = new WorkspaceCore(
			'member-1',
			{
				docDbName: 'doc-products-refused-edit',
				projectionDbName: 'projection-products-refused-edit',
				tabChannelName: 'tabs-products-refused-edit'
			},
			{ onView: () => {}, onReplacedElsewhere: () => {} }
		);
		const buyer = await commandsOf(core).createCustomer(customer({ name: 'Ann' }));
		if (!buyer.ok) throw new Error('setup failed');
		const fields = {
			customerId: buyer.value,
			at: 1,
			lines: [{ product: 'Sencha', quantity: 1, unitPriceCents: 900 }],
			discountCents: 0,
			payment: 'cash' as const,
			channel: 'in_store' as const,
			note: ''
		};
		const sale = await commandsOf(core).addPurchase(fields);
		if (!sale.ok) throw new Error('no sale');
		const newProduct = {
			line: 0,
			fields: { name: 'Sencha', category: '', priceCents: 900, active: true }
		};
		const refused = await commandsOf(core).editPurchase(
			sale.value,
			{ ...fields, lines: [{ ...fields.lines[0]!, quantity: 0 }] },
			[newProduct]
		);
		expect(refused.ok).toBe(false);
		expect(await commandsOf(core).editPurchase('no-such-sale', fields, [newProduct])).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(core.ws.products.size).toBe(0);
	});
});
