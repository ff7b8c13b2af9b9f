import * as Y from 'yjs';
import { readChange, readInteraction, readPurchase, readTask } from '../crdt/activity-records';
import { readMember } from '../crdt/member-commands';
import { readFieldDef } from '../crdt/custom-field-commands';
import { readProduct } from '../crdt/product-commands';
import { isDeleted, readCustomer, type WorkspaceDoc } from '../crdt/workspace-doc';
import { EMPTY_METRICS, type CustomerMetrics } from '../domain/customer-metrics';
import { isTagColor } from '../domain/tags';

/**
 * Row builders carry the pinyin dictionary (about 140 KB gzip). They load the first time a row
 * has to be computed, so a cold start with an up-to-date projection never downloads them.
 */
let rowBuilders: Promise<typeof import('./customer-row')> | null = null;
const loadRowBuilders = () => (rowBuilders ??= import('./customer-row'));
import type {
	ChangeRow,
	CustomerRow,
	FieldDefRow,
	InteractionRow,
	ProjectionDb,
	ProductRow,
	PurchaseRow,
	TagColorRow,
	MemberRow,
	TaskRow
} from './db';

/** Bump when rows, indexes or derived keys change: every device then rebuilds its projection. */
export const PROJECTOR_VERSION = 9;
/** Above this many customers in one flush, metrics look up who has events first. */
const MANY_CUSTOMERS = 200;

const STATE_KEY = 'workspace';
const WRITE_CHUNK = 1000;
const COMPUTE_CHUNK = 500;

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function putInChunks<T>(
	table: { bulkPut(rows: T[]): Promise<unknown> },
	rows: T[],
	onChunk?: (written: number) => void
) {
	for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
		const chunk = rows.slice(start, start + WRITE_CHUNK);
		await table.bulkPut(chunk);
		onChunk?.(chunk.length);
	}
}

// Map.groupBy would do, but it needs Node 21 and we support Node 20.
function groupByCustomer<T extends { customerId: string }>(rows: T[]): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const group = groups.get(row.customerId);
		if (group) group.push(row);
		else groups.set(row.customerId, [row]);
	}
	return groups;
}

function customerIdOf(value: unknown): string | null {
	return typeof value === 'object' && value !== null && 'customerId' in value
		? String((value as { customerId: unknown }).customerId)
		: null;
}

export interface ProjectorEvents {
	/** A write to IndexedDB failed (e.g. the disk is full). The doc still holds every change. */
	onWriteError?: (error: unknown) => void;
	/** A write succeeded after an earlier failure. */
	onWriteRecovered?: () => void;
	/** A full rebuild is under way (null when it has finished). */
	onRebuildProgress?: (progress: RebuildProgress | null) => void;
}

export interface RebuildProgress {
	done: number;
	total: number;
}

interface AllRows {
	customers: CustomerRow[];
	purchases: PurchaseRow[];
	interactions: InteractionRow[];
	tasks: TaskRow[];
	fieldDefs: FieldDefRow[];
	tagColors: TagColorRow[];
	changes: ChangeRow[];
	products: ProductRow[];
	members: MemberRow[];
}

