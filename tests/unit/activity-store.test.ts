import { describe, expect, it } from 'vitest';
import {
	ACTIVITY_BUCKETS,
	activityBucketOf,
	bucketActivity,
	customersWithActivity,
	readActivity,
	readActivityOf,
	readAllActivity,
	writeActivity
} from '../../src/lib/projection/activity-store';
import type { ActivityRow } from '../../src/lib/projection/db';
import { useProjectionDbs } from './projection-helpers';

const freshDb = useProjectionDbs('test-activity-store');

function row(customerId: string, purchases = 1): ActivityRow {
	return {
		customerId,
		purchases: Array.from({ length: purchases }, (_, i) => ({
			id: `${customerId}-p${i}`,
			customerId,
			at: i,
			lines: [{ product: 'Oolong', quantity: 1, unitPriceCents: 100 }],
			totalCents: 100
		})) as unknown as ActivityRow['purchases'],
		interactions: []
	};
}

/** Two customer ids that share a bucket, and one that does not. */
function neighbours(): { first: string; second: string; elsewhere: string } {
	const first = 'customer-0';
	const bucket = activityBucketOf(first);
	let second = '';
	let elsewhere = '';
	for (let i = 1; !second || !elsewhere; i++) {
		const id = `customer-${i}`;
		if (activityBucketOf(id) === bucket) second ||= id;
		else elsewhere ||= id;
	}
	return { first, second, elsewhere };
}

describe('activity buckets', () => {
	it('puts a customer in the same bucket every time, spread over all buckets', () => {
		expect(activityBucketOf('01J9ZQ3V8X')).toBe(activityBucketOf('01J9ZQ3V8X'));
		const used = new Set(
			Array.from({ length: 20_000 }, (_, i) => activityBucketOf(`c${i.toString(36)}`))
		);
		expect(used.size).toBe(ACTIVITY_BUCKETS);
		for (const bucket of used) expect(bucket >= 0 && bucket < ACTIVITY_BUCKETS).toBe(true);
	});

	it('groups rows by bucket, each bucket listing its customers in id order', () => {
		const { first, second, elsewhere } = neighbours();
		const buckets = bucketActivity([row(second), row(elsewhere), row(first)]);
		expect(buckets).toHaveLength(2);
		const shared = buckets.find((bucket) => bucket.bucket === activityBucketOf(first))!;
		expect(shared.customerIds).toEqual([first, second].sort());
		expect(shared.rows.map((r) => r.customerId)).toEqual(shared.customerIds);
	});

	it('reads one customer, some customers, all rows and who has events', async () => {
		const db = freshDb();
		const { first, second, elsewhere } = neighbours();
		await db.activityBuckets.bulkPut(bucketActivity([row(first, 2), row(second), row(elsewhere)]));

		expect((await readActivityOf(db, first))?.purchases).toHaveLength(2);
		expect(await readActivityOf(db, 'nobody')).toBeUndefined();
		const some = await readActivity(db, [second, 'nobody']);
		expect([...some.keys()]).toEqual([second]);
		expect((await readAllActivity(db)).map((r) => r.customerId)).toEqual(
			[first, second, elsewhere].sort()
		);
		expect((await customersWithActivity(db)).sort()).toEqual([first, second, elsewhere].sort());
	});

	it('rewrites only the changed customers of a bucket, and drops a bucket left empty', async () => {
		const db = freshDb();
		const { first, second, elsewhere } = neighbours();
		await db.activityBuckets.bulkPut(bucketActivity([row(first), row(second), row(elsewhere)]));

		await writeActivity(
			db,
			new Map([
				[first, row(first, 3)],
				[elsewhere, null]
			])
		);
		expect((await readActivityOf(db, first))?.purchases).toHaveLength(3);
		expect((await readActivityOf(db, second))?.purchases).toHaveLength(1);
		expect(await readActivityOf(db, elsewhere)).toBeUndefined();
		expect(await db.activityBuckets.get(activityBucketOf(elsewhere))).toBeUndefined();
		expect((await customersWithActivity(db)).sort()).toEqual([first, second].sort());

		// A customer new to a bucket joins the customers already there.
		await writeActivity(db, new Map([[elsewhere, row(elsewhere, 2)]]));
		expect((await readActivityOf(db, elsewhere))?.purchases).toHaveLength(2);
		// The stored form equals what writing everything at once gives.
		const rebuilt = freshDb();
		await rebuilt.activityBuckets.bulkPut(
			bucketActivity([row(first, 3), row(second), row(elsewhere, 2)])
		);
		expect(await db.activityBuckets.toArray()).toEqual(await rebuilt.activityBuckets.toArray());
	});
});
