import type { QualityCheckable } from '../rules/data-quality';
import type { QualityIssue } from '../rules/quality-issues';
import { liveQuery, type Subscription } from 'dexie';
import {
	filterCustomers,
	isFiltered,
	isValueSort,
	sortCustomers,
	tagsInUse,
	type CustomerSort
} from '../rules/customer-list';
import { SearchIndex } from '../rules/search-index';
import type { ValueLookup } from '../../segments/rules/segment-match';
import type { LifecycleStage } from '../rules/customer';
import type { CustomerRow, ProjectionDb } from '../../../projection/db';
import { readAllInPages } from '../../../projection/paged-read';
import { withUnwritten, type UnwrittenCustomers } from '../../../projection/unwritten-rows';

/** Enough rows to fill a tall screen before the whole list is read. */
const FIRST_ROWS = 60;

/**
 * The customer list as the user left it: search, sort and filters survive navigating to a
 * customer and back. Rows come from the projection and follow every change, local or remote.
 */
export class CustomerListState {
	/** The projection's rows as last read. */
	#stored = $state.raw<readonly CustomerRow[]>([]);
	/** Rows the projection could not take yet (a full disk): shown until it does. */
	unwritten = $state.raw<UnwrittenCustomers | null>(null);
	readonly rows = $derived(withUnwritten(this.#stored, this.unwritten));
	loaded = $state(false);
	query = $state('');
	sort = $state<CustomerSort>('name');
	tag = $state('');
	stage = $state<LifecycleStage | ''>('');
	customField = $state('');
	customValue = $state('');
	quality = $state<QualityIssue | ''>('');
	/** Only the customers behind a chart's point, with what the chip calls them. */
	chosen = $state.raw<{ label: string; ids: ReadonlySet<string> } | null>(null);
	/** The check for `quality`, loaded when a quality filter is first used. */
	#qualityCheck = $state.raw<((row: QualityCheckable) => boolean) | null>(null);

	/**
	 * Customer value's scores by id, once worked out (a value sort asks for them; Insights'
	 * warm-up brings them): rows then show their ABC class and risk.
	 */
	valueScores = $state.raw<ValueLookup | null>(null);
	/** The list as last sorted: a re-sort after a change starts from it (see `sortCustomers`). */
	#lastSorted: readonly CustomerRow[] = [];
	// Only a value sort reads the scores: their arrival must not re-sort a list by name.
	readonly sorted = $derived.by(() => {
		const scores = isValueSort(this.sort) ? this.valueScores : null;
		this.#lastSorted = sortCustomers(this.rows, this.sort, scores, this.#lastSorted);
		return this.#lastSorted;
	});
	readonly #filter = $derived({
		query: this.query,
		tag: this.tag,
		stage: this.stage,
		customField: this.customField,
		customValue: this.customValue,
		matches: this.quality ? this.#qualityCheck : null,
		onlyIds: this.chosen?.ids ?? null
	});
	/**
	 * Built when the browser is next idle after the list changed (see `#prepareSearchWhenIdle`),
	 * or else on the first search after it (deriveds are lazy).
	 */
	readonly #searchIndex = $derived(new SearchIndex(this.sorted));
	readonly visible = $derived(filterCustomers(this.sorted, this.#filter, () => this.#searchIndex));
	readonly tags = $derived(tagsInUse(this.rows));
	readonly filtered = $derived(isFiltered(this.#filter));

	#subscription: Subscription | null = null;
	#db: ProjectionDb | null = null;
	/** Whether `rows` is the followed list as of its latest change (not a first screenful). */
	#current = false;
	/** The pending idle build of the search index, if one is scheduled. */
	#idleSearchBuild: number | null = null;
	/** Callers of `allRows` waiting for the whole list the subscription is reading. */
	#waiting: Array<(rows: readonly CustomerRow[] | Promise<readonly CustomerRow[]>) => void> = [];

	/**
	 * Stops following the projection until the returned function is called: during a large
	 * import every projection write would otherwise re-read the whole list on the main thread.
	 */
	pauseUpdates(): () => void {
		const db = this.#db;
		this.#subscription?.unsubscribe();
		this.#subscription = null;
		this.#current = false;
		if (db) this.#answerWaiting(() => readAllInPages(db.customers));
		return () => {
			if (db) this.connect(db);
		};
	}

	connect(db: ProjectionDb): void {
		if (this.#subscription) return;
		this.#db = db;
		if (!this.loaded) void this.#showFirstRows(db);
		this.#subscription = liveQuery(() => readAllInPages(db.customers)).subscribe({
			next: (rows) => {
				this.#stored = rows;
				this.loaded = true;
				this.#current = this.#subscription !== null;
				this.#answerWaiting(() => this.rows);
				this.#prepareSearchWhenIdle();
			},
			error: (error: unknown) => {
				this.#current = false;
				this.#answerWaiting(() => readAllInPages(db.customers));
				console.error('Clientbook could not read customers', error);
			}
		});
	}

	/**
	 * Every customer row of `db`: the followed list when it is current (reading 10,000 rows
	 * again took the import check about a second on the 2-core bench machine); the read under
	 * way when the list is still loading (at 50,000 customers a second read alongside it took
	 * the check 6.9 s); else a fresh read.
	 */
	allRows(db: ProjectionDb): Promise<readonly CustomerRow[]> {
		if (this.#db !== db || !this.#subscription) return readAllInPages(db.customers);
		if (this.#current) return Promise.resolve(this.rows);
		return new Promise((resolve) => this.#waiting.push(resolve));
	}

	/** The followed list of `db` when it is current, else null (nothing is read for it). */
	rowsIfCurrent(db: ProjectionDb): readonly CustomerRow[] | null {
		return this.#db === db && this.#subscription && this.#current ? this.rows : null;
	}

	/**
	 * Builds the search index while nothing else runs, so the first keystroke only filters:
	 * joining 10,000 customers' texts made that keystroke 11–26 ms on the 2-core bench machine,
	 * against 1–9 ms for the keystrokes after it. A list that changes again (rows streaming in
	 * during a sync) moves the build to the next idle time rather than building for each change.
	 */
	#prepareSearchWhenIdle(): void {
		// Safari has no idle callbacks: there the first keystroke builds the index, as before.
		if (typeof requestIdleCallback !== 'function') return;
		if (this.#idleSearchBuild !== null) cancelIdleCallback(this.#idleSearchBuild);
		this.#idleSearchBuild = requestIdleCallback(() => {
			this.#idleSearchBuild = null;
			void this.#searchIndex;
		});
	}

	/** Answers whoever waits for the whole list (`rows` is only called when someone does). */
	#answerWaiting(rows: () => readonly CustomerRow[] | Promise<readonly CustomerRow[]>): void {
		const waiting = this.#waiting.splice(0);
		if (waiting.length === 0) return;
		const answer = rows();
		for (const resolve of waiting) resolve(answer);
	}

	/**
	 * The first screenful by name, from the name index: on a large archive it paints well before
	 * the whole list has been read (10,000 rows take about 300 ms). The list opens sorted by name,
	 * so these are the rows it will start with; counts and filters wait for the whole list.
	 */
	async #showFirstRows(db: ProjectionDb): Promise<void> {
		try {
			const first = await db.customers.orderBy('sortName').limit(FIRST_ROWS).toArray();
			if (!this.loaded) this.#stored = first;
		} catch {
			// The whole list is on its way; it reports its own errors.
		}
	}

	/** Shows only customers with a data-quality issue ('' shows all again). */
	async filterByQuality(issue: QualityIssue | ''): Promise<void> {
		this.quality = issue;
		if (!issue) return;
		const { hasQualityIssue } = await import('../rules/data-quality');
		const now = Date.now();
		if (this.quality === issue) this.#qualityCheck = (row) => hasQualityIssue(row, issue, now);
	}

	/** Shows only these customers (the ones behind a chart's point), every other filter off. */
	showOnly(label: string, ids: Iterable<string>): void {
		this.clearFilters();
		// Never changed once made (a new pick makes a new set), so it need not be reactive.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		this.chosen = { label, ids: new Set(ids) };
	}

	clearFilters(): void {
		this.chosen = null;
		this.query = '';
		this.tag = '';
		this.stage = '';
		this.customField = '';
		this.customValue = '';
		this.quality = '';
	}
}

export const customerList = new CustomerListState();
