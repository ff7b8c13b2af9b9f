import { readLunarBirthday } from '../customers/rules/lunar-birthday';
import {
	emptyCustomerFields,
	splitList,
	TEXT_FIELDS,
	type CustomerFieldName,
	type CustomerFields,
	type ValidationMessageKey
} from '../customers/rules/customer';
import { validateCustomer } from '../customers/rules/customer-validation';
import { phoneCannotExist } from '../customers/rules/phone-check';
import {
	parseCustomValue,
	type CustomFieldDef,
	type CustomValue
} from '../custom-fields/rules/custom-fields';
import {
	MatchIndex,
	type CandidateMatch,
	type DuplicateCandidate
} from '../duplicates/rules/duplicates';
import { CHOICE_FIELDS, choiceLabels, type ChoiceField } from './choice-labels';
import { LIST_TARGETS, type ImportTarget } from './column-mapping';
import { cleanCell, parseImportDate, splitTags, type DayMonthOrder } from './normalise';
import type { ImportTable, ImportTableRow } from './table';

export type RowStatus = 'ready' | 'warning' | 'rejected';

/** Message keys under `import.problem.` (reasons a row is refused) and `import.warning.`. */
export type RowProblemKey = 'noName' | 'tooManyValues' | 'unclosedQuote' | 'tooLong';
export type RowWarningKey =
	'invalidValue' | 'unknownChoice' | 'invalidDate' | 'sameAsEarlierRow' | 'impossiblePhone';

export interface RowWarning {
	key: RowWarningKey;
	/** The column header the value came from (or the field name). */
	column?: string;
	value?: string;
	/** For sameAsEarlierRow: the earlier row's number. */
	line?: number;
}

export interface AnalysedRow {
	line: number;
	status: RowStatus;
	fields: CustomerFields;
	warnings: RowWarning[];
	problem?: RowProblemKey;
	/** An existing customer this row probably is. */
	match?: CandidateMatch;
	/** The row's cells as read, for the rejected-rows file. */
	cells: string[];
}

export interface CustomerImportOptions {
	mapping: ImportTarget[];
	dayMonthOrder: DayMonthOrder;
	fieldDefs: CustomFieldDef[];
	existing: DuplicateCandidate[];
}

const CHOICE_TARGETS = new Set<string>(Object.keys(CHOICE_FIELDS));

function parseChoiceValue(field: ChoiceField, raw: string): string | null {
	const text = raw.trim().toLowerCase();
	if (text === '') return '';
	for (const key of CHOICE_FIELDS[field]) {
		if (key === text || choiceLabels(field, key).some((label) => label.toLowerCase() === text))
			return key;
	}
	// Common short forms for gender (M/F, 男/女).
	if (field === 'gender') {
		const short: Record<string, string> = {
			f: 'female',
			m: 'male',
			女: 'female',
			男: 'male',
			女士: 'female',
			先生: 'male',
			woman: 'female',
			man: 'male'
		};
		return short[text] ?? null;
	}
	return null;
}

function parseCustomCell(def: CustomFieldDef, raw: string): CustomValue | null | undefined {
	if (raw === '') return null;
	let input: string | string[] | boolean = raw;
	if (def.type === 'yesNo') {
		const text = raw.toLowerCase();
		if (['yes', 'y', 'true', '1', '是', '有'].includes(text)) input = true;
		else if (['no', 'n', 'false', '0', '否', '无', '没有'].includes(text)) input = false;
	}
	if (def.type === 'multiChoice') input = splitTags(raw);
	if (def.type === 'date') input = parseImportDate(raw) ?? raw;
	const parsed = parseCustomValue(def, input);
	return parsed.ok ? parsed.value : undefined;
}

function joinName(first: string, last: string): string {
	if (/\p{Script=Han}/u.test(first + last)) return `${last}${first}`;
	return [first, last].filter(Boolean).join(' ');
}

/** Adds a value that did not fit its field to the notes, so nothing the file held is lost. */
function keepInNotes(fields: CustomerFields, column: string, value: string): void {
	const line = `${column}: ${value}`;
	fields.notes = fields.notes ? `${fields.notes}\n${line}` : line;
}

