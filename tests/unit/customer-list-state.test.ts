import { afterEach, describe, expect, it, vi } from 'vitest';
import { CustomerListState } from '../../src/lib/features/customers/ui/customer-list.svelte';
import { ProjectionDb, type CustomerRow } from '../../src/lib/projection/db';

/** Counts the search indexes built, so a test can tell when the list built one. */
const indexesBuilt = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/lib/features/customers/rules/search-index', async (importOriginal) => {
	const original =
		await importOriginal<typeof import('../../src/lib/features/customers/rules/search-index')>();
	class CountedSearchIndex<
		T extends ConstructorParameters<typeof original.SearchIndex>[0][number]
	> extends original.SearchIndex<T> {
		constructor(rows: readonly T[]) {
			super(rows);
			indexesBuilt.count++;
		}
	}
	return { SearchIndex: CountedSearchIndex };
});

let nextDb = 0;

async function archiveOf(count: number): Promise<ProjectionDb> {
	const db = new ProjectionDb(`list-state-${nextDb++}`);
	const rows = Array.from({ length: count }, (_, i) => ({
		id: `c${i}`,
		name: `Customer ${i}`,
		searchText: `customer ${i}`,
		phoneDigits: '',
		// Stored out of name order, so reading by id would not give the first screenful.
		sortName: `name-${String((i * 7919) % count).padStart(5, '0')}`,
		tags: [],
		updatedAt: i
	})) as unknown as CustomerRow[];
	await db.customers.bulkPut(rows);
	return db;
}

/**
 * Slows down reading the whole table, as 10,000 rows would be: the read waits before its
 * transaction starts (a timer inside an IndexedDB transaction would end it).
 */
