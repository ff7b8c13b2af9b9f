/**
 * How event records (purchases and interactions) are stored in the doc.
 *
 * Since schema v6 each record is one JSON text rather than a plain object. Yjs decodes every
 * string inside a plain value with a TextDecoder call of its own: an event of ten fields is
 * about twenty strings, and at 100,000 events that decoding was most of the time a device
 * spent opening the archive or receiving it from a colleague (in Chromium, the events of an
 * M archive decoded in 1.6 s as objects and in 0.3 s as text). Records are written whole and
 * never edited field by field, so nothing is lost by keeping them as text.
 *
 * Records written before v6 stay plain objects; readers accept both. History entries
 * (`changes`) stay plain objects: one is written with every single edit, where text would be
 * larger on the wire than Yjs's own encoding, and few archives hold enough of them to matter.
 */

export type EventValue = Record<string, unknown>;

export function encodeEventValue(record: EventValue): string {
	return JSON.stringify(record);
}

/**
 * The record stored under one key, or null when the value is not a record: another client's
 * odd value never throws here.
 */
export function decodeEventValue(value: unknown): EventValue | null {
	if (typeof value === 'string') {
		try {
			return asRecord(JSON.parse(value));
		} catch {
			return null;
		}
	}
	return asRecord(value);
}

/**
 * The customer a stored event belongs to, or null when it is not a valid event record: the
 * same test as the full readers (`readPurchase`, `readInteraction`) without building the record,
 * for indexes that look at every event.
 */
export function eventCustomerId(value: unknown): string | null {
	const customerId = decodeEventValue(value)?.customerId;
	return typeof customerId === 'string' ? customerId : null;
}

/**
 * Whether a stored record belongs to `customerId`, without parsing texts that cannot name it
 * (a merge looks at every event of the archive).
 */
export function eventBelongsTo(value: unknown, customerId: string): boolean {
	if (typeof value === 'string' && !value.includes(customerId)) return false;
	return eventCustomerId(value) === customerId;
}

/** Only plain objects are records: not arrays, bytes or a shared type another client put here. */
function asRecord(value: unknown): EventValue | null {
	if (typeof value !== 'object' || value === null) return null;
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null ? (value as EventValue) : null;
}
