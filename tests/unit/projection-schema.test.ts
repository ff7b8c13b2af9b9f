import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ProjectionDb, type CustomerRow } from '../../src/lib/projection/db';
import { recentProductNames } from '../../src/lib/projection/activity-queries';

describe('the projection schema', () => {
	it('drops the unqueried customer indexes and the record-per-customer activity, keeping customer rows', async () => {
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
		expect(db.customers.schema.indexes.map((index) => index.name).sort()).toEqual([
			'lastPurchaseAt',
			'sortName'
		]);
		expect(await db.customers.toArray()).toEqual(rows as unknown as CustomerRow[]);
		// What the kept indexes serve still works: the first screenful by name, recent buyers.
		expect(await db.customers.orderBy('sortName').primaryKeys()).toEqual(['a', 'b']);
		expect(await db.customers.orderBy('lastPurchaseAt').reverse().primaryKeys()).toEqual([
			'b',
			'a'
		]);
		// Activity moved into buckets; the projector version rebuilds them from the doc.
		expect(db.tables.map((table) => table.name)).not.toContain('activity');
		expect(await db.activityBuckets.count()).toBe(0);
		expect(await recentProductNames(db, 1)).toEqual([]);
		db.close();
		await Dexie.delete(name);
	});
});