/** Turns one row's cells into customer fields, with warnings for values that did not fit. */
export function rowToCustomer(
	row: ImportTableRow,
	headers: string[],
	options: Pick<CustomerImportOptions, 'mapping' | 'dayMonthOrder' | 'fieldDefs'>
): { fields: CustomerFields; warnings: RowWarning[] } {
	const fields = emptyCustomerFields();
	const warnings: RowWarning[] = [];
	const lists = new Map<ImportTarget, string[]>();
	const deferredNotes: [string, string][] = [];
	const defs = new Map(options.fieldDefs.map((def) => [def.id, def]));
	let first = '';
	let last = '';
	let notGregorian: [string, string] | null = null;
	options.mapping.forEach((target, column) => {
		const value = cleanCell(row.cells[column]);
		const header = headers[column] || `#${column + 1}`;
		if (target === 'ignore' || value === '') return;
		if (LIST_TARGETS.has(target)) {
			lists.set(target, [...(lists.get(target) ?? []), value]);
			return;
		}
		if (target.startsWith('custom:')) {
			const def = defs.get(target.slice('custom:'.length));
			if (!def || fields.custom[def.id] !== undefined) return;
			const parsed = parseCustomCell(def, value);
			if (parsed === undefined) {
				warnings.push({ key: 'invalidValue', column: header, value });
				deferredNotes.push([header, value]);
			} else if (parsed !== null) fields.custom[def.id] = parsed;
			return;
		}
		if (target === 'lastName') {
			last ||= value;
			return;
		}
		const field = target as CustomerFieldName;
		if (fields[field] !== emptyCustomerFields()[field] && field !== 'stage' && field !== 'consent')
			return;
		if (CHOICE_TARGETS.has(field)) {
			const key = parseChoiceValue(field as ChoiceField, value);
			if (key === null || (key === '' && value !== '')) {
				warnings.push({ key: 'unknownChoice', column: header, value });
				deferredNotes.push([header, value]);
			} else if (key !== '') Object.assign(fields, { [field]: key });
			return;
		}
		if (field === 'birthday' || field === 'consentDate') {
			const iso = parseImportDate(value, options.dayMonthOrder);
			if (iso) fields[field] = iso;
			// Not a Gregorian date, but it may be a lunar one (二月三十): decided once the row's
			// calendar column has been read.
			else if (field === 'birthday' && readLunarBirthday(value)) notGregorian = [header, value];
			else {
				warnings.push({ key: 'invalidDate', column: header, value });
				deferredNotes.push([header, value]);
			}
			return;
		}
		Object.assign(fields, { [field]: value });
	});
	if (notGregorian) {
		const lunar = fields.birthdayCalendar === 'lunar' ? readLunarBirthday(notGregorian[1]) : null;
		if (lunar) fields.birthday = lunar;
		else {
			warnings.push({ key: 'invalidDate', column: notGregorian[0], value: notGregorian[1] });
			deferredNotes.push(notGregorian);
		}
	}
	first = (lists.get('firstName') ?? []).join(' ');
	if (!fields.name && (first || last)) fields.name = joinName(first, last);
	const otherPhones = (lists.get('otherPhones') ?? []).flatMap(splitList);
	if (!fields.phone && otherPhones.length > 0) fields.phone = otherPhones.shift()!;
	fields.otherPhones = otherPhones.filter((phone) => phone !== fields.phone).join(', ');
	const otherEmails = (lists.get('otherEmails') ?? []).flatMap(splitList);
	if (!fields.email && otherEmails.length > 0) fields.email = otherEmails.shift()!;
	fields.otherEmails = otherEmails.filter((email) => email !== fields.email).join(', ');
	// Google writes labels as "* myContacts ::: VIP"; its system groups start with "*".
	fields.tags = [
		...new Set(
			(lists.get('tags') ?? [])
				.flatMap((cell) => cell.split(':::'))
				.flatMap(splitTags)
				.filter((tag) => !tag.startsWith('*'))
		)
	];
	const address = (lists.get('address') ?? []).join(' ');
	if (address && !fields.street) fields.street = address;
	else if (address && !address.includes(fields.street)) deferredNotes.push(['address', address]);
	fields.notes = (lists.get('notes') ?? []).join('\n');
	for (const [column, value] of deferredNotes) keepInNotes(fields, column, value);
	return { fields, warnings };
}

