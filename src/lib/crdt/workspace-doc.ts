import * as Y from 'yjs';
import {
	CUSTOM_KEY_PREFIX,
	type CustomValue,
	type CustomValues
} from '../features/custom-fields/rules/custom-fields';
import {
	emptyCustomerFields,
	TEXT_FIELDS,
	type CustomerFields,
	type CustomerRecord
} from '../features/customers/rules/customer';

/**
 * The doc layout (additive only — never reuse a retired key):
 *   meta:      Y.Map  { schemaVersion: number }
 *   customers: Y.Map  id → Y.Map {
 *                name, phone, … (strings; absent = empty), tags: Y.Map tag → true,
 *                otherPhones, otherEmails (comma-separated strings; since v4),
 *                createdAt, updatedAt (ms), createdBy, updatedBy (member ids),
 *                deletedAt?, deletedBy? (soft delete: a concurrent edit never resurrects it),
 *                mergedInto? (the customer this one was merged into; since v4)
 *              }
 *   purchases:    Y.Map  id → PurchaseRecord as JSON text     (event records; since v2; JSON
 *   interactions: Y.Map  id → InteractionRecord as JSON text    text since v6, plain objects
 *                 before, and readers accept both: see event-values.ts)
 *                 an edit rewrites the whole record with updatedAt/updatedBy    (since v7);
 *                 a delete removes the key and writes a tombstone (eventTombstones, v8); v7
 *                 deleted by rewriting it with deletedAt/deletedBy, still read as deleted
 *   tasks:        Y.Map  id → Y.Map { customerId, title, due, dueTime, status, doneAt,
 *                   snoozedUntil, repeatAfterPurchaseDays, seriesId, sourceId, created…, updated… }
 *   fieldDefs:    Y.Map  id → Y.Map { labelEn, labelZh, type, options: string[], showInList,
 *                   order, removedAt?, created…, updated… }                       (since v3)
 *   a customer's custom values sit in its own Y.Map under `cf:<field id>`       (since v3)
 *   tagColors:    Y.Map  tag → colour name (plain value)                          (since v3)
 *   changes:      Y.Map  id → plain value { customerId, at, by, changes: [{ field, from, to }] }
 *                 one entry per customer edit, for the history                   (since v3)
 *                 event?: { kind: 'purchase' | 'interaction', id } marks an event's edit (v7)
 *                 a customer's field edit is written as [customerId, at, by, [field, from, to],
 *                 …] and no longer stamps updatedAt/updatedBy on the customer: their last change
 *                 is the later of both (see field-edit-entries.ts)                    (v9)
 *   products:     Y.Map  id → Y.Map { name, category, priceCents, active, created…, updated… }
 *                 the catalogue; a purchase line may name its productId          (since v3)
 *                 mergedInto? (the product this one was merged into: its sales count there;
 *                 a loop of offline merges settles on its smallest id)                (v7)
 *   members:      Y.Map  member id → plain value { name, color, updatedAt }; each member writes
 *                 only its own entry, so history can say who changed what       (since v5)
 *   demo: true    on every customer, task, product and event "Load demo shop" made, so "Remove
 *                 the demo data" finds exactly those (see demo/demo-records.ts)  (since v7)
 *   eventTombstones: Y.Map  event id → plain value { kind: 'purchase' | 'interaction', record
 *                 (the JSON text as it was), deletedAt, deletedBy }: a deleted purchase or
 *                 interaction, whose key is removed from its root as before v7; an event is live
 *                 while its key is there and it has no tombstone (see event-tombstones.ts) (v8)
 *   pointsLedger: Y.Map  entry id → JSON text { customerId, at, kind, points, purchaseId?, of?,
 *                 ofKind?, reason?, rule?, createdAt, createdBy }: loyalty points, only ever
 *                 added; an id follows from its cause (purchase + generation), so two devices
 *                 doing the same write one entry (see loyalty/points-entries.ts; additive)
 *   couponCampaigns: Y.Map  id → Y.Map { name, kind, amountCents, percent, minSpendCents,
 *                 validFrom, validTo, perCustomerLimit, scopeProducts, scopeCategories (JSON
 *                 text arrays), codeMode, sharedCode, created…, updated… }           (additive)
 *   couponCodes:  Y.Map  id → JSON text { campaignId, code, customerId, issuedAt, issuedBy }
 *   couponRedemptions: Y.Map  purchase id → JSON text { code, campaignId, customerId, at,
 *                 discountCents }: a coupon used on that purchase; it counts while the
 *                 purchase is live, so a double use on two offline devices is kept and shown
 *   automations:  Y.Map  id → Y.Map { name, enabled, trigger (JSON text), segmentId, actions
 *                 (JSON text), created…, updated… }                                  (additive)
 *   automationLog: Y.Map  rule.customer.occasion → JSON text { ruleId, customerId, occasion,
 *                 at, by, actions }: what a rule did; its id is the same on every device, so
 *                 devices running the same rule write one entry (and one task, coupon, points)
 *   greetingQueue: Y.Map  rule.customer.occasion → JSON text { customerId, templateId, ruleId,
 *                 occasion, at, doneAt? }: greetings automations put on the send list
 */
