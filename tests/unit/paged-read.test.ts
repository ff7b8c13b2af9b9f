import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { ProjectionDb, type CustomerRow } from '../../src/lib/projection/db';
import { readAllInPages } from '../../src/lib/projection/paged-read';

let nextDb = 0;

async function tableOf(count: number): Promise<ProjectionDb> {
	const db = new ProjectionDb(`paged-read-${nextDb++}`);
	const rows = Array.from({ length: count }, (_, i) => ({
		id: `c${String((i * 7919) % count).padStart(3, '0')}`,
		name: `Customer ${i}`,
		sortName: `name-${i}`,
		tags: [],
		updatedAt: i
	})) as unknown as CustomerRow[];
	await db.customers.bulkPut(rows);
	return db;
}

describe('readAllInPages', () => {
	it.each([0, 1, 3, 4, 7, 9])('reads all %i rows in key order, as toArray does', async (count) => {
		const db = await tableOf(count);
		const paged = await readAllInPages(db.customers, 3);
		expect(paged.map((row) => row.id)).toEqual((await db.customers.toArray()).map((row) => row.id));
		expect(paged).toHaveLength(count);
		db.close();
	});

	it('asks for no more than a page per request', async () => {
		const db = await tableOf(7);
		const limits: number[] = [];
		const where = db.customers.where.bind(db.customers);
		const limit = db.customers.limit.bind(db.customers);
		db.customers.limit = ((n: number) => (limits.push(n), limit(n))) as typeof limit;
		db.customers.where = ((index: string) => {
			const clause = where(index);
			const above = clause.above.bind(clause);
			clause.above = (key: unknown) => {
				const collection = above(key);
				const collectionLimit = collection.limit.bind(collection);
				collection.limit = (n: number) => (limits.push(n), collectionLimit(n));
				return collection;
			};
			return clause;
		}) as typeof where;
		await readAllInPages(db.customers, 3);
		expect(limits).toEqual([3, 3, 3]);
		db.close();
	});

	it('reads one consistent state even when a write lands between its pages', async () => {
		const db = await tableOf(9);
		const before = (await db.customers.toArray()).map((row) => row.id);
		const reading = readAllInPages(db.customers, 3);
		// Written while the first page is being read: a row that sorts first and a removal at the end.
		const writing = db.transaction('rw', db.customers, async () => {
			await db.customers.put({ ...(await db.customers.get('c000'))!, id: 'c' });
			await db.customers.delete('c008');
		});
		const [paged] = await Promise.all([reading, writing]);
		const after = (await db.customers.toArray()).map((row) => row.id);
		expect(after).not.toEqual(before);
		expect([before, after]).toContainEqual(paged.map((row) => row.id));
		db.close();
	});

	it('inside a liveQuery, a change on the last page reads again', async () => {
		const db = await tableOf(7);
		const seen: string[][] = [];
		const subscription = liveQuery(() => readAllInPages(db.customers, 3)).subscribe({
			next: (rows) => seen.push(rows.map((row) => row.name))
		});
		await expect.poll(() => seen.length).toBe(1);
		const last = (await db.customers.toArray()).at(-1)!;
		await db.customers.update(last.id, { name: 'Renamed' });
		await expect.poll(() => seen.at(-1)?.includes('Renamed')).toBe(true);
		subscription.unsubscribe();
		db.close();
	});
});