/** Every text field but the name and the notes themselves, and the tags. */
const MOVABLE_TO_NOTES: ReadonlySet<CustomerFieldName> = new Set([
	...TEXT_FIELDS.filter((field) => field !== 'name' && field !== 'notes'),
	'tags'
]);

/**
 * Checks a row's fields with the same rules as the form. A value the rules refuse (a
 * malformed phone, an email without @) is moved into the notes with a warning, so the customer
 * still comes in and the value is not lost; only a row without a name, or with text too long
 * even for the notes, is refused.
 */
function checkRow(
	fields: CustomerFields,
	warnings: RowWarning[]
): { ok: true; fields: CustomerFields } | { ok: false; problem: RowProblemKey } {
	let current = fields;
	for (let attempt = 0; attempt < 3; attempt++) {
		const checked = validateCustomer(current);
		if (checked.ok) return { ok: true, fields: checked.value };
		const errors = Object.entries(checked.errors) as [CustomerFieldName, ValidationMessageKey][];
		if (errors.some(([field]) => field === 'name')) {
			return {
				ok: false,
				problem: checked.errors.name === 'validation.nameRequired' ? 'noName' : 'tooLong'
			};
		}
		const movable = errors.filter(([field]) => MOVABLE_TO_NOTES.has(field));
		if (movable.length === 0) return { ok: false, problem: 'tooLong' };
		current = { ...current, tags: [...current.tags] };
		for (const [field] of movable) {
			const value = field === 'tags' ? current.tags.join(', ') : String(current[field]);
			warnings.push({ key: 'invalidValue', column: field, value });
			keepInNotes(current, field, value);
			Object.assign(current, { [field]: field === 'tags' ? [] : '' });
		}
	}
	return { ok: false, problem: 'tooLong' };
}

/** The form's warning, in the report: a number no network can have is imported as it is. */
function impossiblePhones(fields: CustomerFields): RowWarning[] {
	const found: RowWarning[] = [];
	for (const [column, value] of [
		['phone', fields.phone],
		...splitList(fields.otherPhones).map((phone) => ['otherPhones', phone] as const)
	] as const) {
		if (phoneCannotExist(value)) found.push({ key: 'impossiblePhone', column, value });
	}
	return found;
}

/**
 * Reads every row of the table into a customer and sorts it into ready, ready with warnings,
 * or refused with a reason; and finds the existing customer each row probably is. Nothing is
 * written here.
 */
export function analyseCustomerRows(
	table: ImportTable,
	options: CustomerImportOptions,
	onProgress?: (done: number) => void
): AnalysedRow[] {
	const existing = new MatchIndex(options.existing);
	const earlier = new MatchIndex();
	const results: AnalysedRow[] = [];
	for (const [i, row] of table.rows.entries()) {
		if (i % 500 === 0) onProgress?.(i);
		const base = { line: row.line, cells: row.cells };
		if (row.problem) {
			results.push({
				...base,
				status: 'rejected',
				problem: row.problem,
				fields: emptyCustomerFields(),
				warnings: []
			});
			continue;
		}
		const { fields, warnings } = rowToCustomer(row, table.headers, options);
		const checked = checkRow(fields, warnings);
		if (!checked.ok) {
			results.push({ ...base, status: 'rejected', problem: checked.problem, fields, warnings });
			continue;
		}
		warnings.push(...impossiblePhones(checked.fields));
		const candidate = { id: `row:${row.line}`, ...checked.fields };
		const match = existing.match(candidate) ?? undefined;
		const sameAsEarlier = match ? null : earlier.match(candidate);
		if (sameAsEarlier) {
			warnings.push({ key: 'sameAsEarlierRow', line: Number(sameAsEarlier.id.slice(4)) });
		}
		earlier.add(candidate);
		results.push({
			...base,
			status: warnings.length > 0 ? 'warning' : 'ready',
			fields: checked.fields,
			warnings,
			...(match ? { match } : {})
		});
	}
	onProgress?.(table.rows.length);
	return results;
}
