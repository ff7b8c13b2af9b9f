import { describe, expect, it } from 'vitest';
import { addPurchase } from '../../src/lib/crdt/activity-commands';
import { readPurchase } from '../../src/lib/crdt/activity-records';
import { createCustomer } from '../../src/lib/crdt/customer-commands';
import { createProduct, readProduct, updateProduct } from '../../src/lib/crdt/product-commands';
import { findProduct, validateProduct } from '../../src/lib/domain/product';
import { customer, memberContext } from './helpers';

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
		expect(readProduct(product.value, ctx.ws.products.get(product.value)!)).toMatchObject({
			name: '高山乌龙',
			priceCents: 15800,
			active: false
		});
		expect(readPurchase(sale.value, ctx.ws.purchases.get(sale.value))?.lines).toEqual([
			{ product: '乌龙茶', productId: product.value, quantity: 1, unitPriceCents: 12800 }
		]);
	});
});
