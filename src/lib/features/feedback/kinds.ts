import type { TableKind } from '../../core/record-kind';
import { isMoment } from '../../core/stored-values';
import { str, type RecordMap } from '../../crdt/workspace-doc';
import {
	FEEDBACK_CHANNELS,
	FEEDBACK_KINDS,
	FEEDBACK_STATUSES,
	isSatisfaction,
	MAX_FEEDBACK_NOTE,
	MAX_FEEDBACK_PRODUCTS,
	MAX_FEEDBACK_TEXT,
	SEVERITIES,
	type FeedbackEventRow,
	type FeedbackRow
} from './rules/feedback-records';

export const FEEDBACK_ROOT = 'feedback';
export const FEEDBACK_EVENTS_ROOT = 'feedbackEvents';

const moment = (map: RecordMap, key: string) => {
	const value = map.get(key);
	return isMoment(value) ? value : 0;
};
const oneOf = <T extends string>(choices: readonly T[], value: unknown, fallback: T): T =>
	choices.find((choice) => choice === value) ?? fallback;

function readProducts(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	try {
		const list: unknown = JSON.parse(value);
		return Array.isArray(list)
			? list
					.filter((item): item is string => typeof item === 'string')
					.slice(0, MAX_FEEDBACK_PRODUCTS)
					.map((item) => item.slice(0, 120))
			: [];
	} catch {
		return [];
	}
}

/** A stored feedback item as its row; one without a customer or description is none. */
export function readFeedback(id: string, map: RecordMap): FeedbackRow | null {
	const customerId = str(map, 'customerId');
	const description = str(map, 'description').slice(0, MAX_FEEDBACK_TEXT);
	if (!customerId || !description) return null;
	const satisfaction = map.get('satisfaction');
	return {
		id,
		kind: oneOf(FEEDBACK_KINDS, map.get('kind'), 'complaint'),
		channel: oneOf(FEEDBACK_CHANNELS, map.get('channel'), 'in_store'),
		customerId,
		purchaseId: str(map, 'purchaseId').slice(0, 80),
		products: readProducts(map.get('products')),
		severity: oneOf(SEVERITIES, map.get('severity'), 'medium'),
		description,
		ownerId: str(map, 'ownerId').slice(0, 80),
		receivedAt: moment(map, 'receivedAt') || moment(map, 'createdAt'),
		status: oneOf(FEEDBACK_STATUSES, map.get('status'), 'new'),
		dueAt: moment(map, 'dueAt'),
		resolution: str(map, 'resolution').slice(0, MAX_FEEDBACK_NOTE),
		satisfaction: isSatisfaction(satisfaction) ? satisfaction : null,
		acknowledgedAt: moment(map, 'acknowledgedAt'),
		resolvedAt: moment(map, 'resolvedAt'),
		createdAt: moment(map, 'createdAt'),
		createdBy: str(map, 'createdBy').slice(0, 80),
		updatedAt: moment(map, 'updatedAt')
	};
}

const EVENT_KINDS = ['status', 'assign', 'resolution'] as const;

/** A stored change of a feedback item as its row; anything else is none. */
export function readFeedbackEvent(id: string, stored: unknown): FeedbackEventRow | null {
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
	const v = stored as Record<string, unknown>;
	const text = (key: string, max = 80) => (typeof v[key] === 'string' ? v[key].slice(0, max) : '');
	const kind = EVENT_KINDS.find((known) => known === v['kind']);
	const at = v['at'];
	if (!kind || !text('feedbackId') || !isMoment(at)) return null;
	return {
		id,
		feedbackId: text('feedbackId'),
		kind,
		from: text('from', MAX_FEEDBACK_NOTE),
		to: text('to', MAX_FEEDBACK_NOTE),
		at,
		by: text('by')
	};
}

/** Feedback items, shared with colleagues field by field. */
export const feedbackKind: TableKind<FeedbackRow> = {
	root: FEEDBACK_ROOT,
	storage: 'entity',
	read: (id, map) => readFeedback(id, map as RecordMap),
	personal: { about: 'customer', customerOf: (item) => item.customerId },
	table: { name: 'feedback', schema: 'id, customerId, status, dueAt', version: 1 },
	summary: 'feedback'
};

/** Each feedback item's changes, for its history and the time to respond. */
export const feedbackEventKind: TableKind<FeedbackEventRow> = {
	root: FEEDBACK_EVENTS_ROOT,
	storage: 'value',
	read: readFeedbackEvent,
	personal: { about: 'part', parentRoot: FEEDBACK_ROOT, parentOf: (event) => event.feedbackId },
	table: { name: 'feedbackEvents', schema: 'id, feedbackId', version: 1 }
};