export const SCHEMA_VERSION = 9;

export type RecordMap = Y.Map<unknown>;

export interface WorkspaceDoc {
	doc: Y.Doc;
	meta: Y.Map<unknown>;
	/** Entity roots hold a Y.Map per record, but anyone may have written anything: read them
	 * through `entityOf` / `entitiesOf`, which skip what is not a record. */
	customers: Y.Map<unknown>;
	purchases: Y.Map<unknown>;
	interactions: Y.Map<unknown>;
	tasks: Y.Map<unknown>;
	fieldDefs: Y.Map<unknown>;
	tagColors: Y.Map<unknown>;
	changes: Y.Map<unknown>;
	products: Y.Map<unknown>;
	members: Y.Map<unknown>;
	/** Deleted purchases and interactions (v8; see event-tombstones.ts). */
	eventTombstones: Y.Map<unknown>;
	/** Loyalty points, an append-only ledger (see features/loyalty/points-entries.ts). */
	pointsLedger: Y.Map<unknown>;
	/** Coupon codes issued to customers, and coupons used on purchases (features/coupons). */
	couponCodes: Y.Map<unknown>;
	couponRedemptions: Y.Map<unknown>;
	/** What automations did, and greetings they put on the send list (features/automations). */
	automationLog: Y.Map<unknown>;
	greetingQueue: Y.Map<unknown>;
}

export function workspaceDoc(doc: Y.Doc): WorkspaceDoc {
	return {
		doc,
		meta: doc.getMap('meta'),
		customers: doc.getMap<unknown>('customers'),
		purchases: doc.getMap<unknown>('purchases'),
		interactions: doc.getMap<unknown>('interactions'),
		tasks: doc.getMap<unknown>('tasks'),
		fieldDefs: doc.getMap<unknown>('fieldDefs'),
		tagColors: doc.getMap<unknown>('tagColors'),
		changes: doc.getMap<unknown>('changes'),
		products: doc.getMap<unknown>('products'),
		members: doc.getMap<unknown>('members'),
		eventTombstones: doc.getMap<unknown>('eventTombstones'),
		pointsLedger: doc.getMap<unknown>('pointsLedger'),
		couponCodes: doc.getMap<unknown>('couponCodes'),
		couponRedemptions: doc.getMap<unknown>('couponRedemptions'),
		automationLog: doc.getMap<unknown>('automationLog'),
		greetingQueue: doc.getMap<unknown>('greetingQueue')
	};
}

/** The record's Y.Map, or undefined when there is none or what is there is not a record. */
export function entityOf(root: Y.Map<unknown>, id: string): RecordMap | undefined {
	const value = root.get(id);
	return value instanceof Y.Map ? (value as RecordMap) : undefined;
}

/** Every record of an entity root with its id; values that are not records are skipped. */
export function* entitiesOf(root: Y.Map<unknown>): Generator<[string, RecordMap]> {
	for (const [id, value] of root.entries()) {
		if (value instanceof Y.Map) yield [id, value as RecordMap];
	}
}

/** Every record of an entity root; values that are not records are skipped. */
export function* entityMaps(root: Y.Map<unknown>): Generator<RecordMap> {
	for (const value of root.values()) if (value instanceof Y.Map) yield value as RecordMap;
}

/** Records the schema version the first time a device writes to this doc (or after an upgrade). */
export function stampSchemaVersion(ws: WorkspaceDoc): void {
	const current = ws.meta.get('schemaVersion');
	if (typeof current === 'number' && current >= SCHEMA_VERSION) return;
	ws.doc.transact(() => ws.meta.set('schemaVersion', SCHEMA_VERSION));
}

