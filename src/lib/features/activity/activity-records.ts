import {
	DIRECTIONS,
	INTERACTION_KINDS,
	PAYMENT_METHODS,
	PURCHASE_CHANNELS,
	type InteractionFields,
	type PurchaseFields,
	type PurchaseLine
} from './rules/activity-fields';
import type { FieldChange } from '../customers/rules/field-changes';
import type { TaskStatus } from './rules/follow-ups';
import { readTombstone } from './event-tombstones';
import { readFieldEdit } from '../customers/field-edit-entries';
import { decodeEventValue } from './event-values';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';

export interface PurchaseRecord extends PurchaseFields {
	id: string;
	createdAt: number;
	createdBy: string;
}

export interface InteractionRecord extends InteractionFields {
	id: string;
	createdAt: number;
	createdBy: string;
	/** The follow-up task this interaction created, if any. */
	taskId: string;
}

export interface ChangeRecord {
	id: string;
	customerId: string;
	at: number;
	by: string;
	changes: FieldChange[];
	/** Set when this entry records a merge: the customer merged into this one. */
	mergedFrom?: { id: string; name: string };
	/** Set when this entry records an edit of one of the customer's purchases or conversations. */
	event?: { kind: EditedEventKind; id: string };
}

export type EditedEventKind = 'purchase' | 'interaction';

/** A deleted purchase or conversation: what it was, and who deleted it when. */
export interface DeletedMark {
	deletedAt: number;
	deletedBy: string;
}

export function readChange(id: string, stored: unknown): ChangeRecord | null {
	const edit = readFieldEdit(stored);
	if (edit) return { id, ...edit };
	const value = decodeEventValue(stored);
	if (!value || typeof value.customerId !== 'string' || !Array.isArray(value.changes)) {
		return null;
	}
	return {
		id,
		customerId: value.customerId,
		at: n(value.at),
		by: s(value.by),
		changes: value.changes
			.filter(isObject)
			.filter((change) => typeof change.field === 'string')
			.map((change) => ({
				field: change.field as FieldChange['field'],
				from: (change.from ?? null) as FieldChange['from'],
				to: (change.to ?? null) as FieldChange['to']
			})),
		...(isObject(value.mergedFrom) && typeof value.mergedFrom.id === 'string'
			? { mergedFrom: { id: value.mergedFrom.id, name: s(value.mergedFrom.name) } }
			: {}),
		...(isObject(value.event) &&
		typeof value.event.id === 'string' &&
		(value.event.kind === 'purchase' || value.event.kind === 'interaction')
			? { event: { kind: value.event.kind, id: value.event.id } }
			: {})
	};
}

export interface TaskRecord {
	id: string;
	customerId: string;
	title: string;
	due: string;
	dueTime: string;
	status: TaskStatus;
	doneAt: number | null;
	snoozedUntil: string;
	repeatAfterPurchaseDays: number;
	seriesId: string;
	/** The interaction that asked for this follow-up, if any (or the automation result). */
	sourceId: string;
	/** The member it is for (an automation's task may name one), else ''. */
	assignedTo: string;
	createdAt: number;
	createdBy: string;
	updatedAt: number;
	updatedBy: string;
}

type Loose = Record<string, unknown>;

/** A stored purchase or interaction, when it is a record that names its customer. */
function decodeOwnedEvent(stored: unknown): (Loose & { customerId: string }) | null {
	const value = decodeEventValue(stored);
	return value && typeof value.customerId === 'string'
		? (value as Loose & { customerId: string })
		: null;
}

/**
 * A purchase or interaction not marked deleted inside its record. Since v8 a delete removes the
 * key and writes a tombstone (event-tombstones.ts), which callers that read the doc check
 * (`liveEventValue`); version 7 wrote the same record with `deletedAt`/`deletedBy`, and every
 * reader below that serves the archive's figures and lists still leaves such a record out.
 */
function decodeLiveEvent(stored: unknown): (Loose & { customerId: string }) | null {
	const value = decodeOwnedEvent(stored);
	return value && typeof value.deletedAt !== 'number' ? value : null;
}

