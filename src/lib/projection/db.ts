import Dexie, { type Table } from 'dexie';
import type {
	ChangeRecord,
	InteractionRecord,
	PurchaseRecord,
	TaskRecord
} from '../features/activity/activity-records';
import type { FieldDefRecord } from '../features/custom-fields/field-def-records';
import type { MemberRecord } from '../features/shop/member-records';
import type { SegmentRow } from '../features/segments/rules/segment';
import type { ReportRow } from '../features/insights/rules/report-definition';
import type { CampaignRow } from '../features/coupons/rules/coupons';
import type { TemplateRow } from '../features/care/rules/templates';
import type { AutomationRow } from '../features/automations/rules/automations';
import type { DealRow } from '../features/deals/rules/deal';
import type { PipelineRow } from '../features/deals/rules/pipeline';
import type { DealMoveRow } from '../features/deals/kinds';
import type { LeadEventRow } from '../features/leads/rules/lead';
import type { ConsentRow } from '../features/leads/rules/consent';
import type { FeedbackEventRow, FeedbackRow } from '../features/feedback/rules/feedback';
import type {
	InvitationRow,
	ResponseRow,
	SurveyRow
} from '../features/feedback/rules/survey-records';
import type { ProductRecord } from '../features/products/product-records';
import type { TagColor } from '../features/tags/rules/tags';
import type { CustomerRecord } from '../features/customers/rules/customer';
import type { CustomerMetrics } from '../features/customers/rules/customer-metrics';
import { CUSTOMER_INDEXES } from './customer-indexes';

/** A customer as the UI reads it: the record, its derived metrics, and keys for sort and search. */
export interface CustomerRow extends CustomerRecord, CustomerMetrics {
	sortName: string;
	searchText: string;
	phoneDigits: string;
}

export interface PurchaseRow extends PurchaseRecord {
	totalCents: number;
}

export type InteractionRow = InteractionRecord;

export type FieldDefRow = FieldDefRecord;

export type ChangeRow = ChangeRecord;

export type ProductRow = ProductRecord;

export type MemberRow = MemberRecord;

export interface TagColorRow {
	tag: string;
	color: TagColor;
}

export interface TaskRow extends TaskRecord {
	/** The day the task shows up: the snooze date when snoozed, else the due date. */
	effectiveDue: string;
}

/** The key of the one ProjectionState row. */
export const PROJECTION_STATE_KEY = 'workspace';

/** Where the projection is up to: rebuild when the version or the doc's state vector differs. */
export interface ProjectionState {
	key: string;
	projectorVersion: number;
	stateVector: Uint8Array;
	/** How many (valid) purchases and interactions the doc holds, kept with every write. */
	purchaseCount?: number;
	interactionCount?: number;
	/** The version of each table kind's rows (see `TableKind.table.version`), by table. */
	tableVersions?: Record<string, number>;
}

/**
 * The queryable projection of the workspace doc. Never written by UI code: only the projector
 * writes here, and everything can be dropped and rebuilt from the doc, so indexes may change
 * freely between versions (a new PROJECTOR_VERSION rebuilds the rows).
 */
export class ProjectionDb extends Dexie {
	customers!: Table<CustomerRow, string>;
	tasks!: Table<TaskRow, string>;
	fieldDefs!: Table<FieldDefRow, string>;
	tagColors!: Table<TagColorRow, string>;
	changes!: Table<ChangeRow, string>;
	products!: Table<ProductRow, string>;
	members!: Table<MemberRow, string>;
	segments!: Table<SegmentRow, string>;
	reports!: Table<ReportRow, string>;
	couponCampaigns!: Table<CampaignRow, string>;
	messageTemplates!: Table<TemplateRow, string>;
	automations!: Table<AutomationRow, string>;
	pipelines!: Table<PipelineRow, string>;
	deals!: Table<DealRow, string>;
	dealMoves!: Table<DealMoveRow, string>;
	leadEvents!: Table<LeadEventRow, string>;
	consents!: Table<ConsentRow, string>;
	feedback!: Table<FeedbackRow, string>;
	feedbackEvents!: Table<FeedbackEventRow, string>;
	surveys!: Table<SurveyRow, string>;
	surveyInvitations!: Table<InvitationRow, string>;
	surveyResponses!: Table<ResponseRow, string>;
	projectionState!: Table<ProjectionState, string>;

	/**
	 * `extraTables` declares tables of kinds the app does not ship (a test's own kind of record);
	 * the app's tables are all declared below, the page opening this without their readers.
	 */
	constructor(name: string, extraTables: Record<string, string> = {}) {
		// Live queries' rows are frozen, not deep-copied on every answer (Dexie's default): 5,000
		// deals or feedback items cost a 40–70 ms copy on the page each time. Rows are read-only.
		super(name, { cache: 'immutable' });
		this.version(1).stores({
			customers: 'id, sortName, phoneDigits, *tags, stage, updatedAt',
			projectionState: 'key'
		});
		this.version(2).stores({
			customers:
				'id, sortName, phoneDigits, *tags, stage, updatedAt, totalSpentCents, lastPurchaseAt, lastContactAt',
			purchases: 'id, customerId, at',
			interactions: 'id, customerId, at',
			tasks: 'id, customerId, [status+effectiveDue]'
		});
		this.version(3).stores({ fieldDefs: 'id, order' });
		this.version(4).stores({ tagColors: 'tag' });
		this.version(5).stores({ changes: 'id, customerId' });
		this.version(6).stores({ products: 'id, name' });
		this.version(7).stores({ members: 'memberId' });
		// Events moved into one row per customer (PROJECTOR_VERSION 10 rebuilds them).
		this.version(8).stores({ activity: 'customerId', purchases: null, interactions: null });
		// Indexes nothing queried; dropping them leaves the rows as they are.
		this.version(9).stores({ customers: 'id, sortName, lastPurchaseAt' });
		// Activity rows stored a bucket of customers per record (PROJECTOR_VERSION 11 rebuilt them).
		this.version(10).stores({ activity: null, activityBuckets: 'bucket, *customerIds' });
		// Events are no longer copied into the projection: the worker reads them from the doc.
		this.version(11).stores({ activityBuckets: null });
		// Sale suggestions find the latest purchases in the worker's event index instead.
		this.version(12).stores({ customers: CUSTOMER_INDEXES });
		this.version(13).stores({ segments: 'id, name' });
		this.version(14).stores({ reports: 'id, name' });
		this.version(15).stores({ couponCampaigns: 'id, name' });
		this.version(16).stores({ messageTemplates: 'id, name' });
		this.version(17).stores({ automations: 'id, name' });
		this.version(18).stores({
			pipelines: 'id, name',
			deals: 'id, pipelineId, customerId',
			dealMoves: 'id, dealId'
		});
		this.version(19).stores({ leadEvents: 'id, customerId', consents: 'id, customerId' });
		// The board reads a pipeline's deals stage by stage, closed ones by when they closed.
		this.version(20).stores({
			deals: 'id, pipelineId, customerId, [pipelineId+stageId+stageEnteredAt]'
		});
		this.version(21).stores({
			feedback: 'id, customerId, status, dueAt',
			feedbackEvents: 'id, feedbackId'
		});
		this.version(22).stores({
			surveys: 'id, name',
			surveyInvitations: 'id, customerId, surveyId',
			surveyResponses: 'id, customerId, surveyId, at'
		});
		if (Object.keys(extraTables).length > 0) this.version(23).stores(extraTables);
	}
}

export function projectionDbName(workspaceId: string): string {
	return `clientbook-projection-${workspaceId}`;
}
