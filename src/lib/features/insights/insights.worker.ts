/// <reference lib="webworker" />
import Dexie, { liveQuery } from 'dexie';
import type { AnalyticsColumns } from '../../analytics/snapshot';
import { ProjectionDb } from '../../projection/db';
import { customersBehind, dashboard } from './dashboard';
import { InsightsIndex, type CustomerFacts } from './insights-index';
import type { InsightsReply, InsightsRequest, SegmentAnswer } from './insights-protocol';
import type { CustomerRow } from '../../projection/db';
import { behaviourData, type CatalogueEntry } from '../segments/segment-data';
import {
	segmentTest,
	usesBirthdayMonth,
	usesValueFields,
	type BehaviourData
} from '../segments/rules/segment-match';
import { localDateKey } from '../../domain/dates';
import { summariseMembers } from '../segments/rules/segment-summary';
import {
	pivotCustomers,
	pivotReport,
	productCategories,
	usesValue,
	type PivotCustomer,
	type PivotSpec
} from './pivot-report';
import { sameRows } from '$lib/core/same-rows';
import { ValueEngine } from '../value/value-engine';
import { holdoutCheck } from '../value/holdout';
import { columnsTransfer, toColumns } from '../value/value-facts';
import { Recommender, type Recommendation } from '../value/recommendations';

/**
 * The insights' own thread: joins the archive's events (columns sent by the page from the
 * workspace) with the customers it reads from the projection itself, and answers the
 * dashboard's questions, so no grouping over 100,000 purchases ever runs on the page.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: InsightsReply) =>
	scope.postMessage(message, 'valueFacts' in message ? columnsTransfer(message.valueFacts) : []);

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
			catalogue = products.map(({ id, name, category, active }) => ({
				id,
				name,
				category,
				active
			}));
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
	projection = db;
	// Every write to the customers table, from any tab or worker, marks what this worker holds
	// as stale; it reads them again only while a page of Insights shows (see `watched`).
	const customersTable = `idb://${projectionDbName}/customers/`;
	Dexie.on('storagemutated', (parts) => {
		if (Object.keys(parts).some((part) => part.startsWith(customersTable))) customersChanged();
	});
	if (!customersFromPage) void readCustomers(started);
	// Should the page's rows not all come (a tab in the background slows its timers to a
	// crawl), the worker reads them itself rather than leave questions waiting.
	else setTimeout(() => customers === null && void readCustomers(started), PAGE_ROWS_WAIT_MS);
}

/** How long the worker waits for the page's customer rows before reading them itself. */
const PAGE_ROWS_WAIT_MS = 3_000;
let projection: ProjectionDb | null = null;
/**
 * Whether a page of Insights shows: only then are the customers read again after a change (a
 * read of 10,000 rows for every write of an import would hold a core for nothing).
 */
let watched = false;
/** The page's customer rows as their parts arrive. */
let fromPage: CustomerRow[] = [];
/** A change to the customers came since they were last read. */
let customersStale = false;
let rereadTimer: ReturnType<typeof setTimeout> | undefined;

function customersChanged(): void {
	customersStale = true;
	if (!watched) return;
	// A burst of writes (a bulk tag) is read once, after it.
	clearTimeout(rereadTimer);
	rereadTimer = setTimeout(() => void readCustomers(), 100);
}

async function readCustomers(started?: number): Promise<void> {
	if (!projection) return;
	customersStale = false;
	try {
		const read = await projection.customers.toArray();
		const first = customers === null;
		if (first && started !== undefined)
			performance.measure('clientbook:insights-customers-read', { start: started });
		if (!first && sameRows(rows, read)) return void (rows = read);
		takeCustomers(read);
		if (!first) reply({ changed: 'customers' });
	} catch (error) {
		console.error('Clientbook insights could not read customers', error);
		if (customers !== null) return;
		failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		for (const wake of waiting.splice(0)) wake();
	}
}

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
		return;
	}
	if (request.type === 'customersChanged') return customersChanged();
	if (request.type === 'watch') {
		watched = request.on;
		if (watched && customersStale) customersChanged();
		return;
	}
	if (request.type === 'columns') {
		columns = request.columns;
		return changed();
	}
	const { id } = request;
	ready()
		.then(async (insights) => {
			if (request.type === 'segment' && usesBirthdayMonth(request.definition)) {
				lunarMonths ??= await import('../care/rules/lunar-month');
			}
			return insights;
		})
		.then((insights) => reply(answer(insights, request)))
		.catch((error: unknown) =>
			reply({ id, error: error instanceof Error ? error.message : String(error) })
		);
};

