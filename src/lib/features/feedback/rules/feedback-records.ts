/**
 * What a stored feedback item is: its choices, limits and shape. Kept apart from the rules so
 * the workspace's first load (which reads every kind of record) carries only these.
 */

export const FEEDBACK_KINDS = ['complaint', 'suggestion', 'praise', 'question'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_CHANNELS = [
	'in_store',
	'phone',
	'wechat',
	'online_review',
	'survey'
] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The way a feedback item goes; "closed" can be reopened (back to in progress). */
export const FEEDBACK_STATUSES = [
	'new',
	'acknowledged',
	'in_progress',
	'resolved',
	'closed'
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Statuses still waiting for the shop: these can be overdue. */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['new', 'acknowledged', 'in_progress'];

export const MAX_FEEDBACK_TEXT = 4_000;
export const MAX_FEEDBACK_NOTE = 2_000;
export const MAX_FEEDBACK_PRODUCTS = 20;

export interface FeedbackFields {
	kind: FeedbackKind;
	channel: FeedbackChannel;
	customerId: string;
	/** The purchase it is about ('' when none). */
	purchaseId: string;
	products: string[];
	severity: Severity;
	description: string;
	ownerId: string;
	/** When the shop heard it (a call last night is logged this morning): due counts from here. */
	receivedAt: number;
}

export interface FeedbackRow extends FeedbackFields {
	id: string;
	status: FeedbackStatus;
	/** When the shop's response-time rule wants it resolved. */
	dueAt: number;
	resolution: string;
	/** The customer's satisfaction with the resolution, 1–5 (null until asked). */
	satisfaction: number | null;
	/** When it was first acknowledged (0 while never), for the time to first response. */
	acknowledgedAt: number;
	/** When it was last resolved (0 while never), for the time to resolution. */
	resolvedAt: number;
	createdAt: number;
	createdBy: string;
	updatedAt: number;
}

/** A change of a feedback item, kept as an entry of its own: who, when, what. */
export interface FeedbackEventRow {
	id: string;
	feedbackId: string;
	kind: 'status' | 'assign' | 'resolution';
	from: string;
	to: string;
	at: number;
	by: string;
}

export function isSatisfaction(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}