/** Every projection row computed from the doc, in chunks that yield to the browser. */
async function computeAllRows(
	ws: WorkspaceDoc,
	onProgress?: (customersComputed: number) => void
): Promise<AllRows> {
	const { metricsFromRows, toCustomerRow, toInteractionRow, toPurchaseRow, toTaskRow } =
		await loadRowBuilders();
	const purchases: PurchaseRow[] = [];
	for (const [id, value] of ws.purchases.entries()) {
		const record = readPurchase(id, value);
		if (record) purchases.push(toPurchaseRow(record));
	}
	const interactions: InteractionRow[] = [];
	for (const [id, value] of ws.interactions.entries()) {
		const record = readInteraction(id, value);
		if (record) interactions.push(toInteractionRow(record));
	}
	const tasks: TaskRow[] = [];
	for (const [id, map] of ws.tasks.entries()) tasks.push(toTaskRow(readTask(id, map)));
	const fieldDefs = [...ws.fieldDefs.entries()].map(([id, map]) => readFieldDef(id, map));
	const products = [...ws.products.entries()].map(([id, map]) => readProduct(id, map));
	const changes: ChangeRow[] = [];
	for (const [id, value] of ws.changes.entries()) {
		const record = readChange(id, value);
		if (record) changes.push(record);
	}
	const members: MemberRow[] = [];
	for (const [id, value] of ws.members.entries()) {
		const record = readMember(id, value);
		if (record) members.push(record);
	}
	const tagColors: TagColorRow[] = [];
	for (const [tag, color] of ws.tagColors.entries()) {
		if (isTagColor(color)) tagColors.push({ tag, color });
	}

	const purchasesByCustomer = groupByCustomer(purchases);
	const interactionsByCustomer = groupByCustomer(interactions);
	const entries = [...ws.customers.entries()];
	const customers: CustomerRow[] = [];
	for (let start = 0; start < entries.length; start += COMPUTE_CHUNK) {
		for (const [id, map] of entries.slice(start, start + COMPUTE_CHUNK)) {
			if (isDeleted(map)) continue;
			const metrics = metricsFromRows(
				purchasesByCustomer.get(id) ?? [],
				interactionsByCustomer.get(id) ?? []
			);
			customers.push(toCustomerRow(readCustomer(id, map), metrics));
		}
		onProgress?.(Math.min(start + COMPUTE_CHUNK, entries.length));
		if (start + COMPUTE_CHUNK < entries.length) await yieldToBrowser();
	}
	return {
		customers,
		purchases,
		interactions,
		tasks,
		fieldDefs,
		tagColors,
		changes,
		products,
		members
	};
}

/**
 * Recreates every projection row from the doc, then writes them in one Dexie transaction so
 * readers never see a half-built projection.
 */
export async function rebuildProjection(
	ws: WorkspaceDoc,
	db: ProjectionDb,
	onProgress?: (progress: RebuildProgress) => void
): Promise<number> {
	// Marked so the benchmark (and the browser's performance panel) can see what a rebuild costs.
	const started = performance.now();
	const stateVector = Y.encodeStateVector(ws.doc);
	// Progress counts customers computed, then rows written: writing the events is the long part.
	const customerCount = ws.customers.size;
	let total = customerCount;
	let written = 0;
	const rows = await computeAllRows(ws, (computed) => onProgress?.({ done: computed, total }));
	total =
		customerCount +
		Object.values(rows).reduce((sum: number, list: unknown[]) => sum + list.length, 0);
	const wrote = (count: number) => {
		written += count;
		onProgress?.({ done: customerCount + written, total });
	};
	await db.transaction('rw', projectionTables(db), async () => {
		await Promise.all([
			db.customers.clear(),
			db.purchases.clear(),
			db.interactions.clear(),
			db.tasks.clear(),
			db.fieldDefs.clear(),
			db.tagColors.clear(),
			db.changes.clear(),
			db.products.clear(),
			db.members.clear()
		]);
		await putInChunks(db.customers, rows.customers, wrote);
		await putInChunks(db.purchases, rows.purchases, wrote);
		await putInChunks(db.interactions, rows.interactions, wrote);
		await putInChunks(db.tasks, rows.tasks, wrote);
		await putInChunks(db.fieldDefs, rows.fieldDefs, wrote);
		await putInChunks(db.tagColors, rows.tagColors, wrote);
		await putInChunks(db.changes, rows.changes, wrote);
		await putInChunks(db.products, rows.products, wrote);
		await putInChunks(db.members, rows.members, wrote);
		await db.projectionState.put({
			key: STATE_KEY,
			projectorVersion: PROJECTOR_VERSION,
			stateVector
		});
	});
	performance.measure('clientbook:rebuild', { start: started, end: performance.now() });
	return rows.customers.length;
}

