import { calendarDaysBetween, addDays, localDateKey } from '../../../domain/dates';
import { parseMoney } from '../../../domain/money';
import type { CustomerRecord } from '../../customers/rules/customer';
import type { CustomerMetrics } from '../../customers/rules/customer-metrics';
import { INTERACTION_KINDS } from '../../activity/rules/activity-fields';
import { productNameKey } from '../../products/rules/product-catalogue';
import { dayStart } from '../../insights/rules/periods';
import {
	countConditions,
	isGroup,
	type Condition,
	type ConditionGroup,
	type SegmentItem,
	type SegmentPeriod
} from './segment';
import { CUSTOM_PREFIX, TEXT_FIELDS, VALUE_FIELDS } from './segment-fields';

/** A customer as the projection holds it: the record and its figures. */
export type SegmentCustomer = CustomerRecord & CustomerMetrics;

/**
 * What behaviour conditions look at: the archive's purchases and interactions as analytics
 * columns (only what the matcher reads of them), keyed to customers by id.
 */
export interface BehaviourData {
	/** Column customer index of each customer id (the end of its merge chain). */
	customerIndex: ReadonlyMap<string, number>;
	purchases: {
		count: number;
		live: Uint8Array;
		customer: Uint32Array;
		at: Float64Array;
		totalCents: Float64Array;
	};
	lines: { count: number; purchase: Uint32Array; product: Uint32Array };
	/** Per product of the columns: its name key (productNameKey) and category key. */
	productNameKeys: readonly string[];
	productCategoryKeys: readonly string[];
	interactions: {
		count: number;
		live: Uint8Array;
		customer: Uint32Array;
		at: Float64Array;
		kind: Uint8Array;
	} | null;
}

/** A customer's value scores as a condition reads them (see features/value). */
export interface SegmentValueFacts {
	segment: string;
	abc: string;
	risk: string;
	/** In percent, 0–100; null without a fitted model or a repeat purchase. */
	probabilityAlive: number | null;
	/** The 12-month value in cents; null without a fitted model. */
	predictedValueCents: number | null;
	/** When their usual interval says the next purchase is due; null after one purchase. */
	nextExpectedAt: number | null;
}

/** Customers' value scores by id, however they are held. */
export interface ValueLookup {
	get(id: string): SegmentValueFacts | undefined;
}

/** Whether any condition of the group looks at the birthday's month. */
export function usesBirthdayMonth(group: ConditionGroup): boolean {
	return group.items.some((item) =>
		isGroup(item) ? usesBirthdayMonth(item) : item.field === 'birthdayMonth'
	);
}

/** Whether a definition looks at value scores (which are then worked out for it). */
export function usesValueFields(group: ConditionGroup): boolean {
	return group.items.some((item) =>
		isGroup(item) ? usesValueFields(item) : VALUE_FIELDS.some((field) => field.id === item.field)
	);
}

export interface MatchContext {
	/** "Now": days since, the last N days. */
	now: number;
	behaviour: BehaviourData;
	/** Customers' value scores by id (those who bought); needed by value conditions only. */
	value?: ValueLookup;
	/** The shop's fields in use: a condition on one removed since matches nobody. */
	customFields: ReadonlySet<string>;
	/**
	 * The Gregorian months a lunar birthday falls in this year (see care/rules/lunar-month.ts);
	 * without them, "birthday in …" matches no lunar birthday either way.
	 */
	lunarMonthOf?: (birthday: string) => readonly number[];
}

type Test = (customer: SegmentCustomer) => boolean;

/**
 * The test a definition makes of one customer. Behaviour conditions are worked out once per
 * call for every customer (a pass over the columns), so testing 10,000 customers is cheap.
 * A condition that cannot be read (a value that is not a number, a field that no longer
 * exists) matches nobody, never everybody.
 */
export function segmentTest(definition: ConditionGroup, context: MatchContext): Test {
	return groupTest(definition, context);
}