export function str(map: RecordMap, key: string): string {
	const value = map.get(key);
	return typeof value === 'string' ? value : '';
}

export function num(map: RecordMap, key: string): number {
	const value = map.get(key);
	return typeof value === 'number' ? value : 0;
}

function isCustomValue(value: unknown): value is CustomValue {
	return (
		typeof value === 'string' ||
		typeof value === 'boolean' ||
		(typeof value === 'number' && Number.isFinite(value)) ||
		(Array.isArray(value) && value.every((item) => typeof item === 'string'))
	);
}

export function readCustomValues(map: RecordMap): CustomValues {
	const values: CustomValues = {};
	for (const [key, value] of map.entries()) {
		if (key.startsWith(CUSTOM_KEY_PREFIX) && isCustomValue(value)) {
			values[key.slice(CUSTOM_KEY_PREFIX.length)] = value;
		}
	}
	return values;
}

export function isDeleted(map: RecordMap): boolean {
	return typeof map.get('deletedAt') === 'number';
}

export function readTags(map: RecordMap): string[] {
	const tags = map.get('tags');
	if (!(tags instanceof Y.Map)) return [];
	return [...tags.keys()].sort((a, b) => a.localeCompare(b));
}

/**
 * Reads a customer as plain data. Unknown or malformed values (from a newer or foreign client)
 * fall back to empty rather than breaking the app.
 */
export function readCustomer(id: string, map: RecordMap): CustomerRecord {
	const fields = emptyCustomerFields();
	for (const key of TEXT_FIELDS) fields[key] = str(map, key);
	const gender = str(map, 'gender');
	const stage = str(map, 'stage');
	const source = str(map, 'source');
	const consent = str(map, 'consent');
	const consentMethod = str(map, 'consentMethod');
	return {
		...fields,
		gender: (gender || '') as CustomerFields['gender'],
		birthdayCalendar: str(map, 'birthdayCalendar') === 'lunar' ? 'lunar' : '',
		stage: (stage || 'lead') as CustomerFields['stage'],
		source: (source || '') as CustomerFields['source'],
		consent: (consent || 'unknown') as CustomerFields['consent'],
		consentMethod: (consentMethod || '') as CustomerFields['consentMethod'],
		tags: readTags(map),
		custom: readCustomValues(map),
		id,
		createdAt: num(map, 'createdAt'),
		createdBy: str(map, 'createdBy'),
		updatedAt: num(map, 'updatedAt'),
		updatedBy: str(map, 'updatedBy')
	};
}

/** The live (not deleted) customer with this id, or null. */
export function liveCustomer(ws: WorkspaceDoc, id: string): CustomerRecord | null {
	const map = entityOf(ws.customers, id);
	if (!map || isDeleted(map)) return null;
	return readCustomer(id, map);
}

/**
 * The customer a deleted customer was merged into, or undefined: only a deleted customer with
 * `mergedInto` hands their events on.
 */
export function customerMergedInto(ws: WorkspaceDoc, id: string): string | undefined {
	const map = entityOf(ws.customers, id);
	if (!map || !isDeleted(map)) return undefined;
	const into = map.get('mergedInto');
	return typeof into === 'string' && into !== id ? into : undefined;
}

/**
 * The customer whose events are those that name `customerId`: the end of its `mergedInto`
 * chain (a merge moves events by rewriting them, but an edit made concurrently on another
 * device writes the old customer again). A loop of merges (two devices merging two customers
 * into each other offline) settles on the smallest id in it, as products do.
 */
export function resolveCustomerId(
	customerId: string,
	mergedInto: (id: string) => string | undefined
): string {
	let current = customerId;
	let seen: Set<string> | null = null;
	for (;;) {
		const next = mergedInto(current);
		if (next === undefined) return current;
		(seen ??= new Set()).add(current);
		if (seen.has(next)) {
			let smallest = next;
			for (let id = mergedInto(next); id !== undefined && id !== next; id = mergedInto(id)) {
				if (id < smallest) smallest = id;
			}
			return smallest;
		}
		current = next;
	}
}

/** `resolveCustomerId` in this doc as it is now. */
export function eventOwner(ws: WorkspaceDoc, customerId: string): string {
	return resolveCustomerId(customerId, (id) => customerMergedInto(ws, id));
}
