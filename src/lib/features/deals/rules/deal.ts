/**
 * Deals: a sale in the making, from a customer or lead, moving through a pipeline's stages.
 * Pure rules: what a deal may be, its probability (its stage's, unless the deal says otherwise),
 * a column's totals and when a deal has sat idle too long.
 */
import { calendarDaysBetween, isDateKey } from '../../../domain/dates';
import { linesSubtotalCents } from '../../activity/rules/purchase-total';
import { CUSTOMER_SOURCES } from '../../customers/rules/customer';
import { isPercent, type PipelineStage } from './pipeline';
import {
	isLine,
	MAX_DEAL_CENTS,
	MAX_DEAL_LINES,
	MAX_DEAL_TITLE,
	type DealFields,
	type DealRow
} from './deal-records';

export * from './deal-records';

export type DealErrors = Partial<
	Record<
		| 'title'
		| 'customerId'
		| 'valueCents'
		| 'stageId'
		| 'probability'
		| 'closeDate'
		| 'nextStepDate'
		| 'source'
		| 'lines',
		string
	>
>;

/** What is wrong with a deal, as message keys by field; empty when it may be saved. */
export function validateDeal(fields: DealFields, stages: readonly PipelineStage[]): DealErrors {
	const errors: DealErrors = {};
	const title = fields.title.trim();
	if (!title) errors.title = 'deals.errors.titleRequired';
	else if (title.length > MAX_DEAL_TITLE) errors.title = 'deals.errors.titleTooLong';
	if (!fields.customerId) errors.customerId = 'deals.errors.customerRequired';
	// With lines the value is their total, and what was typed in the value field is not used.
	const value = dealValueCents(fields);
	if (!Number.isInteger(value) || value < 0 || value > MAX_DEAL_CENTS)
		errors.valueCents = 'deals.errors.value';
	if (!stages.some((stage) => stage.id === fields.stageId)) errors.stageId = 'deals.errors.stage';
	if (fields.probability !== null && !isPercent(fields.probability))
		errors.probability = 'deals.errors.probability';
	if (fields.closeDate && !isDateKey(fields.closeDate)) errors.closeDate = 'deals.errors.date';
	if (fields.lines.length > MAX_DEAL_LINES || !fields.lines.every(isLine))
		errors.lines = 'deals.errors.lines';
	if (fields.source && !CUSTOMER_SOURCES.includes(fields.source))
		errors.source = 'deals.errors.source';
	if (fields.nextStepDate && !isDateKey(fields.nextStepDate))
		errors.nextStepDate = 'deals.errors.date';
	return errors;
}

/** The deal's probability and whether it is its own or its stage's. */
export function probabilityOf(
	deal: Pick<DealFields, 'probability' | 'stageId'>,
	stages: readonly PipelineStage[]
): { percent: number; own: boolean } {
	const stage = stages.find((candidate) => candidate.id === deal.stageId);
	// Won and lost are settled: an estimate kept from before says nothing any more.
	if (stage && stage.kind !== 'open') return { percent: stage.probability, own: false };
	if (deal.probability !== null) return { percent: deal.probability, own: true };
	return { percent: stage?.probability ?? 0, own: false };
}

/** Cents times a percentage, rounded to the cent. */
export function weightedCents(valueCents: number, percent: number): number {
	return Math.round((valueCents * percent) / 100);
}

export interface ColumnTotals {
	count: number;
	valueCents: number;
	weightedCents: number;
}

/** A stage's number of deals, their value and their value weighted by probability. */
export function columnTotals(
	deals: readonly Pick<DealFields, 'probability' | 'stageId' | 'valueCents'>[],
	stages: readonly PipelineStage[]
): ColumnTotals {
	const totals: ColumnTotals = { count: 0, valueCents: 0, weightedCents: 0 };
	for (const deal of deals) {
		totals.count += 1;
		totals.valueCents += deal.valueCents;
		totals.weightedCents += weightedCents(deal.valueCents, probabilityOf(deal, stages).percent);
	}
	return totals;
}

/**
 * Days a deal has sat in an open stage without a change, once past the stage's limit; null
 * when it is not stale (closed, no limit, or within it). Calendar days, as the shop counts.
 */
