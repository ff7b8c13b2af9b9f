import { describe, expect, it } from 'vitest';
import { createCustomers } from '../../src/lib/crdt/customer-commands';
import { demoCustomers, DEMO_CUSTOMER_COUNT } from '../../src/lib/demo/demo-shop';
import { validateCustomer } from '../../src/lib/domain/customer';
import { memberContext } from './helpers';

describe('demo shop', () => {
	const customers = demoCustomers();

	it('makes a few hundred customers that all pass the same validation as the form', () => {
		expect(customers).toHaveLength(DEMO_CUSTOMER_COUNT);
		const invalid = customers.filter((c) => !validateCustomer(c).ok);
		expect(invalid).toEqual([]);
	});

	it('mixes Chinese and English names, tags and every stage', () => {
		const chinese = customers.filter((c) => /\p{Script=Han}/u.test(c.name)).length;
		expect(chinese).toBeGreaterThan(DEMO_CUSTOMER_COUNT * 0.5);
		expect(chinese).toBeLessThan(DEMO_CUSTOMER_COUNT * 0.9);
		expect(new Set(customers.map((c) => c.stage)).size).toBe(7);
		expect(customers.some((c) => c.tags.length > 0)).toBe(true);
	});

	it('is reproducible from its seed', () => {
		expect(demoCustomers(20, 7)).toEqual(demoCustomers(20, 7));
	});

	it('goes in through the commands as one batch', () => {
		const ctx = memberContext();
		const result = createCustomers(ctx, customers);
		expect(result.ok && result.value).toHaveLength(DEMO_CUSTOMER_COUNT);
		expect(ctx.ws.customers.size).toBe(DEMO_CUSTOMER_COUNT);
	});
});
