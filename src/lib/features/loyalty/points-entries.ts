import { decodeEventValue, encodeEventValue } from '../activity/event-values';
import { ENTRY_KINDS, type EntryKind, type PointsEntry } from './rules/points-ledger';
import type { EarnRule } from './rules/points';

/**
 * Points entries as stored: one JSON text per entry under `pointsLedger`, like purchases (see
 * event-values.ts), written once and never changed by the app. A value another program or an
 * old device wrote that is not a well-formed entry is skipped, never thrown on.
 */
export interface StoredPointsEntry extends PointsEntry {
	customerId: string;
	/** The earn rule an earn entry was made with. */
	rule?: EarnRule;
}

const MAX_POINTS = 1e12;
export const MAX_REASON = 300;

const isKind = (value: unknown): value is EntryKind =>
	typeof value === 'string' && (ENTRY_KINDS as readonly string[]).includes(value);

/** The range a Date holds: a moment outside it cannot be shown or compared as a day. */
const MAX_MOMENT = 8.64e15;

const within = (value: unknown, max: number): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max;

/** The rule an entry names, within the bounds the settings allow, else none. */
function readRule(value: unknown): EarnRule | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const v = value as Record<string, unknown>;
	if (!within(v['pointsPerUnit'], 1000) || !within(v['multiplier'], 100)) return undefined;
	if (!within(v['capPerOrder'], 1e9)) return undefined;
	const rounding = v['rounding'];
	if (rounding !== 'down' && rounding !== 'nearest' && rounding !== 'up') return undefined;
	return {
		pointsPerUnit: v['pointsPerUnit'] as number,
		capPerOrder: v['capPerOrder'] as number,
		multiplier: v['multiplier'] as number,
		rounding
	};
}

export function readPointsEntry(id: string, stored: unknown): StoredPointsEntry | null {
	const value = decodeEventValue(stored);
	if (!value) return null;
	const { customerId, at, kind, points } = value;
	if (typeof customerId !== 'string' || !customerId || !isKind(kind)) return null;
	if (typeof at !== 'number' || !Number.isFinite(at) || Math.abs(at) > MAX_MOMENT) return null;
	if (typeof points !== 'number' || !Number.isInteger(points) || Math.abs(points) > MAX_POINTS) {
		return null;
	}
	const text = (key: string, max = 200) =>
		typeof value[key] === 'string' ? (value[key] as string).slice(0, max) : undefined;
	const ofKind = isKind(value.ofKind) ? value.ofKind : undefined;
	const rule = readRule(value.rule);
	const entry: StoredPointsEntry = {
		id,
		customerId,
		at,
		kind,
		points,
		by: text('createdBy') ?? ''
	};
	const purchaseId = text('purchaseId');
	if (purchaseId) entry.purchaseId = purchaseId;
	const of = text('of');
	if (of) entry.of = of;
	if (ofKind) entry.ofKind = ofKind;
	const reason = text('reason', MAX_REASON);
	if (reason) entry.reason = reason;
	if (rule) entry.rule = rule;
	return entry;
}

export interface NewPointsEntry {
	customerId: string;
	at: number;
	kind: EntryKind;
	points: number;
	purchaseId?: string;
	of?: string;
	ofKind?: EntryKind;
	reason?: string;
	rule?: EarnRule;
}

export function encodePointsEntry(
	entry: NewPointsEntry,
	created: { createdAt: number; createdBy: string }
): string {
	return encodeEventValue({ ...entry, ...created });
}