export function staleDays(
	deal: Pick<DealRow, 'stageId' | 'stageEnteredAt' | 'updatedAt'>,
	stages: readonly PipelineStage[],
	now: number
): number | null {
	const stage = stages.find((candidate) => candidate.id === deal.stageId);
	if (!stage || stage.kind !== 'open' || stage.staleAfterDays === 0) return null;
	const idle = calendarDaysBetween(Math.max(deal.stageEnteredAt, deal.updatedAt), now);
	return idle > stage.staleAfterDays ? idle : null;
}

/** How long a won or lost deal stays on the board: older ones are in the list. */
export const CLOSED_ON_BOARD_DAYS = 30;

/**
 * The deals the board shows: every open one, and those won or lost in the last
 * `CLOSED_ON_BOARD_DAYS` calendar days (a shop's years of closed deals would bury the board).
 */
export function onBoard<T extends Pick<DealRow, 'stageId' | 'stageEnteredAt'>>(
	deals: readonly T[],
	stages: readonly PipelineStage[],
	now: number
): { shown: T[]; closedEarlier: number } {
	const closed = new Set(stages.filter((stage) => stage.kind !== 'open').map((stage) => stage.id));
	const shown: T[] = [];
	let closedEarlier = 0;
	for (const deal of deals) {
		if (
			closed.has(deal.stageId) &&
			calendarDaysBetween(deal.stageEnteredAt, now) >= CLOSED_ON_BOARD_DAYS
		)
			closedEarlier += 1;
		else shown.push(deal);
	}
	return { shown, closedEarlier };
}

/**
 * The first moment a won or lost deal is still on the board as of `now`: local midnight
 * `CLOSED_ON_BOARD_DAYS - 1` calendar days ago (what `onBoard` keeps), so the board can read
 * just those from the projection's index.
 */
export function closedShownSince(now: number): number {
	const day = new Date(now);
	day.setHours(0, 0, 0, 0);
	day.setDate(day.getDate() - (CLOSED_ON_BOARD_DAYS - 1));
	return day.getTime();
}

/** A column's order: the soonest expected close first (none last), then the largest value. */
export function columnOrder(a: DealRow, b: DealRow): number {
	return (
		(a.closeDate || '9999').localeCompare(b.closeDate || '9999') ||
		b.valueCents - a.valueCents ||
		a.title.localeCompare(b.title)
	);
}

/** The deals of each stage, in the pipeline's order; a deal whose stage is gone goes first. */
export function dealsByStage<T extends Pick<DealFields, 'stageId'>>(
	deals: readonly T[],
	stages: readonly PipelineStage[]
): Map<string, T[]> {
	const columns = new Map<string, T[]>(stages.map((stage) => [stage.id, []]));
	const first = stages[0];
	for (const deal of deals) {
		const column = columns.get(deal.stageId) ?? (first ? columns.get(first.id) : undefined);
		column?.push(deal);
	}
	return columns;
}

/** The fields of a stored deal, as the form and the commands take them. */
export function dealFieldsOf(row: DealRow): DealFields {
	return {
		title: row.title,
		customerId: row.customerId,
		valueCents: row.valueCents,
		lines: row.lines,
		pipelineId: row.pipelineId,
		stageId: row.stageId,
		probability: row.probability,
		closeDate: row.closeDate,
		ownerId: row.ownerId,
		source: row.source,
		nextStep: row.nextStep,
		nextStepDate: row.nextStepDate,
		notes: row.notes
	};
}

/** The fields the form changed from the deal as it opened: all an edit writes. */
export function changedDealFields(initial: DealFields, fields: DealFields): Partial<DealFields> {
	const changed: Partial<Record<keyof DealFields, unknown>> = {};
	for (const key of Object.keys(fields) as (keyof DealFields)[]) {
		if (JSON.stringify(fields[key]) !== JSON.stringify(initial[key])) changed[key] = fields[key];
	}
	return changed as Partial<DealFields>;
}

/** A deal's value: its lines' total when it has lines, else the value typed in. */
export function dealValueCents(fields: Pick<DealFields, 'lines' | 'valueCents'>): number {
	return fields.lines.length > 0 ? linesSubtotalCents(fields.lines) : fields.valueCents;
}
