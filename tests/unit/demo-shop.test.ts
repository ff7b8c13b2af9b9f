import { describe, expect, it } from 'vitest';
import { addPurchase, addTask, logInteraction } from '../../src/lib/crdt/activity-commands';
import { createCustomers, inOneStep } from '../../src/lib/crdt/customer-commands';
import { demoActivity, demoCustomers, DEMO_CUSTOMER_COUNT } from '../../src/lib/demo/demo-shop';
import { validateCustomer } from '../../src/lib/domain/customer-validation';
import { memberContext } from './helpers';

const NOW = Date.UTC(2026, 10, 23, 12);

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

describe('demo activity', () => {
	it('gives each stage a fitting year of purchases, all valid for the commands', () => {
		const ctx = memberContext();
		const customers = demoCustomers(120, 3);
		const result = inOneStep(ctx, () => {
			const created = createCustomers(ctx, customers);
			if (!created.ok) throw new Error('invalid');
			const activity = demoActivity(
				created.value.map((id, i) => ({ id, stage: customers[i]!.stage })),
				NOW
			);
			return {
				purchases: activity.purchases.map((p) => addPurchase(ctx, p).ok),
				interactions: activity.interactions.map((i) => logInteraction(ctx, i).ok),
				tasks: activity.tasks.map((task) => addTask(ctx, task).ok)
			};
		});
		expect(result.purchases.length).toBeGreaterThan(100);
		expect(result.purchases.every(Boolean)).toBe(true);
		expect(result.interactions.every(Boolean)).toBe(true);
		expect(result.tasks.every(Boolean)).toBe(true);
		expect(ctx.ws.tasks.size).toBeGreaterThan(0);
	});

	it('leaves leads and prospects without purchases and makes lost customers silent for a year', () => {
		const ids = ['lead', 'lost'].map((stage) => ({ id: stage, stage: stage as 'lead' | 'lost' }));
		const { purchases } = demoActivity(ids, NOW, 5);
		expect(purchases.filter((p) => p.customerId === 'lead')).toEqual([]);
		const lost = purchases.filter((p) => p.customerId === 'lost');
		expect(lost.length).toBeGreaterThan(0);
		expect(Math.max(...lost.map((p) => p.at))).toBeLessThan(NOW - 365 * 86_400_000);
	});
});