type Question = Exclude<
	InsightsRequest,
	{ type: 'open' | 'customers' | 'watch' | 'customersChanged' | 'columns' }
>;

/** The answer to a question, once the columns and the customers are in. */
function answer(insights: InsightsIndex, request: Question): InsightsReply {
	const { id } = request;
	switch (request.type) {
		case 'dashboard':
			return { id, dashboard: dashboard(insights, request.period) };
		case 'behind':
			return {
				id,
				customers: customersBehind(
					insights,
					request.period,
					request.chart,
					request.key,
					request.series
				)
			};
		case 'segment':
			return { id, segment: answerSegment(insights, request) };
		case 'pivot':
			return {
				id,
				pivot: pivotReport(
					insights,
					pivotRows(insights, request.spec),
					categoriesOf(insights),
					request.spec
				)
			};
		case 'pivotCustomers':
			return {
				id,
				customers: pivotCustomers(
					insights,
					pivotRows(insights, request.spec),
					categoriesOf(insights),
					request.spec,
					request.rowKey,
					request.columnKey
				)
			};
		case 'value':
			return {
				id,
				value: valueEngine.report(
					insights,
					request.asOf,
					request.settings,
					request.refit,
					contactOf
				)
			};
		case 'customerValue':
			return {
				id,
				customerValue: valueEngine.customer(
					insights,
					request.asOf,
					request.settings,
					request.customerId
				)
			};
		case 'valueCustomers':
			return {
				id,
				customers: valueEngine.customers(insights, request.asOf, request.settings, request.pick)
			};
		case 'holdout':
			return { id, holdout: holdoutCheck(insights, request.split, request.end) };
		case 'valueFacts':
			return {
				id,
				valueFacts: toColumns(valueEngine.segmentFacts(insights, request.asOf, request.settings))
			};
		case 'recommend':
			return { id, recommendations: recommend(insights, request.for) };
	}
}

const valueEngine = new ValueEngine();

/** Kept while the archive and the catalogue stay as they are. */
let recommender: { of: CatalogueEntry[] | null; recommender: Recommender } | null = null;

function recommend(
	insights: InsightsIndex,
	target: { customerId: string } | { productKey: string }
): Recommendation[] {
	if (recommender?.recommender.index !== insights || recommender.of !== catalogue)
		recommender = { of: catalogue, recommender: new Recommender(insights, catalogue ?? []) };
	return 'customerId' in target
		? recommender.recommender.forCustomer(target.customerId)
		: recommender.recommender.forProduct(target.productKey);
}

/** The lunar calendar, loaded once a segment asks for birthday months. */
let lunarMonths: typeof import('../care/rules/lunar-month') | null = null;

let rowById: { of: CustomerRow[]; map: Map<string, CustomerRow> } | null = null;

function contactOf(id: string): { name: string; phone: string } {
	if (rowById?.of !== rows) rowById = { of: rows, map: new Map(rows.map((row) => [row.id, row])) };
	const row = rowById.map.get(id);
	return { name: row?.name ?? '', phone: row?.phone ?? '' };
}

function answerSegment(
	insights: InsightsIndex,
	request: Extract<InsightsRequest, { type: 'segment' }>
): SegmentAnswer {
	behaviour ??= behaviourData(insights.columns, catalogue ?? []);
	const test = segmentTest(request.definition, {
		now: request.now,
		behaviour,
		customFields,
		...(lunarMonths
			? {
					lunarMonthOf: lunarMonths.lunarBirthdayMonths(new Date(request.now).getFullYear())
				}
			: {}),
		...(usesValueFields(request.definition)
			? {
					value: valueEngine.segmentFacts(insights, localDateKey(request.now), request.settings)
				}
			: {})
	});
	const members = rows.filter(test);
	return {
		count: members.length,
		...(request.want === 'members' ? { ids: members.map((member) => member.id) } : {}),
		...(request.want === 'summary' ? { summary: summariseMembers(members) } : {})
	};
}

/** The customers as a report reads them: with their value scores when it groups by them. */
function pivotRows(insights: InsightsIndex, spec: PivotSpec): readonly PivotCustomer[] {
	if (!usesValue(spec) || !spec.valueSettings) return rows;
	const facts = valueEngine.segmentFacts(insights, localDateKey(spec.now), spec.valueSettings);
	return rows.map((row) => {
		const value = facts.get(row.id);
		return value
			? { ...row, value: { rfmSegment: value.segment, abcClass: value.abc, churnRisk: value.risk } }
			: row;
	});
}

function categoriesOf(insights: InsightsIndex): string[] {
	return productCategories(
		insights.columns.products,
		insights.columns.productNames,
		catalogue ?? []
	);
}
