import * as v from 'valibot';
import { TAG_COLORS, type TagColor } from '../../tags/rules/tags';

/**
 * A segment: customers picked by conditions, Excel-filter style, in nested "all of" / "any of"
 * groups. Stored in the doc as one JSON text, so colleagues share it; what it matches is worked
 * out on the read side and never stored.
 */
export type Join = 'all' | 'any';

export interface ConditionGroup {
	join: Join;
	items: SegmentItem[];
}

/** When a behaviour condition looks: ever, in the last N days (today included), or between two days. */
export type SegmentPeriod =
	| { kind: 'ever' }
	| { kind: 'lastDays'; days: number }
	| { kind: 'between'; from: string; to: string };

export interface Condition {
	field: string;
	op: Operator;
	/** The value typed or chosen; '' where the operator needs none. */
	value: string;
	/** The upper end of "between". */
	value2: string;
	/** For what a customer did (bought, spent, was contacted). */
	period: SegmentPeriod;
}

export type SegmentItem = Condition | ConditionGroup;

export const isGroup = (item: SegmentItem): item is ConditionGroup => 'items' in item;

/** How a field's values compare. */
export type FieldType =
	| 'text'
	| 'choice'
	| 'multiChoice'
	| 'tags'
	| 'month'
	| 'money'
	| 'number'
	| 'days'
	| 'date'
	| 'product'
	| 'category'
	| 'spent'
	| 'interaction';

export const OPERATORS = {
	text: ['contains', 'notContains', 'is', 'isEmpty', 'isNotEmpty'],
	choice: ['is', 'isNot'],
	multiChoice: ['includes', 'excludes'],
	tags: ['has', 'hasNot'],
	month: ['is', 'isNot'],
	money: ['gt', 'gte', 'lt', 'lte', 'between'],
	number: ['gt', 'gte', 'lt', 'lte', 'eq', 'between'],
	days: ['gt', 'gte', 'lt', 'lte', 'between'],
	date: ['inLastDays', 'before', 'onOrAfter', 'between', 'never'],
	product: ['bought', 'notBought'],
	category: ['bought', 'notBought'],
	spent: ['gte', 'lte', 'between'],
	interaction: ['had', 'notHad']
} as const satisfies Record<FieldType, readonly string[]>;

export type Operator = (typeof OPERATORS)[FieldType][number];

const ALL_OPERATORS = [...new Set(Object.values(OPERATORS).flat())] as Operator[];

/** Operators that take no value. */
export const VALUELESS: readonly Operator[] = ['isEmpty', 'isNotEmpty', 'never'];

/** Types whose conditions look at a period of what the customer did. */
export const PERIOD_TYPES: readonly FieldType[] = ['product', 'category', 'spent', 'interaction'];

/**
 * A saved segment as the projection keeps it. `definition` is the stored text, read with
 * `readDefinition` where it is used (null there when it cannot be read): the projector, which
 * runs on every start, need not carry the definition's schema.
 */
export interface SegmentRow {
	id: string;
	name: string;
	color: TagColor;
	definition: string;
	createdAt: number;
	updatedAt: number;
}

/** How deep groups may nest: a group, its groups, and theirs. */
export const MAX_DEPTH = 3;

const dateKey = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

const PeriodSchema = v.variant('kind', [
	v.object({ kind: v.literal('ever') }),
	v.object({
		kind: v.literal('lastDays'),
		days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36_500))
	}),
	v.object({ kind: v.literal('between'), from: dateKey, to: dateKey })
]);

const ConditionSchema = v.object({
	field: v.pipe(v.string(), v.maxLength(80)),
	op: v.picklist(ALL_OPERATORS),
	value: v.pipe(v.string(), v.maxLength(200)),
	value2: v.pipe(v.string(), v.maxLength(200)),
	period: PeriodSchema
});

const GroupSchema: v.GenericSchema<ConditionGroup> = v.object({
	join: v.picklist(['all', 'any']),
	items: v.pipe(v.array(v.union([ConditionSchema, v.lazy(() => GroupSchema)])), v.maxLength(50))
});

function depth(group: ConditionGroup): number {
	return 1 + Math.max(0, ...group.items.filter(isGroup).map(depth));
}

/**
 * A definition as stored (text from any device, a stranger's too), or null when it is not one:
 * then the segment shows as unreadable instead of matching something it never meant.
 */
export function readDefinition(text: unknown): ConditionGroup | null {
	if (typeof text !== 'string' || text.length > 50_000) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return null;
	}
	const result = v.safeParse(GroupSchema, parsed);
	if (!result.success || depth(result.output) > MAX_DEPTH) return null;
	return result.output;
}

export function writeDefinition(definition: ConditionGroup): string {
	return JSON.stringify(definition);
}

export const isSegmentColor = (value: unknown): value is TagColor =>
	typeof value === 'string' && (TAG_COLORS as readonly string[]).includes(value);

export type SegmentProblem =
	'nameRequired' | 'nameTooLong' | 'noConditions' | 'incomplete' | 'invalid';

/** What a segment must be to be saved: a name, a readable definition with a condition in it. */
export function checkSegment(input: {
	name: string;
	color: string;
	definition: unknown;
}):
	| { ok: true; name: string; color: TagColor; definition: string }
	| { ok: false; problem: SegmentProblem } {
	const name = input.name.trim();
	if (!name) return { ok: false, problem: 'nameRequired' };
	if (name.length > 80) return { ok: false, problem: 'nameTooLong' };
	const definition = readDefinition(JSON.stringify(input.definition));
	if (!definition || !isSegmentColor(input.color)) return { ok: false, problem: 'invalid' };
	if (countConditions(definition) === 0) return { ok: false, problem: 'noConditions' };
	if (!complete(definition)) return { ok: false, problem: 'incomplete' };
	return { ok: true, name, color: input.color, definition: writeDefinition(definition) };
}

/** Whether every condition has what its comparison needs: a value, both ends, both days. */
function complete(group: ConditionGroup): boolean {
	return group.items.every((item) => {
		if (isGroup(item)) return complete(item);
		const needsValue = !VALUELESS.includes(item.op) && item.field !== 'hadInteraction';
		if (needsValue && item.value.trim() === '') return false;
		if (item.op === 'between' && item.value2.trim() === '') return false;
		if (item.period.kind === 'between' && (!item.period.from || !item.period.to)) return false;
		return true;
	});
}

export function countConditions(group: ConditionGroup): number {
	return group.items.reduce((sum, item) => sum + (isGroup(item) ? countConditions(item) : 1), 0);
}

export const emptyCondition = (field = 'totalSpent'): Condition => ({
	field,
	op: 'gt',
	value: '',
	value2: '',
	period: { kind: 'ever' }
});