function withSlowFullRead(db: ProjectionDb, delayMs: number): ProjectionDb {
	const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
	db.transaction = ((...args: unknown[]) =>
		new Promise((resolve) => setTimeout(resolve, delayMs)).then(() =>
			transaction(...args)
		)) as unknown as typeof db.transaction;
	return db;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A list following a 300-customer archive whose full read takes 150 ms. */
async function followSlowArchive() {
	const db = withSlowFullRead(await archiveOf(300), 150);
	const list = new CustomerListState();
	list.connect(db);
	return { db, list };
}

describe('CustomerListState', () => {
	it('shows the first screenful by name before the whole list is read', async () => {
		const { db, list } = await followSlowArchive();
		await wait(60);
		expect(list.loaded).toBe(false);
		expect(list.rows).toHaveLength(60);
		const expected = [...Array(300).keys()]
			.map((i) => `name-${String(i).padStart(5, '0')}`)
			.slice(0, 60);
		expect(list.rows.map((row) => row.sortName)).toEqual(expected);

		await wait(200);
		expect(list.loaded).toBe(true);
		expect(list.rows).toHaveLength(300);
		list.pauseUpdates();
		db.close();
	});

	it('never puts the first screenful back once the whole list is there', async () => {
		const db = await archiveOf(300);
		const orderBy = db.customers.orderBy.bind(db.customers);
		// The quick read loses the race this time.
		db.customers.orderBy = ((index: string) => {
			const collection = orderBy(index);
			const limit = collection.limit.bind(collection);
			collection.limit = (n: number) => {
				const limited = limit(n);
				const toArray = limited.toArray.bind(limited);
				limited.toArray = (() => wait(100).then(() => toArray())) as typeof limited.toArray;
				return limited;
			};
			return collection;
		}) as typeof db.customers.orderBy;
		const list = new CustomerListState();
		list.connect(db);
		await wait(200);
		expect(list.loaded).toBe(true);
		expect(list.rows).toHaveLength(300);
		list.pauseUpdates();
		db.close();
	});

	it('hands out the followed rows while they are current, and reads afresh otherwise', async () => {
		const db = await archiveOf(300);
		const list = new CustomerListState();
		// Not following anything yet: a fresh read.
		expect(await list.allRows(db)).toHaveLength(300);

		list.connect(db);
		await wait(100);
		expect(await list.allRows(db)).toBe(list.rows);

		// A change the paused list has not seen is in a fresh read.
		const resume = list.pauseUpdates();
		await db.customers.put({ ...list.rows[0]!, id: 'c-new', name: 'Newcomer' });
		expect(await list.allRows(db)).toHaveLength(301);
		expect(list.rows).toHaveLength(300);

		// Following again: the list catches up and is handed out once it has.
		resume();
		await wait(100);
		expect(list.rows).toHaveLength(301);
		expect(await list.allRows(db)).toBe(list.rows);
		// Another archive (a switched team space) is never answered from this one's rows.
		const other = await archiveOf(5);
		expect(await list.allRows(other)).toHaveLength(5);
		list.pauseUpdates();
		db.close();
		other.close();
	});

	it('answers from the read under way while the whole list is still loading', async () => {
		const { db, list } = await followSlowArchive();
		await wait(60);
		expect(list.loaded).toBe(false);
		// Asked while only the first screenful is there: the list's own read (which starts after
		// the slow transaction's delay) is the only read of the whole table.
		const fullReads = vi.spyOn(db.customers, 'limit');
		const rows = await list.allRows(db);
		expect(rows).toHaveLength(300);
		expect(rows).toBe(list.rows);
		expect(fullReads).toHaveBeenCalledTimes(1);
		list.pauseUpdates();
		db.close();
	});

	it('answers a caller still waiting when the list is paused before its read arrives', async () => {
		const { db, list } = await followSlowArchive();
		await wait(20);
		const asked = list.allRows(db);
		list.pauseUpdates();
		expect(await asked).toHaveLength(300);
		db.close();
	});

	describe('search index', () => {
		afterEach(() => vi.unstubAllGlobals());

		/** Idle callbacks that run only when the test says the browser is idle. */
		function stubIdleTime() {
			const pending = new Map<number, () => void>();
			let next = 0;
			vi.stubGlobal('requestIdleCallback', (work: () => void) => {
				pending.set(++next, work);
				return next;
			});
			vi.stubGlobal('cancelIdleCallback', (handle: number) => pending.delete(handle));
			return {
				pending,
				runIdle: () => {
					const works = [...pending.values()];
					pending.clear();
					for (const work of works) work();
				}
			};
		}

		/** A list following a loaded 300-customer archive, with idle time under the test's control. */
		async function followWhileIdleWaits() {
			const idle = stubIdleTime();
			const db = await archiveOf(300);
			const list = new CustomerListState();
			list.connect(db);
			await wait(100);
			return { idle, db, list };
		}

		it('is built when the browser is idle after the list loads', async () => {
			const { idle, db, list } = await followWhileIdleWaits();
			expect(list.loaded).toBe(true);
			const before = indexesBuilt.count;
			expect(idle.pending.size).toBe(1);

			idle.runIdle();
			expect(indexesBuilt.count).toBe(before + 1);
			// That the keystroke then reuses it is Svelte's caching of deriveds, which the server
			// build these tests run with does not do outside a render; the bench measures it.
			list.query = 'customer 299';
			expect(list.visible.map((row) => row.name)).toEqual(['Customer 299']);
			list.pauseUpdates();
			db.close();
		});

		it('is built once for a list that changes several times before the browser is idle', async () => {
			const { idle, db, list } = await followWhileIdleWaits();
			await db.customers.update('c1', { name: 'Renamed' });
			await wait(100);
			await db.customers.update('c2', { name: 'Renamed again' });
			await wait(100);
			expect(idle.pending.size).toBe(1);
			const before = indexesBuilt.count;
			idle.runIdle();
			expect(indexesBuilt.count).toBe(before + 1);
			list.pauseUpdates();
			db.close();
		});
	});
});