/**
 * Keeps the Dexie projection in step with the doc. Every transaction — local command, other
 * tab, remote peer — arrives through the same observers; the records it touched are re-read
 * from the doc and written in one Dexie transaction together with the doc's state vector.
 * A purchase or interaction also marks its customer (before and after the change), whose
 * metrics are then recomputed from the projected events inside that same transaction.
 */
export class Projector {
	#customers = new Set<string>();
	#addedCustomers = new Set<string>();
	/** Customers with projected events, built on first need (see #withEvents). */
	#customersWithEvents: Set<string> | null = null;
	#purchases = new Set<string>();
	#interactions = new Set<string>();
	#tasks = new Set<string>();
	#fieldDefs = new Set<string>();
	#tagColors = new Set<string>();
	#changes = new Set<string>();
	#products = new Set<string>();
	#members = new Set<string>();
	/** Customers whose purchases or interactions changed. */
	#metricsStale = new Set<string>();
	#queue: Promise<void> = Promise.resolve();
	#flushScheduled = false;
	#running = false;
	#lastError: unknown = null;

	constructor(
		private readonly ws: WorkspaceDoc,
		private readonly db: ProjectionDb,
		private readonly events: ProjectorEvents = {}
	) {}

	/**
	 * Call once the doc has loaded from storage. Rebuilds when the stored projection was made
	 * by another projector version or does not match the doc (e.g. the tab closed mid-write).
	 */
	async start(): Promise<{ rebuilt: boolean }> {
		if (this.#running) return { rebuilt: false };
		this.#running = true;
		this.ws.customers.observeDeep(this.#onCustomers);
		this.ws.tasks.observeDeep(this.#onTasks);
		this.ws.fieldDefs.observeDeep(this.#onFieldDefs);
		this.ws.tagColors.observe(this.#onTagColors);
		this.ws.members.observe(this.#onMembers);
		this.ws.changes.observe(this.#onChanges);
		this.ws.products.observeDeep(this.#onProducts);
		this.ws.purchases.observe(this.#onPurchases);
		this.ws.interactions.observe(this.#onInteractions);
		this.ws.doc.on('afterTransaction', this.#onTransaction);
		const stored = await this.db.projectionState.get(STATE_KEY);
		const current = Y.encodeStateVector(this.ws.doc);
		const upToDate =
			stored !== undefined &&
			stored.projectorVersion === PROJECTOR_VERSION &&
			sameBytes(new Uint8Array(stored.stateVector), current);
		if (upToDate) return { rebuilt: false };
		await this.#enqueue(async () => {
			for (const set of this.#allPending()) set.clear();
			const report = this.events.onRebuildProgress;
			report?.({ done: 0, total: this.ws.customers.size });
			try {
				await rebuildProjection(this.ws, this.db, report);
			} finally {
				report?.(null);
			}
		});
		return { rebuilt: true };
	}

	stop(): void {
		if (!this.#running) return;
		this.#running = false;
		this.ws.customers.unobserveDeep(this.#onCustomers);
		this.ws.tasks.unobserveDeep(this.#onTasks);
		this.ws.fieldDefs.unobserveDeep(this.#onFieldDefs);
		this.ws.tagColors.unobserve(this.#onTagColors);
		this.ws.members.unobserve(this.#onMembers);
		this.ws.changes.unobserve(this.#onChanges);
		this.ws.products.unobserveDeep(this.#onProducts);
		this.ws.purchases.unobserve(this.#onPurchases);
		this.ws.interactions.unobserve(this.#onInteractions);
		this.ws.doc.off('afterTransaction', this.#onTransaction);
	}

	/** Resolves when every change seen so far is in Dexie. */
	async idle(): Promise<void> {
		let seen: Promise<void>;
		do {
			seen = this.#queue;
			await seen;
		} while (seen !== this.#queue);
	}

	/** The last write failure (e.g. a full disk), or null. The doc still holds the data. */
	get lastError(): unknown {
		return this.#lastError;
	}

	#allPending() {
		return [
			this.#customers,
			this.#purchases,
			this.#interactions,
			this.#tasks,
			this.#fieldDefs,
			this.#tagColors,
			this.#changes,
			this.#products,
			this.#members,
			this.#metricsStale
		];
	}

	#onCustomers = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		collectRecordIds(events, this.ws.customers, this.#customers);
		// Customers new to the doc have no projected row yet: the flush need not look one up.
		for (const event of events) {
			if (!(event instanceof Y.YMapEvent) || event.target !== this.ws.customers) continue;
			for (const [id, change] of event.changes.keys) {
				if (change.action === 'add') this.#addedCustomers.add(id);
			}
		}
	};

	#onTasks = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		collectRecordIds(events, this.ws.tasks, this.#tasks);
	};

	#onFieldDefs = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		collectRecordIds(events, this.ws.fieldDefs, this.#fieldDefs);
	};

	#onProducts = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		collectRecordIds(events, this.ws.products, this.#products);
	};

	#onChanges = (event: Y.YMapEvent<unknown>) => {
		for (const id of event.keysChanged) this.#changes.add(id);
	};

	#onTagColors = (event: Y.YMapEvent<unknown>) => {
		for (const tag of event.keysChanged) this.#tagColors.add(tag);
	};

	#onMembers = (event: Y.YMapEvent<unknown>) => {
		for (const id of event.keysChanged) this.#members.add(id);
	};

	#onPurchases = (event: Y.YMapEvent<unknown>) => {
		this.#collectEvents(event, this.ws.purchases, this.#purchases);
	};

	#onInteractions = (event: Y.YMapEvent<unknown>) => {
		this.#collectEvents(event, this.ws.interactions, this.#interactions);
	};

	#collectEvents(event: Y.YMapEvent<unknown>, root: Y.Map<unknown>, pending: Set<string>) {
		for (const [id, change] of event.changes.keys) {
			pending.add(id);
			const before = customerIdOf(change.oldValue);
			const after = customerIdOf(root.get(id));
			if (before) this.#metricsStale.add(before);
			if (after) this.#metricsStale.add(after);
		}
	}

	#onTransaction = (transaction: Y.Transaction) => {
		// Any change moves the state vector, which is stored with the rows, so always flush.
		if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return;
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		void this.#enqueue(() => this.#flush());
	};

	#enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(task).catch((error: unknown) => {
			this.#lastError = error;
			this.events.onWriteError?.(error);
			console.error('Clientbook projection write failed; the doc is intact', error);
		});
		this.#queue = run;
		return run;
	}

	async #flush(): Promise<void> {
		const { metricsFromRows, toCustomerRow, toInteractionRow, toPurchaseRow, toTaskRow } =
			await loadRowBuilders();
		this.#flushScheduled = false;
		// Read the doc and its state vector at one instant, so the stored pair is consistent.
		const taken = {
			customers: [...this.#customers],
			purchases: [...this.#purchases],
			interactions: [...this.#interactions],
			tasks: [...this.#tasks],
			fieldDefs: [...this.#fieldDefs],
			tagColors: [...this.#tagColors],
			changes: [...this.#changes],
			products: [...this.#products],
			members: [...this.#members],
			metricsStale: new Set(this.#metricsStale),
			added: new Set(this.#addedCustomers)
		};
		this.#addedCustomers.clear();
		for (const set of this.#allPending()) set.clear();
		const stateVector = Y.encodeStateVector(this.ws.doc);

		const purchases = splitRows(taken.purchases, (id) => {
			const record = readPurchase(id, this.ws.purchases.get(id));
			return record && toPurchaseRow(record);
		});
		const interactions = splitRows(taken.interactions, (id) => {
			const record = readInteraction(id, this.ws.interactions.get(id));
			return record && toInteractionRow(record);
		});
		const tasks = splitRows(taken.tasks, (id) => {
			const map = this.ws.tasks.get(id);
			return map ? toTaskRow(readTask(id, map)) : null;
		});
		const fieldDefs = splitRows(taken.fieldDefs, (id) => {
			const map = this.ws.fieldDefs.get(id);
			return map ? readFieldDef(id, map) : null;
		});
		const tagColors = splitRows(taken.tagColors, (tag) => {
			const color = this.ws.tagColors.get(tag);
			return isTagColor(color) ? { tag, color } : null;
		});
		const changes = splitRows(taken.changes, (id) => readChange(id, this.ws.changes.get(id)));
		const products = splitRows(taken.products, (id) => {
			const map = this.ws.products.get(id);
			return map ? readProduct(id, map) : null;
		});
		const members = splitRows(taken.members, (id) => readMember(id, this.ws.members.get(id)));
		const customerIds = [...new Set([...taken.customers, ...taken.metricsStale])];
		const records = customerIds.map((id) => {
			const map = this.ws.customers.get(id);
			return map && !isDeleted(map) ? readCustomer(id, map) : null;
		});

		const { db } = this;
		try {
			await db.transaction('rw', projectionTables(db), async () => {
				await writeRows(db.purchases, purchases);
				await writeRows(db.interactions, interactions);
				for (const row of [...purchases.upserts, ...interactions.upserts]) {
					this.#customersWithEvents?.add(row.customerId);
				}
				await writeRows(db.tasks, tasks);
				await writeRows(db.fieldDefs, fieldDefs);
				await writeRows(db.tagColors, tagColors);
				await writeRows(db.changes, changes);
				await writeRows(db.products, products);
				await writeRows(db.members, members);
				const lookedUp = customerIds.filter((id) => !taken.added.has(id));
				const found = new Map(
					(await db.customers.bulkGet(lookedUp)).flatMap((row) => (row ? [[row.id, row]] : []))
				);
				const existing = customerIds.map((id) => found.get(id));
				const needMetrics = customerIds.filter(
					(id, i) => records[i] && (!existing[i] || taken.metricsStale.has(id))
				);
				const computed = await this.#metricsFor(needMetrics, metricsFromRows);
				const customerRows: CustomerRow[] = [];
				const removals: string[] = [];
				for (const [i, id] of customerIds.entries()) {
					const record = records[i];
					if (!record) {
						removals.push(id);
						continue;
					}
					const known = existing[i];
					const metrics =
						known && !taken.metricsStale.has(id)
							? pickMetrics(known)
							: (computed.get(id) ?? EMPTY_METRICS);
					customerRows.push(toCustomerRow(record, metrics));
				}
				if (removals.length > 0) await db.customers.bulkDelete(removals);
				await putInChunks(db.customers, customerRows);
				await db.projectionState.put({
					key: STATE_KEY,
					projectorVersion: PROJECTOR_VERSION,
					stateVector
				});
			});
			if (this.#lastError !== null) {
				this.#lastError = null;
				this.events.onWriteRecovered?.();
			}
		} catch (error) {
			// Keep the ids for the next flush; a later start() rebuilds if we never catch up.
			taken.customers.forEach((id) => this.#customers.add(id));
			taken.added.forEach((id) => this.#addedCustomers.add(id));
			taken.purchases.forEach((id) => this.#purchases.add(id));
			taken.interactions.forEach((id) => this.#interactions.add(id));
			taken.tasks.forEach((id) => this.#tasks.add(id));
			taken.fieldDefs.forEach((id) => this.#fieldDefs.add(id));
			taken.tagColors.forEach((tag) => this.#tagColors.add(tag));
			taken.changes.forEach((id) => this.#changes.add(id));
			taken.products.forEach((id) => this.#products.add(id));
			taken.members.forEach((id) => this.#members.add(id));
			taken.metricsStale.forEach((id) => this.#metricsStale.add(id));
			throw error;
		}
	}

	/**
	 * Metrics for many customers with a few index queries in all (not two per customer): an
	 * import of 10,000 new customers would otherwise make 20,000 round trips to IndexedDB.
	 */
	async #metricsFor(
		customerIds: string[],
		metricsFromRows: (typeof import('./customer-row'))['metricsFromRows']
	): Promise<Map<string, CustomerMetrics>> {
		const metrics = new Map<string, CustomerMetrics>();
		if (customerIds.length === 0) return metrics;
		const ids =
			customerIds.length > MANY_CUSTOMERS ? await this.#withEvents(customerIds) : customerIds;
		if (ids.length === 0) return metrics;
		const [purchases, interactions] = await Promise.all([
			this.db.purchases.where('customerId').anyOf(ids).toArray(),
			this.db.interactions.where('customerId').anyOf(ids).toArray()
		]);
		const purchasesBy = groupByCustomer(purchases);
		const interactionsBy = groupByCustomer(interactions);
		for (const id of customerIds) {
			const bought = purchasesBy.get(id) ?? [];
			const talked = interactionsBy.get(id) ?? [];
			if (bought.length > 0 || talked.length > 0) metrics.set(id, metricsFromRows(bought, talked));
		}
		return metrics;
	}

	/**
	 * The customers among `customerIds` that may have a purchase or interaction. `anyOf` with
	 * thousands of keys took 9 s on 100,000 events. Instead the distinct customer ids of the two
	 * indexes are read once (about 1 s at that size) and then kept up to date with every event
	 * row written. It may name a customer whose events were since deleted; the query after it
	 * gives the right answer then too.
	 */
	/** Reads what a large batch of new customers will need, ahead of it (e.g. when an import starts). */
	async prepareForBulk(): Promise<void> {
		await this.#withEvents([]);
	}

	async #withEvents(customerIds: string[]): Promise<string[]> {
		if (!this.#customersWithEvents) {
			const [bought, talked] = await Promise.all([
				this.db.purchases.orderBy('customerId').uniqueKeys(),
				this.db.interactions.orderBy('customerId').uniqueKeys()
			]);
			this.#customersWithEvents = new Set([...bought, ...talked].map(String));
		}
		const present = this.#customersWithEvents;
		return customerIds.filter((id) => present.has(id));
	}
}

function collectRecordIds<T>(
	events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
	root: Y.Map<T>,
	pending: Set<string>
) {
	for (const event of events) {
		if (event instanceof Y.YMapEvent && event.target === root) {
			for (const id of event.keysChanged) pending.add(id);
		} else {
			const id = event.path[0];
			if (typeof id === 'string') pending.add(id);
		}
	}
}

function projectionTables(db: ProjectionDb) {
	return [
		db.customers,
		db.purchases,
		db.interactions,
		db.tasks,
		db.fieldDefs,
		db.tagColors,
		db.changes,
		db.products,
		db.members,
		db.projectionState
	];
}

function splitRows<T>(ids: string[], read: (id: string) => T | null) {
	const upserts: T[] = [];
	const removals: string[] = [];
	for (const id of ids) {
		const row = read(id);
		if (row) upserts.push(row);
		else removals.push(id);
	}
	return { upserts, removals };
}

async function writeRows<T>(
	table: { bulkPut(rows: T[]): Promise<unknown>; bulkDelete(ids: string[]): Promise<void> },
	rows: { upserts: T[]; removals: string[] }
) {
	if (rows.removals.length > 0) await table.bulkDelete(rows.removals);
	await putInChunks(table, rows.upserts);
}

function pickMetrics(row: CustomerRow): CustomerMetrics {
	return {
		totalSpentCents: row.totalSpentCents ?? 0,
		purchaseCount: row.purchaseCount ?? 0,
		averageOrderCents: row.averageOrderCents ?? 0,
		firstPurchaseAt: row.firstPurchaseAt ?? null,
		lastPurchaseAt: row.lastPurchaseAt ?? null,
		lastContactAt: row.lastContactAt ?? null,
		usualIntervalDays: row.usualIntervalDays ?? null
	};
}
