/// <reference lib="webworker" />
import { liveQuery } from 'dexie';
import type { AnalyticsColumns } from '../../analytics/snapshot';
import { ProjectionDb } from '../../projection/db';
import { customersBehind, dashboard } from './dashboard';
import { InsightsIndex, type CustomerFacts } from './insights-index';
import type { InsightsReply, InsightsRequest, SegmentAnswer } from './insights-protocol';
import type { CustomerRow } from '../../projection/db';
import { behaviourData, type CatalogueEntry } from '../segments/segment-data';
import { segmentTest, type BehaviourData } from '../segments/rules/segment-match';
import { summariseMembers } from '../segments/rules/segment-summary';
import { pivotCustomers, pivotReport, productCategories } from './pivot-report';
import { sameRows } from './same-rows';

/**
 * The insights' own thread: joins the archive's events (columns sent by the page from the
 * workspace) with the customers it reads from the projection itself, and answers the
 * dashboard's questions, so no grouping over 100,000 purchases ever runs on the page.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: InsightsReply) => scope.postMessage(message);

let columns: AnalyticsColumns | null = null;
let customers: CustomerFacts[] | null = null;
/** The customers' whole rows, for segments' conditions on any field. */
let rows: CustomerRow[] = [];
/** The product catalogue (null until first read): a category condition looks in it. */
let catalogue: CatalogueEntry[] | null = null;
/** The shop's fields in use (not removed). */
let customFields: ReadonlySet<string> = new Set();
let fieldsRead = false;
let behaviour: BehaviourData | null = null;
let index: InsightsIndex | null = null;
/** Requests that came before the columns and the customers did. */
const waiting: Array<() => void> = [];

/** Why the customers could not be read, if they could not: every question then says so. */
let failure: string | null = null;

function ready(): Promise<InsightsIndex> {
	if (failure) return Promise.reject(new Error(failure));
	if (columns && customers && catalogue)
		return Promise.resolve((index ??= new InsightsIndex(columns, customers)));
	return new Promise((resolve, reject) => waiting.push(() => ready().then(resolve, reject)));
}

function changed(): void {
	index = null;
	behaviour = null;
	if (columns && customers && catalogue) {
		for (const wake of waiting.splice(0)) wake();
	}
}

// The page keeps the worker's timings with its own (see docs/performance.md).
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) {
		if (entry.name.startsWith('clientbook:'))
			reply({ measure: { name: entry.name, duration: entry.duration } });
	}
}).observe({ type: 'measure' });

function follow(projectionDbName: string, customersFromPage: boolean): void {
	const db = new ProjectionDb(projectionDbName);
	const started = performance.now();
	liveQuery(() => db.products.toArray()).subscribe({
		next: (products) => {
			const first = catalogue === null;
			catalogue = products.map(({ id, name, category }) => ({ id, name, category }));
			changed();
			if (!first) reply({ changed: 'catalogue' });
		},
		error: (error: unknown) => {
			// Without the catalogue, a category condition finds only what it can by name.
			console.error('Clientbook insights could not read products', error);
			catalogue ??= [];
			changed();
		}
	});
	liveQuery(() => db.fieldDefs.toArray()).subscribe({
		next: (defs) => {
			const first = fieldsRead === false;
			fieldsRead = true;
			customFields = new Set(defs.filter((def) => !def.removed).map((def) => def.id));
			if (!first) reply({ changed: 'fields' });
		},
		error: (error: unknown) => console.error('Clientbook insights could not read fields', error)
	});
	startFollowing = () => {
		following ??= liveQuery(() => db.customers.toArray()).subscribe({
			next: (read) => {
				const first = customers === null;
				if (first) performance.measure('clientbook:insights-customers-read', { start: started });
				// The page's rows (or an earlier read), read again to follow changes: nothing to
				// redo when they are alike.
				if (!first && sameRows(rows, read)) return void (rows = read);
				takeCustomers(read);
				if (!first) reply({ changed: 'customers' });
			},
			error: (error: unknown) => {
				console.error('Clientbook insights could not read customers', error);
				failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
				for (const wake of waiting.splice(0)) wake();
			}
		});
	};
	if (!customersFromPage) startFollowing();
	// Should the page's rows not all come (a tab in the background slows its timers to a
	// crawl), the worker reads them itself rather than leave questions waiting.
	else setTimeout(() => customers === null && startFollowing?.(), PAGE_ROWS_WAIT_MS);
}