/** Whether a stored event is a record at all: a plain object naming its customer. */
export function isWellFormedEvent(stored: unknown): boolean {
	return decodeOwnedEvent(stored) !== null;
}

/** Whether a stored event is a valid record marked deleted. */
export function isDeletedEvent(stored: unknown): boolean {
	return typeof decodeOwnedEvent(stored)?.deletedAt === 'number';
}

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;
const s = (value: unknown) => (typeof value === 'string' ? value : '');
const n = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
	(allowed as readonly unknown[]).includes(value) ? (value as T) : fallback;

/**
 * A live event's stored value as parsed, with the fallbacks `readPurchase` and
 * `readInteraction` apply to its fields: for readers of every event that take a few fields
 * each (the analytics columns), where building whole records was most of the work.
 */
export const decodeLiveEventValue = decodeLiveEvent;
export const eventFields = { isObject, text: s, number: n, oneOf };

/**
 * Purchases and interactions are JSON texts in the doc (plain objects before schema v6), history
 * entries plain objects; every reader here takes either form. They accept what another client
 * may have written (missing or odd fields) and never throw, so one foreign record cannot break
 * the app.
 */
export function readPurchase(id: string, stored: unknown): PurchaseRecord | null {
	const value = decodeLiveEvent(stored);
	return value && purchaseOf(id, value);
}

function purchaseOf(id: string, value: Loose & { customerId: string }): PurchaseRecord {
	const lines: PurchaseLine[] = Array.isArray(value.lines)
		? value.lines.filter(isObject).map((line) => ({
				product: s(line.product),
				...(typeof line.productId === 'string' ? { productId: line.productId } : {}),
				quantity: n(line.quantity),
				unitPriceCents: n(line.unitPriceCents)
			}))
		: [];
	return {
		id,
		customerId: value.customerId,
		at: n(value.at),
		lines,
		discountCents: n(value.discountCents),
		payment: oneOf(value.payment, PAYMENT_METHODS, 'other'),
		channel: oneOf(value.channel, PURCHASE_CHANNELS, 'other'),
		note: s(value.note),
		...(positiveWhole(value.pointsRedeemed) ? { pointsRedeemed: value.pointsRedeemed } : {}),
		...(positiveWhole(value.pointsValueCents) ? { pointsValueCents: value.pointsValueCents } : {}),
		...(typeof value.couponCode === 'string' && value.couponCode
			? { couponCode: value.couponCode.slice(0, 40) }
			: {}),
		...(positiveWhole(value.couponDiscountCents)
			? { couponDiscountCents: value.couponDiscountCents }
			: {}),
		createdAt: n(value.createdAt),
		createdBy: s(value.createdBy)
	};
}

const positiveWhole = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value > 0;

/**
 * Whose a purchase or an interaction is and when it happened: what metrics take from an
 * interaction, and how the newest purchases are found.
 */
export interface EventMoment {
	id: string;
	customerId: string;
	at: number;
}

/**
 * What a customer's metrics take from one purchase. A rebuild reads every purchase for them;
 * building each whole record (lines, checked payment and channel) first was three quarters
 * of that read at 70,000 purchases.
 */
export interface PurchaseFigures extends EventMoment {
	totalCents: number;
}

/** `readPurchase` narrowed to its figures: the same record is valid, the same total results. */
export function readPurchaseFigures(id: string, stored: unknown): PurchaseFigures | null {
	const value = decodeLiveEvent(stored);
	if (!value) return null;
	// Summed line by line in order, as `purchaseTotalCents` does, so fractions round alike.
	let subtotal = 0;
	if (Array.isArray(value.lines)) {
		for (const line of value.lines) {
			if (isObject(line)) subtotal += n(line.quantity) * n(line.unitPriceCents);
		}
	}
	return {
		id,
		customerId: value.customerId,
		at: n(value.at),
		totalCents: subtotal - n(value.discountCents)
	};
}

/** `readPurchase` or `readInteraction` narrowed to the moment: the same record is valid. */
export function readEventMoment(id: string, stored: unknown): EventMoment | null {
	const value = decodeLiveEvent(stored);
	if (!value) return null;
	return { id, customerId: value.customerId, at: n(value.at) };
}