function groupTest(group: ConditionGroup, context: MatchContext): Test {
	// A group with no condition in it constrains nothing, so it is left out of its parent: kept
	// in an "any of" group it would let everyone in. A definition with no condition at all
	// matches everyone, as a filter with no conditions shows the whole list (saving refuses it).
	const tests = group.items
		.filter((item) => !isGroup(item) || countConditions(item) > 0)
		.map((item: SegmentItem) =>
			isGroup(item) ? groupTest(item, context) : conditionTest(item, context)
		);
	if (tests.length === 0) return () => true;
	return group.join === 'all'
		? (customer) => tests.every((test) => test(customer))
		: (customer) => tests.some((test) => test(customer));
}

const never: Test = () => false;

function conditionTest(condition: Condition, context: MatchContext): Test {
	const { field } = condition;
	const valueOf = (c: SegmentCustomer) => context.value?.get(c.id);
	if ((TEXT_FIELDS as readonly string[]).includes(field)) {
		return textTest(condition, (c) => String(c[field as (typeof TEXT_FIELDS)[number]] ?? ''));
	}
	switch (field) {
		case 'stage':
		case 'source':
		case 'gender':
		case 'consent':
			return choiceTest(condition, (c) => String(c[field] ?? ''));
		case 'tag':
			return tagTest(condition);
		case 'birthdayMonth': {
			const month = Number(condition.value);
			if (!Number.isInteger(month) || month < 1 || month > 12) return never;
			// A lunar birthday's months are those it falls in this year, not its lunar number.
			const monthsOf = (c: SegmentCustomer): readonly number[] => {
				if (c.birthdayCalendar === 'lunar') return context.lunarMonthOf?.(c.birthday) ?? [];
				const solar = Number(c.birthday.slice(5, 7));
				return solar ? [solar] : [];
			};
			const is = (c: SegmentCustomer) => monthsOf(c).includes(month);
			return condition.op === 'isNot' ? (c) => monthsOf(c).length > 0 && !is(c) : is;
		}
		case 'createdAt':
			return dateTest(condition, context, (c) => c.createdAt || null);
		case 'totalSpent':
			return numberTest(condition, (c) => c.totalSpentCents, true);
		case 'averageOrder':
			return numberTest(condition, (c) => (c.purchaseCount > 0 ? c.averageOrderCents : null), true);
		case 'purchaseCount':
			return numberTest(condition, (c) => c.purchaseCount, false);
		case 'firstPurchase':
			return dateTest(condition, context, (c) => c.firstPurchaseAt);
		case 'lastPurchase':
			return dateTest(condition, context, (c) => c.lastPurchaseAt);
		case 'daysSinceLastPurchase':
			return numberTest(condition, (c) => daysSince(c.lastPurchaseAt, context.now), false);
		case 'daysSinceLastContact':
			return numberTest(condition, (c) => daysSince(c.lastContactAt, context.now), false);
		case 'boughtProduct':
		case 'boughtCategory':
		case 'spentInPeriod':
		case 'hadInteraction':
			return behaviourTest(condition, context);
		case 'rfmSegment':
			return choiceTest(condition, (c) => valueOf(c)?.segment ?? '');
		case 'abcClass':
			return choiceTest(condition, (c) => valueOf(c)?.abc ?? '');
		case 'churnRisk':
			return choiceTest(condition, (c) => valueOf(c)?.risk ?? '');
		case 'probabilityAlive':
			return numberTest(condition, (c) => valueOf(c)?.probabilityAlive ?? null, false);
		case 'predictedValue':
			return numberTest(condition, (c) => valueOf(c)?.predictedValueCents ?? null, true);
		case 'nextExpectedPurchase':
			return dateTest(condition, context, (c) => valueOf(c)?.nextExpectedAt ?? null);
	}
	if (field.startsWith(CUSTOM_PREFIX)) return customTest(condition, context);
	return never;
}

const daysSince = (at: number | null, now: number) =>
	at === null ? null : calendarDaysBetween(at, now);

function textTest(condition: Condition, read: (c: SegmentCustomer) => string): Test {
	const wanted = condition.value.trim().toLowerCase();
	const text = (c: SegmentCustomer) => read(c).trim().toLowerCase();
	switch (condition.op) {
		case 'isEmpty':
			return (c) => text(c) === '';
		case 'isNotEmpty':
			return (c) => text(c) !== '';
		case 'is':
			return (c) => text(c) === wanted;
		case 'contains':
			return wanted === '' ? never : (c) => text(c).includes(wanted);
		case 'notContains':
			return wanted === '' ? never : (c) => !text(c).includes(wanted);
		default:
			return never;
	}
}

