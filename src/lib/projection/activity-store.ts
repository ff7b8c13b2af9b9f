import type { ActivityBucket, ActivityRow, ProjectionDb } from './db';

/**
 * Customers' activity rows are stored a bucket of customers per IndexedDB record. IndexedDB's
 * cost is mostly per record: in Chromium on a 2-core machine, writing the 10,000 activity rows
 * of a 100,000-event archive took 1.2–1.5 s one record each and 0.4–0.8 s as 256–2,048
 * buckets, for the same bytes. The bucket count is fixed so a customer's bucket never moves:
 * about 10 customers a bucket at 10,000 customers, 50 at 50,000 (a sale rewrites one ~75 KB
 * record there), about one at 1,000.
 */
export const ACTIVITY_BUCKETS = 1024;

/** A stable bucket for a customer id (FNV-1a): the same on every device and every version. */
export function activityBucketOf(customerId: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < customerId.length; i++) {
		hash ^= customerId.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % ACTIVITY_BUCKETS;
}

function bucketRecord(bucket: number, rows: ActivityRow[]): ActivityBucket {
	const sorted = [...rows].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
	return { bucket, customerIds: sorted.map((row) => row.customerId), rows: sorted };
}

/** The bucket records holding these rows (for writing a whole projection at once). */
export function bucketActivity(rows: Iterable<ActivityRow>): ActivityBucket[] {
	const byBucket = new Map<number, ActivityRow[]>();
	for (const row of rows) {
		const bucket = activityBucketOf(row.customerId);
		const list = byBucket.get(bucket);
		if (list) list.push(row);
		else byBucket.set(bucket, [row]);
	}
	return [...byBucket].map(([bucket, list]) => bucketRecord(bucket, list));
}

/** The stored activity rows of these customers (customers with no events are not in the map). */
export async function readActivity(
	db: ProjectionDb,
	customerIds: Iterable<string>
): Promise<Map<string, ActivityRow>> {
	const wanted = new Set(customerIds);
	const buckets = [...new Set([...wanted].map(activityBucketOf))];
	const found = new Map<string, ActivityRow>();
	if (buckets.length === 0) return found;
	for (const record of await db.activityBuckets.bulkGet(buckets)) {
		for (const row of record?.rows ?? []) {
			if (wanted.has(row.customerId)) found.set(row.customerId, row);
		}
	}
	return found;
}

/** One customer's activity row, if the customer has any events. */
export async function readActivityOf(
	db: ProjectionDb,
	customerId: string
): Promise<ActivityRow | undefined> {
	const record = await db.activityBuckets.get(activityBucketOf(customerId));
	return record?.rows.find((row) => row.customerId === customerId);
}

/** Every stored activity row, ordered by customer id as when each customer had a record. */
export async function readAllActivity(db: ProjectionDb): Promise<ActivityRow[]> {
	const rows = (await db.activityBuckets.toArray()).flatMap((record) => record.rows);
	return rows.sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
}

/** The ids of every customer with an activity row, read from the index alone. */
export async function customersWithActivity(db: ProjectionDb): Promise<string[]> {
	return (await db.activityBuckets.orderBy('customerIds').uniqueKeys()).map(String);
}

/**
 * Replaces the rows of these customers (null removes a customer's row), rewriting only their
 * buckets. Call it inside a transaction on `activityBuckets` so the read and the write are one.
 */
export async function writeActivity(
	db: ProjectionDb,
	changes: Map<string, ActivityRow | null>
): Promise<void> {
	if (changes.size === 0) return;
	const changedIn = new Map<number, string[]>();
	for (const customerId of changes.keys()) {
		const bucket = activityBucketOf(customerId);
		const list = changedIn.get(bucket);
		if (list) list.push(customerId);
		else changedIn.set(bucket, [customerId]);
	}
	const buckets = [...changedIn.keys()];
	const stored = await db.activityBuckets.bulkGet(buckets);
	const puts: ActivityBucket[] = [];
	const emptied: number[] = [];
	for (const [i, bucket] of buckets.entries()) {
		const changed = new Set(changedIn.get(bucket));
		const rows = (stored[i]?.rows ?? []).filter((row) => !changed.has(row.customerId));
		for (const customerId of changed) {
			const row = changes.get(customerId);
			if (row) rows.push(row);
		}
		if (rows.length > 0) puts.push(bucketRecord(bucket, rows));
		else if (stored[i]) emptied.push(bucket);
	}
	if (emptied.length > 0) await db.activityBuckets.bulkDelete(emptied);
	if (puts.length > 0) await db.activityBuckets.bulkPut(puts);
}
