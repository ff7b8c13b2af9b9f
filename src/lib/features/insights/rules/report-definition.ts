import * as v from 'valibot';
import {
	CUSTOMER_DIMENSIONS,
	PIVOT_MEASURES,
	PURCHASE_DIMENSIONS,
	VALUE_DIMENSIONS,
	type PivotDimension,
	type PivotMeasure
} from './pivot-fields';
import { PERIOD_PRESETS, type PeriodPreset } from './periods';
import type { ShowAs } from './pivot-view';

/**
 * A saved pivot report: how the table is laid out and filtered, never its numbers (those are
 * worked out from the archive each time it opens). Stored in the doc as one JSON text, so
 * colleagues share it.
 */
export interface ReportDefinition {
	rows: PivotDimension;
	/** '' for a single column: the measure. */
	columns: PivotDimension | '';
	measure: PivotMeasure;
	period: PeriodPreset | 'all';
	/** A saved segment's id, or '' for every customer. */
	segmentId: string;
	showAs: ShowAs;
	colour: boolean;
	/**
	 * The column the rows are sorted by: 'label' (the rows' names), 'total', or `col:` and a
	 * column's key — its key, not its place, so a report saved in July still sorts by the same
	 * quarter in October, when a column has joined before it.
	 */
	sortBy: string;
	descending: boolean;
}

/** A saved report as the projection keeps it: the definition stays text until it is used. */
export interface ReportRow {
	id: string;
	name: string;
	definition: string;
	createdAt: number;
	updatedAt: number;
}

export const DEFAULT_REPORT: ReportDefinition = {
	rows: 'province',
	columns: 'quarter',
	measure: 'revenue',
	period: 'thisYear',
	segmentId: '',
	showAs: 'value',
	colour: false,
	sortBy: 'label',
	descending: false
};

const BUILT_IN: readonly string[] = [
	...CUSTOMER_DIMENSIONS,
	...PURCHASE_DIMENSIONS,
	...VALUE_DIMENSIONS
];
const isDimension = (value: string): value is PivotDimension =>
	BUILT_IN.includes(value) || /^custom:.{1,64}$/s.test(value);

const Dimension = v.pipe(v.string(), v.maxLength(80), v.check(isDimension));

const DefinitionSchema = v.object({
	rows: Dimension,
	columns: v.union([v.literal(''), Dimension]),
	measure: v.picklist(PIVOT_MEASURES),
	period: v.picklist([...PERIOD_PRESETS, 'all']),
	segmentId: v.pipe(v.string(), v.maxLength(64)),
	showAs: v.picklist(['value', 'row', 'column', 'total']),
	colour: v.boolean(),
	sortBy: v.pipe(v.string(), v.maxLength(300), v.regex(/^(label|total|col:[^]*)$/)),
	descending: v.boolean()
});

/**
 * A definition as stored (text from any device, a stranger's too), or null when it is not one:
 * the report then shows as unreadable rather than as some other table under its name.
 */
export function readReportDefinition(text: unknown): ReportDefinition | null {
	if (typeof text !== 'string' || text.length > 5_000) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return null;
	}
	const result = v.safeParse(DefinitionSchema, parsed);
	return result.success ? (result.output as ReportDefinition) : null;
}

export type ReportProblem = 'nameRequired' | 'nameTooLong' | 'invalid';

/** What a report must be to be saved: a name and a definition that reads back as one. */
export function checkReport(input: {
	name: string;
	definition: unknown;
}): { ok: true; name: string; definition: string } | { ok: false; problem: ReportProblem } {
	const name = input.name.trim();
	if (!name) return { ok: false, problem: 'nameRequired' };
	if (name.length > 80) return { ok: false, problem: 'nameTooLong' };
	const text = JSON.stringify(input.definition);
	const definition = readReportDefinition(text);
	if (!definition) return { ok: false, problem: 'invalid' };
	return { ok: true, name, definition: JSON.stringify(definition) };
}

/** Whether the table on screen is the saved one (so "Save changes" has something to save). */
export function sameReport(a: ReportDefinition, b: ReportDefinition): boolean {
	return (Object.keys(DEFAULT_REPORT) as (keyof ReportDefinition)[]).every(
		(key) => a[key] === b[key]
	);
}
