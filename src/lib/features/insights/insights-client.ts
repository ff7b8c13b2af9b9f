import { columnBuffers } from '../../analytics/columns';
import type { AnalyticsColumns } from '../../analytics/snapshot';
import type { ChartId, Dashboard, SeriesId } from './dashboard';
import type {
	InsightsReply,
	InsightsRequest,
	SegmentAnswer,
	SegmentWant
} from './insights-protocol';
import type { ConditionGroup } from '../segments/rules/segment';
import type { PivotResult, PivotSpec } from './pivot-report';
import type { Period } from './rules/periods';
import type { CustomerRow } from '../../projection/db';
import type { ValueSettings } from '../value/rules/value-settings';
import type { ValuePick, ValueReport } from '../value/value-report';
import type { CustomerValueAnswer } from '../value/value-answers';
import type { HoldoutCheck } from '../value/holdout';
import type { Recommendation } from '../value/recommendations';
import type { ValueFactsColumns } from '../value/value-facts';

type Answer =
	| Dashboard
	| string[]
	| SegmentAnswer
	| PivotResult
	| ValueReport
	| CustomerValueAnswer
	| HoldoutCheck
	| Recommendation[]
	| ValueFactsColumns;

interface Pending {
	resolve(value: Answer): void;
	reject(error: Error): void;
}

/** Rows per message: copying one part takes the page a millisecond or two. */
const CUSTOMERS_PER_PART = 250;

/**
 * The page's side of the insights worker: hands it the archive's columns and the customers the
 * page holds, and asks it for a period's dashboard, a segment, a pivot or the customers behind
 * a point. One worker per tab, started ahead once the app is quiet (see ui/warm-up.ts) or by
 * the first page of Insights, whichever comes first.
 */
export class InsightsClient {
	readonly #worker: Worker;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;
	/** Called when the worker's customers changed: numbers already shown may be out of date. */
	onChanged: (what: 'customers' | 'catalogue' | 'fields') => void = () => {};

