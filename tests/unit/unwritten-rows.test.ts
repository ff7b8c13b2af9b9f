import { describe, expect, it, vi } from 'vitest';
import { createCustomer, deleteCustomer } from '../../src/lib/features/customers/customer-commands';
import type { CustomerRow } from '../../src/lib/projection/db';
import { Projector } from '../../src/lib/projection/projector';
import { withUnwritten, type UnwrittenCustomers } from '../../src/lib/projection/unwritten-rows';
import { customer, memberContext } from './helpers';
import { useProjectionDbs } from './projection-helpers';

const freshDb = useProjectionDbs('test-unwritten');

const row = (id: string, name: string) => ({ id, name }) as CustomerRow;

describe('withUnwritten', () => {
	it('is the stored list itself when nothing is left out', () => {
		const stored = [row('a', 'Ann')];
		expect(withUnwritten(stored, null)).toBe(stored);
		expect(withUnwritten(stored, { rows: [], removed: [] })).toBe(stored);
	});

	it('replaces, adds and removes rows the projection could not take', () => {
		const stored = [row('a', 'Ann'), row('b', 'Bo'), row('c', 'Cy')];
		const unwritten: UnwrittenCustomers = {
			rows: [row('b', 'Bo edited'), row('d', 'Di new')],
			removed: ['c']
		};
		expect(withUnwritten(stored, unwritten).map((r) => r.name)).toEqual([
			'Ann',
			'Bo edited',
			'Di new'
		]);
	});
});

describe('projector on a refused write', () => {
	it('keeps the rows it could not write, retries by itself, and lets go once written', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			const ctx = memberContext();
			const db = freshDb();
			const told: (UnwrittenCustomers | null)[] = [];
			const projector = new Projector(ctx.ws, db, {
				onUnwrittenCustomers: (unwritten) => told.push(unwritten)
			});
			await projector.start();
			const kept = createCustomer(ctx, customer({ name: 'Kept' }));
			await projector.idle();
			if (!kept.ok) throw new Error('create failed');

			const full = vi
				.spyOn(db.customers, 'bulkPut')
				.mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
			const made = createCustomer(ctx, customer({ name: 'Made on a full disk' }));
			if (!made.ok) throw new Error('create failed');
			await projector.idle();
			expect(told.at(-1)?.rows.map((r) => r.name)).toEqual(['Made on a full disk']);
			// A second refusal keeps what the first left out, and adds its own.
			deleteCustomer(ctx, kept.value);
			await projector.idle();
			expect(told.at(-1)).toMatchObject({
				rows: [{ name: 'Made on a full disk' }],
				removed: [kept.value]
			});
			expect(await db.customers.count()).toBe(1);

			full.mockRestore();
			// Nothing else changes: the projector's own retry writes what was left out.
			await vi.advanceTimersByTimeAsync(2_000);
			await projector.idle();
			expect(told.at(-1)).toBeNull();
			expect((await db.customers.toArray()).map((r) => r.name)).toEqual(['Made on a full disk']);
			projector.stop();
		} finally {
			vi.useRealTimers();
		}
	});
});
