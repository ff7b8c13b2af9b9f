import type { RecordKind } from '../../core/record-kind';
import { personalRecordsOf } from './personal-records';
import {
	entitiesOf,
	entityOf,
	eventOwner,
	readCustomer,
	type RecordMap,
	type WorkspaceDoc
} from '../../crdt/workspace-doc';
import type { CustomerRecord } from '../customers/rules/customer';
import { readFieldDef } from '../custom-fields/field-def-records';
import { PIPELINES_ROOT, readPipeline } from '../deals/kinds';
import { readSurvey, SURVEYS_ROOT } from '../feedback/survey-kinds';
import { readMember } from '../shop/member-records';

/** The JSON's format name and version: raise the version when a key changes meaning. */
export const CUSTOMER_DATA_FORMAT = 'clientbook-customer-data';
export const CUSTOMER_DATA_VERSION = 1;

/** A record of any kind, as its kind's reader gives it (plain data, no Yjs types). */
export type DataRecord = Record<string, unknown>;

/**
 * Everything the archive holds about one customer (see docs/privacy.md): the customer, every
 * record any kind declares as theirs (`personal`), and the names those records point to, so the
 * copy reads on its own. Customers merged into them come with them: their records moved too.
 */
export interface CustomerData {
	format: typeof CUSTOMER_DATA_FORMAT;
	version: typeof CUSTOMER_DATA_VERSION;
	exportedAt: number;
	customer: CustomerRecord & { deletedAt?: number };
	/** Earlier records of customers merged into this one, each as it was kept. */
	mergedCustomers: CustomerRecord[];
	/** By root (`purchases`, `consents`, …): that kind's records about the customer, oldest first. */
	records: Record<string, DataRecord[]>;
	/** Names the records refer to by id. */
	names: {
		members: Record<string, string>;
		fields: Record<string, { en: string; 'zh-CN': string }>;
		surveys: Record<
			string,
			{ name: string; questions: Record<string, { en: string; 'zh-CN': string }> }
		>;
		stages: Record<string, string>;
	};
}

const momentOf = (record: DataRecord): number => {
	for (const key of ['at', 'createdAt', 'issuedAt', 'receivedAt', 'deletedAt']) {
		const value = record[key];
		if (typeof value === 'number') return value;
	}
	return 0;
};

/** A row as plain data, without the fields its kind withholds. */
function plain(row: object, withheld: readonly string[] = []): DataRecord {
	const copy: DataRecord = { ...(row as DataRecord) };
	for (const key of withheld) delete copy[key];
	return copy;
}

/**
 * One customer's data. `kinds` are every kind of record in the doc (workspace/all-record-kinds.ts);
 * a kind added later is in the copy without a change here. Reads the whole doc once: a rare,
 * deliberate request, run in the worker.
 */
export function customerData(
	ws: WorkspaceDoc,
	customerId: string,
	kinds: readonly RecordKind[],
	now: number
): CustomerData | null {
	if (!entityOf(ws.customers, customerId)) return null;
	const owner = eventOwner(ws, customerId);
	const found = personalRecordsOf(
		ws,
		kinds,
		(about) => about === customerId || eventOwner(ws, about) === owner
	);
	const records: Record<string, DataRecord[]> = {};
	const withheldBy = new Map(
		kinds.map((kind) => [
			kind.root,
			kind.personal.about === 'customer' ? kind.personal.withheld : undefined
		])
	);
	for (const [root, rows] of found) {
		// The customers themselves are the copy's `customer` and `mergedCustomers`.
		if (root === 'customers') continue;
		records[root] = [...rows.values()].map((row) => plain(row, withheldBy.get(root)));
	}

	// A deleted event whose key came back with a concurrent edit is still deleted: it is listed
	// once, with its tombstone, as the app shows it.
	const tombstoned = found.get('eventTombstones');
	for (const root of ['purchases', 'interactions']) {
		if (tombstoned && records[root]) {
			records[root] = records[root].filter((record) => !tombstoned.has(String(record['id'])));
		}
	}
	for (const list of Object.values(records)) list.sort((a, b) => momentOf(a) - momentOf(b));

	const customerMap = entityOf(ws.customers, customerId)!;
	const mergedCustomers: CustomerRecord[] = [];
	for (const [id, merged] of entitiesOf(ws.customers)) {
		if (
			id !== customerId &&
			typeof merged.get('mergedInto') === 'string' &&
			eventOwner(ws, id) === owner
		) {
			mergedCustomers.push(withDeletion(id, merged));
		}
	}
	mergedCustomers.sort((a, b) => a.createdAt - b.createdAt);

	return {
		format: CUSTOMER_DATA_FORMAT,
		version: CUSTOMER_DATA_VERSION,
		exportedAt: now,
		customer: withDeletion(customerId, customerMap),
		mergedCustomers,
		records,
		names: namesOf(ws)
	};
}

function withDeletion(id: string, map: RecordMap): CustomerRecord & { deletedAt?: number } {
	const customer: CustomerRecord & { deletedAt?: number } = readCustomer(id, map);
	const deletedAt = map.get('deletedAt');
	if (typeof deletedAt === 'number') customer.deletedAt = deletedAt;
	return customer;
}

/** Who and what the records name by id: colleagues, the shop's fields, surveys, deal stages. */
function namesOf(ws: WorkspaceDoc): CustomerData['names'] {
	const names: CustomerData['names'] = { members: {}, fields: {}, surveys: {}, stages: {} };
	for (const [id, stored] of ws.members.entries()) {
		const member = readMember(id, stored);
		if (member) names.members[id] = member.name;
	}
	for (const [id, map] of entitiesOf(ws.fieldDefs)) {
		const field = readFieldDef(id, map);
		names.fields[id] = { en: field.labelEn, 'zh-CN': field.labelZh };
	}
	for (const [id, map] of entitiesOf(ws.doc.getMap<unknown>(SURVEYS_ROOT))) {
		const survey = readSurvey(id, map);
		if (!survey) continue;
		const questions: Record<string, { en: string; 'zh-CN': string }> = {};
		for (const question of survey.questions) questions[question.id] = { ...question.text };
		names.surveys[id] = { name: survey.name, questions };
	}
	for (const [id, map] of entitiesOf(ws.doc.getMap<unknown>(PIPELINES_ROOT))) {
		for (const stage of readPipeline(id, map)?.stages ?? []) names.stages[stage.id] = stage.name;
	}
	return names;
}
