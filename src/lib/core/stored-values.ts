/*
 * Reading what a record kind stored, whoever wrote it (an old device, another program, a
 * stranger on the relay): each helper answers a well-typed value or says there is none, and
 * never throws.
 */

/** The largest moment a Date holds: beyond it (or NaN) a stored number is no moment. */
const MAX_MOMENT = 8.64e15;

export const isMoment = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_MOMENT;

/** A stored plain value's fields, or null when it is not a plain object. */
export function plainFields(stored: unknown): Record<string, unknown> | null {
	return typeof stored === 'object' && stored !== null && !Array.isArray(stored)
		? (stored as Record<string, unknown>)
		: null;
}

/** A text field of a plain value, cut to `max` characters; '' when it is not text. */
export function textField(fields: Record<string, unknown>, key: string, max: number): string {
	const value = fields[key];
	return typeof value === 'string' ? value.slice(0, max) : '';
}