/**
 * A deleted event as restoring would bring it back, with who deleted it when, or null when it
 * is not deleted or no valid record is left. With a tombstone (v8), that is the record under its
 * key when there is one (an edit made while it was deleted elsewhere), else the tombstone's;
 * without, a record marked deleted inside (v7).
 */
function decodeDeleted(
	stored: unknown,
	tombstoneValue: unknown
): { value: Loose & { customerId: string }; mark: DeletedMark } | null {
	const tombstone = readTombstone(tombstoneValue);
	if (tombstone) {
		const value = decodeOwnedEvent(stored) ?? decodeOwnedEvent(tombstone.record);
		return (
			value && { value, mark: { deletedAt: tombstone.deletedAt, deletedBy: tombstone.deletedBy } }
		);
	}
	const value = decodeOwnedEvent(stored);
	if (!value || typeof value.deletedAt !== 'number') return null;
	return { value, mark: { deletedAt: value.deletedAt, deletedBy: s(value.deletedBy) } };
}

/**
 * A deleted event's moment, or null when it is live or not valid. `tombstone` is the value in
 * `eventTombstones` for this event of this kind (callers check the kind).
 */
export function readDeletedMoment(
	id: string,
	stored: unknown,
	tombstone?: unknown
): EventMoment | null {
	const deleted = decodeDeleted(stored, tombstone);
	return deleted && { id, customerId: deleted.value.customerId, at: n(deleted.value.at) };
}

/** A deleted purchase as it was, with who deleted it when; null when live or not valid. */
export function readDeletedPurchase(
	id: string,
	stored: unknown,
	tombstone?: unknown
): (PurchaseRecord & DeletedMark) | null {
	const deleted = decodeDeleted(stored, tombstone);
	return deleted && { ...purchaseOf(id, deleted.value), ...deleted.mark };
}

/** A deleted interaction as it was, with who deleted it when; null when live or not valid. */
export function readDeletedInteraction(
	id: string,
	stored: unknown,
	tombstone?: unknown
): (InteractionRecord & DeletedMark) | null {
	const deleted = decodeDeleted(stored, tombstone);
	return deleted && { ...interactionOf(id, deleted.value), ...deleted.mark };
}

export function readInteraction(id: string, stored: unknown): InteractionRecord | null {
	const value = decodeLiveEvent(stored);
	return value && interactionOf(id, value);
}

function interactionOf(id: string, value: Loose & { customerId: string }): InteractionRecord {
	return {
		id,
		customerId: value.customerId,
		at: n(value.at),
		kind: oneOf(value.kind, INTERACTION_KINDS, 'note'),
		direction: oneOf(value.direction, DIRECTIONS, 'out'),
		summary: s(value.summary),
		outcome: s(value.outcome),
		nextStep: s(value.nextStep),
		followUpDate: s(value.followUpDate),
		products: Array.isArray(value.products)
			? value.products.filter((p) => typeof p === 'string')
			: [],
		createdAt: n(value.createdAt),
		createdBy: s(value.createdBy),
		taskId: s(value.taskId)
	};
}

export function readTask(id: string, map: RecordMap): TaskRecord {
	const doneAt = map.get('doneAt');
	return {
		id,
		customerId: str(map, 'customerId'),
		title: str(map, 'title'),
		due: str(map, 'due'),
		dueTime: str(map, 'dueTime'),
		status: str(map, 'status') === 'done' ? 'done' : 'open',
		doneAt: typeof doneAt === 'number' ? doneAt : null,
		snoozedUntil: str(map, 'snoozedUntil'),
		repeatAfterPurchaseDays: num(map, 'repeatAfterPurchaseDays'),
		seriesId: str(map, 'seriesId') || id,
		sourceId: str(map, 'sourceId'),
		assignedTo: str(map, 'assignedTo'),
		createdAt: num(map, 'createdAt'),
		createdBy: str(map, 'createdBy'),
		updatedAt: num(map, 'updatedAt'),
		updatedBy: str(map, 'updatedBy')
	};
}