	/**
	 * `customers`: the rows the page already holds (the list's), handed over in parts of a task
	 * each instead of the worker reading 10,000 rows from the projection while the dashboard
	 * waits; null to let the worker read them.
	 */
	constructor(
		projectionDbName: string,
		customers: { rows: readonly CustomerRow[]; stillCurrent(): boolean } | null
	) {
		this.#worker = new Worker(new URL('./insights.worker.ts', import.meta.url), {
			type: 'module',
			name: 'clientbook-insights'
		});
		this.#worker.onmessage = (event: MessageEvent<InsightsReply>) => {
			const message = event.data;
			if ('changed' in message) return this.onChanged(message.changed);
			if ('measure' in message) {
				const { name, duration } = message.measure;
				return void performance.measure(name, { start: performance.now() - duration, duration });
			}
			const pending = this.#pending.get(message.id);
			if (!pending) return;
			this.#pending.delete(message.id);
			if ('error' in message) pending.reject(new Error(message.error));
			else if ('dashboard' in message) pending.resolve(message.dashboard);
			else if ('segment' in message) pending.resolve(message.segment);
			else if ('pivot' in message) pending.resolve(message.pivot);
			else if ('value' in message) pending.resolve(message.value);
			else if ('customerValue' in message) pending.resolve(message.customerValue);
			else if ('holdout' in message) pending.resolve(message.holdout);
			else if ('recommendations' in message) pending.resolve(message.recommendations);
			else if ('valueFacts' in message) pending.resolve(message.valueFacts);
			else pending.resolve(message.customers);
		};
		this.#worker.onerror = (event) => {
			const error = new Error(event.message || 'the insights worker stopped');
			for (const pending of this.#pending.values()) pending.reject(error);
			this.#pending.clear();
		};
		this.#post({ type: 'open', projectionDbName, customersFromPage: customers !== null });
		if (customers) void this.#sendCustomers(customers.rows, customers.stillCurrent);
	}

	/** Whether a page of Insights shows (the worker then follows the customers' changes). */
	watch(on: boolean): void {
		this.#post({ type: 'watch', on });
	}

	async #sendCustomers(rows: readonly CustomerRow[], stillCurrent: () => boolean): Promise<void> {
		for (let from = 0; ; from += CUSTOMERS_PER_PART) {
			// A tab in the background gets its idle time rarely: the rest goes at once.
			const part = document.hidden ? rows.length : CUSTOMERS_PER_PART;
			const last = from + part >= rows.length;
			this.#post({ type: 'customers', rows: rows.slice(from, from + part), last });
			if (last) {
				// A change the worker may have started listening too late to hear of.
				if (!stillCurrent()) this.#post({ type: 'customersChanged' });
				return;
			}
			// Copying a part holds the page a millisecond or two: in idle time where there is
			// such a thing, so a keystroke or a frame never waits behind more than one part.
			await new Promise<void>((resolve) =>
				typeof requestIdleCallback === 'function'
					? requestIdleCallback(() => resolve(), { timeout: 50 })
					: setTimeout(resolve, 0)
			);
		}
	}

	/** Gives the worker the archive's events as they are now; the columns' buffers move over. */
	setColumns(columns: AnalyticsColumns): void {
		this.#post({ type: 'columns', columns }, columnBuffers(columns));
	}

	dashboard(period: Period): Promise<Dashboard> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'dashboard', id, period }) as Promise<Dashboard>;
	}

	customersBehind(
		period: Period,
		chart: ChartId,
		key: string,
		series?: SeriesId
	): Promise<string[]> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'behind', id, period, chart, key, series }) as Promise<string[]>;
	}

	/** Who matches a segment's definition as of `now`: how many, their ids, or their sums. */
	segment(
		definition: ConditionGroup,
		now: number,
		want: SegmentWant,
		settings: ValueSettings
	): Promise<SegmentAnswer> {
		const id = this.#nextId++;
		return this.#ask(id, {
			type: 'segment',
			id,
			definition,
			now,
			want,
			settings
		}) as Promise<SegmentAnswer>;
	}

	pivot(spec: PivotSpec): Promise<PivotResult> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'pivot', id, spec }) as Promise<PivotResult>;
	}

	pivotCustomers(spec: PivotSpec, rowKey: string, columnKey: string): Promise<string[]> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'pivotCustomers', id, spec, rowKey, columnKey }) as Promise<
			string[]
		>;
	}

	/** Every customer's value as of a day, summed up for the "Customer value" screen. */
	value(asOf: string, settings: ValueSettings, refit: boolean): Promise<ValueReport> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'value', id, asOf, settings, refit }) as Promise<ValueReport>;
	}

	customerValue(
		customerId: string,
		asOf: string,
		settings: ValueSettings
	): Promise<CustomerValueAnswer> {
		const id = this.#nextId++;
		return this.#ask(id, {
			type: 'customerValue',
			id,
			customerId,
			asOf,
			settings
		}) as Promise<CustomerValueAnswer>;
	}

	/** The ids of the customers a click on the value screen stands for. */
	valueCustomers(asOf: string, settings: ValueSettings, pick: ValuePick): Promise<string[]> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'valueCustomers', id, asOf, settings, pick }) as Promise<string[]>;
	}

	holdout(split: string, end: string): Promise<HoldoutCheck> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'holdout', id, split, end }) as Promise<HoldoutCheck>;
	}

	recommend(target: { customerId: string } | { productKey: string }): Promise<Recommendation[]> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'recommend', id, for: target }) as Promise<Recommendation[]>;
	}

	valueFacts(asOf: string, settings: ValueSettings): Promise<ValueFactsColumns> {
		const id = this.#nextId++;
		return this.#ask(id, { type: 'valueFacts', id, asOf, settings }) as Promise<ValueFactsColumns>;
	}

	#ask(id: number, request: InsightsRequest): Promise<Answer> {
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#post(request);
		});
	}

	#post(request: InsightsRequest, transfer: Transferable[] = []): void {
		this.#worker.postMessage(request, transfer);
	}
}
