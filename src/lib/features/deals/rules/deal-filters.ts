import { probabilityOf, weightedCents, type DealRow } from './deal';
import type { PipelineStage } from './pipeline';

export interface DealFilter {
	/** A member's id, '' for everyone, or NOBODY for deals without an owner. */
	ownerId: string;
	/** YYYY-MM of the expected close date, '' for any, or NO_DATE for deals without one. */
	closeMonth: string;
}

export const NOBODY = '-';
export const NO_DATE = '-';

/** The deals of a pipeline that the board's or the list's filters let through. */
export function filterDeals<T extends Pick<DealRow, 'pipelineId' | 'ownerId' | 'closeDate'>>(
	deals: readonly T[],
	pipelineId: string,
	filter: DealFilter
): T[] {
	return deals.filter(
		(deal) =>
			deal.pipelineId === pipelineId &&
			(filter.ownerId === '' ||
				(filter.ownerId === NOBODY ? deal.ownerId === '' : deal.ownerId === filter.ownerId)) &&
			(filter.closeMonth === '' ||
				(filter.closeMonth === NO_DATE
					? deal.closeDate === ''
					: deal.closeDate.startsWith(`${filter.closeMonth}-`)))
	);
}

/** The close months the deals name (YYYY-MM), in order: what the month filter offers. */
export function closeMonths(deals: readonly Pick<DealRow, 'closeDate'>[]): string[] {
	return [
		...new Set(deals.filter((deal) => deal.closeDate).map((deal) => deal.closeDate.slice(0, 7)))
	].sort();
}

export const DEAL_SORTS = ['value', 'weighted', 'closeDate', 'updated', 'title'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

/**
 * The deals in the list's order: largest value or weighted value first, soonest close first
 * (those without a date last), latest change first, or by title in the shop's language.
 */
export function sortDeals<T extends DealRow>(
	deals: readonly T[],
	sort: DealSort,
	stages: readonly PipelineStage[],
	locale: string
): T[] {
	const byTitle = (a: T, b: T) => a.title.localeCompare(b.title, locale);
	const weighted = (deal: T) => weightedCents(deal.valueCents, probabilityOf(deal, stages).percent);
	const order: Record<DealSort, (a: T, b: T) => number> = {
		value: (a, b) => b.valueCents - a.valueCents,
		weighted: (a, b) => weighted(b) - weighted(a),
		closeDate: (a, b) =>
			(a.closeDate || '9999').localeCompare(b.closeDate || '9999') || byTitle(a, b),
		updated: (a, b) => b.updatedAt - a.updatedAt,
		title: byTitle
	};
	return [...deals].sort((a, b) => order[sort](a, b) || byTitle(a, b));
}