function choiceTest(condition: Condition, read: (c: SegmentCustomer) => string): Test {
	if (condition.op === 'is') return (c) => read(c) === condition.value;
	if (condition.op === 'isNot') return (c) => read(c) !== condition.value;
	return never;
}

function tagTest(condition: Condition): Test {
	const tag = condition.value.trim();
	if (!tag) return never;
	if (condition.op === 'has') return (c) => c.tags.includes(tag);
	if (condition.op === 'hasNot') return (c) => !c.tags.includes(tag);
	return never;
}

/** A number typed into a condition: money as an amount ("1,000.50"), else a plain number. */
function typedNumber(text: string, money: boolean): number | null {
	if (money) return parseMoney(text);
	const value = Number(text.trim().replace(/,/g, ''));
	return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

function compare(
	op: Condition['op'],
	low: number,
	high: number | null
): ((x: number) => boolean) | null {
	switch (op) {
		case 'gt':
			return (x) => x > low;
		case 'gte':
			return (x) => x >= low;
		case 'lt':
			return (x) => x < low;
		case 'lte':
			return (x) => x <= low;
		case 'eq':
			return (x) => x === low;
		case 'between':
			return high === null ? null : (x) => x >= Math.min(low, high) && x <= Math.max(low, high);
		default:
			return null;
	}
}

function numberTest(
	condition: Condition,
	read: (c: SegmentCustomer) => number | null,
	money: boolean
): Test {
	const low = typedNumber(condition.value, money);
	const high = condition.op === 'between' ? typedNumber(condition.value2, money) : null;
	if (low === null) return never;
	const holds = compare(condition.op, low, high);
	if (!holds) return never;
	return (c) => {
		const value = read(c);
		return value !== null && holds(value);
	};
}

/** `[start, end)` of local midnights a date condition or a period means; null when unreadable. */
function range(
	op: string,
	value: string,
	value2: string,
	now: number
): [start: number, end: number] | null {
	const today = localDateKey(now);
	const isKey = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
	switch (op) {
		case 'inLastDays': {
			const days = Number(value);
			if (!Number.isInteger(days) || days < 1) return null;
			return [dayStart(addDays(today, -(days - 1))), dayStart(addDays(today, 1))];
		}
		case 'before':
			return isKey(value) ? [-Infinity, dayStart(value)] : null;
		case 'onOrAfter':
			return isKey(value) ? [dayStart(value), Infinity] : null;
		case 'between': {
			if (!isKey(value) || !isKey(value2)) return null;
			const [from, to] = value <= value2 ? [value, value2] : [value2, value];
			return [dayStart(from), dayStart(addDays(to, 1))];
		}
		default:
			return null;
	}
}

function dateTest(
	condition: Condition,
	context: MatchContext,
	read: (c: SegmentCustomer) => number | null
): Test {
	if (condition.op === 'never') return (c) => read(c) === null;
	const within = range(condition.op, condition.value, condition.value2, context.now);
	if (!within) return never;
	const [start, end] = within;
	return (c) => {
		const at = read(c);
		return at !== null && at >= start && at < end;
	};
}

function periodRange(period: SegmentPeriod, now: number): [number, number] | null {
	if (period.kind === 'ever') return [-Infinity, Infinity];
	if (period.kind === 'lastDays') return range('inLastDays', String(period.days), '', now);
	return range('between', period.from, period.to, now);
}

/**
 * Bought a product or category, spent an amount, or had an interaction in the period: one pass
 * over the columns marks every customer who did, then each customer is a lookup.
 */
function behaviourTest(condition: Condition, context: MatchContext): Test {
	const { behaviour } = context;
	const within = periodRange(condition.period, context.now);
	if (!within) return never;
	const [start, end] = within;
	const { purchases, lines } = behaviour;
	const inPeriod = (row: number) =>
		purchases.live[row] === 1 && purchases.at[row]! >= start && purchases.at[row]! < end;
	const customers = behaviour.customerIndex;
	const indexOf = (c: SegmentCustomer) => customers.get(c.id);

	if (condition.field === 'spentInPeriod') {
		const low = typedNumber(condition.value, true);
		const high = condition.op === 'between' ? typedNumber(condition.value2, true) : null;
		const holds = low === null ? null : compare(condition.op, low, high);
		if (!holds) return never;
		const spent = new Map<number, number>();
		for (let row = 0; row < purchases.count; row++) {
			if (!inPeriod(row)) continue;
			const customer = purchases.customer[row]!;
			spent.set(customer, (spent.get(customer) ?? 0) + purchases.totalCents[row]!);
		}
		return (c) => {
			const index = indexOf(c);
			return holds(index === undefined ? 0 : (spent.get(index) ?? 0));
		};
	}

	const did = new Set<number>();
	if (condition.field === 'hadInteraction') {
		const interactions = behaviour.interactions;
		const kind = (INTERACTION_KINDS as readonly string[]).indexOf(condition.value);
		if (!interactions || (condition.value !== '' && kind === -1)) return never;
		for (let row = 0; row < interactions.count; row++) {
			if (interactions.live[row] !== 1) continue;
			const at = interactions.at[row]!;
			if (at < start || at >= end) continue;
			if (kind === -1 || interactions.kind[row] === kind) did.add(interactions.customer[row]!);
		}
	} else {
		const wanted = productNameKey(condition.value);
		if (!wanted) return never;
		const keys =
			condition.field === 'boughtProduct'
				? behaviour.productNameKeys
				: behaviour.productCategoryKeys;
		const products = new Set<number>();
		keys.forEach((key, product) => {
			if (key === wanted) products.add(product);
		});
		for (let line = 0; line < lines.count; line++) {
			const row = lines.purchase[line]!;
			if (products.has(lines.product[line]!) && inPeriod(row)) did.add(purchases.customer[row]!);
		}
	}
	const positive = condition.op === 'bought' || condition.op === 'had';
	const negative = condition.op === 'notBought' || condition.op === 'notHad';
	if (!positive && !negative) return never;
	return (c) => {
		const index = indexOf(c);
		const yes = index !== undefined && did.has(index);
		return positive ? yes : !yes;
	};
}

function customTest(condition: Condition, context: MatchContext): Test {
	const id = condition.field.slice(CUSTOM_PREFIX.length);
	if (!context.customFields.has(id)) return never;
	const read = (c: SegmentCustomer) => c.custom?.[id];
	switch (condition.op) {
		case 'includes':
		case 'excludes': {
			const has = (c: SegmentCustomer) => {
				const value = read(c);
				return Array.isArray(value) && value.includes(condition.value);
			};
			return condition.op === 'includes' ? has : (c) => !has(c);
		}
		case 'is':
		case 'isNot':
		case 'contains':
		case 'notContains':
		case 'isEmpty':
		case 'isNotEmpty':
			if (condition.op === 'is' || condition.op === 'isNot') {
				// A shop's text field is compared as the built-in ones are: case and outer spaces
				// aside; a choice's value is the same either way.
				const wanted = { ...condition, value: condition.value.trim().toLowerCase() };
				return choiceTest(wanted, (c) => {
					const value = read(c);
					return value === undefined ? '' : String(value).trim().toLowerCase();
				});
			}
			return textTest(condition, (c) => {
				const value = read(c);
				return value === undefined ? '' : String(value);
			});
		case 'inLastDays':
		case 'before':
		case 'onOrAfter':
		case 'never':
			return dateTest(condition, context, (c) => {
				const value = read(c);
				return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
					? dayStart(value)
					: null;
			});
		case 'between': {
			// A date field's between has dates; a number field's has numbers.
			if (/^\d{4}-\d{2}-\d{2}$/.test(condition.value)) {
				return dateTest(condition, context, (c) => {
					const value = read(c);
					return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
						? dayStart(value)
						: null;
				});
			}
			return numberTest(condition, (c) => numberOf(read(c)), false);
		}
		default:
			return numberTest(condition, (c) => numberOf(read(c)), false);
	}
}

const numberOf = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;
