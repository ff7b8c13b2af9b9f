import type { AnalyticsColumns } from '../../analytics/snapshot';
import type { ChartId, Dashboard, SeriesId } from './dashboard';
import type { Period } from './rules/periods';
import type { PivotResult, PivotSpec } from './pivot-report';
import type { ConditionGroup } from '../segments/rules/segment';
import type { SegmentSummary } from '../segments/rules/segment-summary';
import type { ValueFactsColumns } from '../value/value-facts';
import type { CustomerRow } from '../../projection/db';
import type { ValueSettings } from '../value/rules/value-settings';
import type { ValuePick, ValueReport } from '../value/value-report';
import type { CustomerValueAnswer } from '../value/value-answers';
import type { HoldoutCheck } from '../value/holdout';
import type { Recommendation } from '../value/recommendations';

/** What a segment question asks for: how many match, who, or what they add up to. */
export type SegmentWant = 'count' | 'members' | 'summary';

export interface SegmentAnswer {
	count: number;
	ids?: string[];
	summary?: SegmentSummary;
}

/** What the page asks of the insights worker. */
export type InsightsRequest =
	/**
	 * `customersFromPage`: the page sends the customers it holds ('customers' parts) and the
	 * worker reads them itself only later, to follow changes.
	 */
	| { type: 'open'; projectionDbName: string; customersFromPage: boolean }
	/** A part of the page's customer rows, in order; the last part completes them. */
	| { type: 'customers'; rows: readonly CustomerRow[]; last: boolean }
	/** Whether a page of Insights shows: only then does the worker follow every change. */
	| { type: 'watch'; on: boolean }
	/** The page's rows changed while they were being sent: what the worker holds is stale. */
	| { type: 'customersChanged' }
	/** The archive's events as they are now (the buffers are transferred). */
	| { type: 'columns'; columns: AnalyticsColumns }
	| { type: 'dashboard'; id: number; period: Period }
	| {
			type: 'behind';
			id: number;
			period: Period;
			chart: ChartId;
			key: string;
			series?: SeriesId;
	  }
	| {
			type: 'segment';
			id: number;
			definition: ConditionGroup;
			now: number;
			want: SegmentWant;
			/** For conditions on customer value. */
			settings: ValueSettings;
	  }
	| { type: 'pivot'; id: number; spec: PivotSpec }
	| { type: 'pivotCustomers'; id: number; spec: PivotSpec; rowKey: string; columnKey: string }
	/** Customer value as of a day (YYYY-MM-DD); `refit` fits the models again though nothing changed. */
	| { type: 'value'; id: number; asOf: string; settings: ValueSettings; refit: boolean }
	| { type: 'customerValue'; id: number; customerId: string; asOf: string; settings: ValueSettings }
	| { type: 'valueCustomers'; id: number; asOf: string; settings: ValueSettings; pick: ValuePick }
	/** Every customer's value scores as segment conditions read them (for an export). */
	| { type: 'valueFacts'; id: number; asOf: string; settings: ValueSettings }
	/** The model fitted up to `split` and checked against the purchases up to `end`. */
	| { type: 'holdout'; id: number; split: string; end: string }
	/** Products to suggest to a customer, or that go with a product (by its analytics key). */
	| { type: 'recommend'; id: number; for: { customerId: string } | { productKey: string } };

export type InsightsReply =
	| { id: number; dashboard: Dashboard }
	| { id: number; customers: string[] }
	| { id: number; segment: SegmentAnswer }
	| { id: number; pivot: PivotResult }
	| { id: number; value: ValueReport }
	| { id: number; customerValue: CustomerValueAnswer }
	| { id: number; holdout: HoldoutCheck }
	| { id: number; valueFacts: ValueFactsColumns }
	| { id: number; recommendations: Recommendation[] }
	| { id: number; error: string }
	/**
	 * What the worker reads for itself changed since the last answer: ask again for fresh
	 * numbers. Only a change of customers can change whose sales count (the columns).
	 */
	| { changed: 'customers' | 'catalogue' | 'fields' }
	/** A timing of the worker's, for the page's timeline (the benchmark reads it there). */
	| { measure: { name: string; duration: number } };
