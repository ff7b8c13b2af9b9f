import { SINGLE_VALUE_FIELDS, type CustomerFields } from '../customers/rules/customer';
import { combinedContacts } from '../duplicates/rules/merge';
import type { AnalysedRow } from './customer-import';

/** What to do with a row that is probably an existing customer. */
export const DUPLICATE_CHOICES = ['skip', 'fillEmpty', 'overwrite', 'create'] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

export interface CustomerImportPlan {
	create: CustomerFields[];
	update: { id: string; patch: Partial<CustomerFields> }[];
	skipped: number;
	rejected: number;
}

/** Single-value fields whose empty value is ''; stage and consent have defaults instead. */
const SCALAR_FIELDS = SINGLE_VALUE_FIELDS.filter(
	(field) => field !== 'stage' && field !== 'consent'
);

/**
 * The change an imported row makes to the customer it matched. "fillEmpty" only fills what the
 * customer lacks; "overwrite" lets every value the file has replace the stored one. Either way
 * tags, other phones and other emails are added to, never removed, and nothing the file leaves
 * empty is cleared.
 */
export function importPatch(
	existing: CustomerFields,
	incoming: CustomerFields,
	mode: 'fillEmpty' | 'overwrite'
): Partial<CustomerFields> {
	const patch: Partial<CustomerFields> = {};
	for (const field of SCALAR_FIELDS) {
		const value = incoming[field];
		if (value === '' || value === existing[field]) continue;
		if (mode === 'overwrite' || existing[field] === '') Object.assign(patch, { [field]: value });
	}
	if (incoming.stage !== 'lead' && incoming.stage !== existing.stage) {
		if (mode === 'overwrite' || existing.stage === 'lead') patch.stage = incoming.stage;
	}
	if (incoming.consent !== 'unknown' && incoming.consent !== existing.consent) {
		if (mode === 'overwrite' || existing.consent === 'unknown') patch.consent = incoming.consent;
	}
	// A phone or email the file replaces is kept among the others, not dropped.
	const others = combinedContacts(existing, incoming, {
		phone: patch.phone ?? existing.phone,
		email: patch.email ?? existing.email
	});
	if (others.otherPhones !== existing.otherPhones) patch.otherPhones = others.otherPhones;
	if (others.otherEmails !== existing.otherEmails) patch.otherEmails = others.otherEmails;
	const tags = [...new Set([...existing.tags, ...incoming.tags])];
	if (tags.length !== existing.tags.length) patch.tags = tags;
	const custom = { ...existing.custom };
	let customChanged = false;
	for (const [id, value] of Object.entries(incoming.custom)) {
		if (JSON.stringify(custom[id]) === JSON.stringify(value)) continue;
		if (mode === 'overwrite' || custom[id] === undefined) {
			custom[id] = value;
			customChanged = true;
		}
	}
	if (customChanged) patch.custom = custom;
	return patch;
}

/** Decides, row by row, what the import writes. Nothing is written here. */
export function planCustomerImport(
	rows: readonly AnalysedRow[],
	choiceFor: (row: AnalysedRow) => DuplicateChoice,
	existingFields: (id: string) => CustomerFields | null
): CustomerImportPlan {
	const plan: CustomerImportPlan = { create: [], update: [], skipped: 0, rejected: 0 };
	const patched = new Map<string, CustomerFields>();
	for (const row of rows) {
		if (row.status === 'rejected') {
			plan.rejected++;
			continue;
		}
		const choice = row.match ? choiceFor(row) : 'create';
		if (choice === 'create' || !row.match) {
			plan.create.push(row.fields);
			continue;
		}
		const existing = patched.get(row.match.id) ?? existingFields(row.match.id);
		if (choice === 'skip' || !existing) {
			plan.skipped++;
			continue;
		}
		const patch = importPatch(existing, row.fields, choice);
		if (Object.keys(patch).length === 0) {
			plan.skipped++;
			continue;
		}
		// Two rows for one customer: the second builds on the first.
		patched.set(row.match.id, { ...existing, ...patch });
		const earlier = plan.update.find((update) => update.id === row.match!.id);
		if (earlier) Object.assign(earlier.patch, patch);
		else plan.update.push({ id: row.match.id, patch });
	}
	return plan;
}