/** How long after the page's customers arrive a watching worker starts reading them itself. */
const FOLLOW_AFTER_MS = 1_500;
/** How long the worker waits for the page's customer rows before reading them itself. */
const PAGE_ROWS_WAIT_MS = 3_000;
/** Reads and follows the customers (set once the projection is opened). */
let startFollowing: (() => void) | null = null;
let following: { unsubscribe(): void } | null = null;
/**
 * Whether a page of Insights is open: only then are the customers followed change by change
 * (each change reads them all again, which an import of 10,000 would repeat for every write).
 */
let watched = false;

let fromPage: CustomerRow[] = [];

function takeCustomers(read: CustomerRow[]): void {
	rows = read;
	customers = read.map((row) => ({
		id: row.id,
		stage: row.stage,
		source: row.source,
		tags: row.tags,
		province: row.province.trim(),
		city: row.city.trim()
	}));
	changed();
}

scope.onmessage = (event: MessageEvent<InsightsRequest>) => {
	const request = event.data;
	if (request.type === 'open') return follow(request.projectionDbName, request.customersFromPage);
	if (request.type === 'customers') {
		fromPage.push(...request.rows);
		if (!request.last) return;
		performance.measure('clientbook:insights-customers-received', { start: 0 });
		if (customers === null) takeCustomers(fromPage);
		fromPage = [];
		// The projection is read once the first questions are answered, if a page still shows.
		setTimeout(() => watched && startFollowing?.(), FOLLOW_AFTER_MS);
		return;
	}
	if (request.type === 'watch') {
		watched = request.on;
		if (watched) startFollowing?.();
		else if (customers !== null) {
			following?.unsubscribe();
			following = null;
		}
		return;
	}
	if (request.type === 'columns') {
		columns = request.columns;
		return changed();
	}
	const { id } = request;
	ready()
		.then((insights) =>
			request.type === 'pivot'
				? reply({
						id,
						pivot: pivotReport(insights, rows, categoriesOf(insights), request.spec)
					})
				: request.type === 'pivotCustomers'
					? reply({
							id,
							customers: pivotCustomers(
								insights,
								rows,
								categoriesOf(insights),
								request.spec,
								request.rowKey,
								request.columnKey
							)
						})
					: request.type === 'segment'
						? reply({ id, segment: answerSegment(insights, request) })
						: request.type === 'dashboard'
							? reply({ id, dashboard: dashboard(insights, request.period) })
							: reply({
									id,
									customers: customersBehind(
										insights,
										request.period,
										request.chart,
										request.key,
										request.series
									)
								})
		)
		.catch((error: unknown) =>
			reply({ id, error: error instanceof Error ? error.message : String(error) })
		);
};

function answerSegment(
	insights: InsightsIndex,
	request: Extract<InsightsRequest, { type: 'segment' }>
): SegmentAnswer {
	behaviour ??= behaviourData(insights.columns, catalogue ?? []);
	const test = segmentTest(request.definition, {
		now: request.now,
		behaviour,
		customFields
	});
	const members = rows.filter(test);
	return {
		count: members.length,
		...(request.want === 'members' ? { ids: members.map((member) => member.id) } : {}),
		...(request.want === 'summary' ? { summary: summariseMembers(members) } : {})
	};
}

function categoriesOf(insights: InsightsIndex): string[] {
	return productCategories(
		insights.columns.products,
		insights.columns.productNames,
		catalogue ?? []
	);
}
