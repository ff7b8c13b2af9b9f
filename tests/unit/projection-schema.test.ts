import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ProjectionDb, type CustomerRow } from '../../src/lib/projection/db';

describe('the projection schema', () => {
	it('drops the unqueried customer indexes and the stored events, keeping customer rows', async () => {
		// A device still on the previous schema, with rows in it.
		const name = 'schema-upgrade';
		const previous = new Dexie(name);
		previous.version(8).stores({
			customers:
				'id, sortName, phoneDigits, *tags, stage, updatedAt, totalSpentCents, lastPurchaseAt, lastContactAt',
			activity: 'customerId',
			projectionState: 'key'
		});
		const rows = [
			{ id: 'a', name: 'Anna', sortName: 'anna', tags: ['vip'], lastPurchaseAt: 2 },
			{ id: 'b', name: 'Bo', sortName: 'bo', tags: [], lastPurchaseAt: 5 }
		];
		await previous.table('customers').bulkPut(rows);
		await previous.table('activity').bulkPut([
			{ customerId: 'b', purchases: [{ lines: [{ product: 'Oolong' }] }], interactions: [] },
			{ customerId: 'a', purchases: [{ lines: [{ product: 'Pu-erh' }] }], interactions: [] }
		]);
		previous.close();

		const db = new ProjectionDb(name);
		await db.open();
		expect(db.customers.schema.indexes.map((index) => index.name)).toEqual(['sortName']);
		expect(await db.customers.toArray()).toEqual(rows as unknown as CustomerRow[]);
		// What the kept index serves still works: the first screenful by name.
		expect(await db.customers.orderBy('sortName').primaryKeys()).toEqual(['a', 'b']);
		// Events are read from the doc now: neither store of them is left.
		const tables = db.tables.map((table) => table.name);
		expect(tables).not.toContain('activity');
		expect(tables).not.toContain('activityBuckets');
		db.close();
		await Dexie.delete(name);
	});
});
