/**
 * The sales funnel of a pipeline, worked out from its deals and their stage history: how many
 * deals (and how much value) reached each stage and went on to the next, how long they stay in
 * each, how often they are won by source and by owner, why they are lost, and the weighted
 * forecast by expected close month. Pure: the page draws and tabulates it.
 */
import { probabilityOf, weightedCents, type DealMoveRow, type DealRow } from './deal';
import type { PipelineStage } from './pipeline';

const DAY_MS = 86_400_000;

export interface FunnelStep {
	stage: PipelineStage;
	/** Deals that got at least this far (a deal that reached a later stage passed this one). */
	reached: number;
	reachedCents: number;
	/** Deals in it now, as on the board. */
	now: number;
	nowCents: number;
	/** Share of those that reached it that reached the next step, 0–100; null for the last. */
	onward: number | null;
	onwardByValue: number | null;
	/** Average days a deal stayed in it, from entering to leaving (or now); null if none did. */
	averageDays: number | null;
}

export interface RateRow {
	key: string;
	won: number;
	closed: number;
	/** Won of closed, 0–100. */
	rate: number;
	wonCents: number;
}

export interface ForecastRow {
	/** YYYY-MM, or '' for deals without an expected close date. */
	month: string;
	count: number;
	valueCents: number;
	weightedCents: number;
}

export interface Funnel {
	steps: FunnelStep[];
	bySource: RateRow[];
	byOwner: RateRow[];
	lostReasons: { reason: string; count: number; cents: number }[];
	forecast: ForecastRow[];
}

const percent = (part: number, whole: number) =>
	whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

/**
 * The funnel of `deals` (one pipeline's, those that still exist) with `moves`, their history.
 * The steps are the open stages in order, then the won stage(s) as one last step.
 */
export function pipelineFunnel(
	stages: readonly PipelineStage[],
	deals: readonly DealRow[],
	moves: readonly DealMoveRow[],
	now: number
): Funnel {
	const open = stages.filter((stage) => stage.kind === 'open');
	const won = stages.filter((stage) => stage.kind === 'won');
	const kindOf = new Map(stages.map((stage) => [stage.id, stage.kind]));
	// Step of each stage: open stages by order, every won stage the step after them.
	const stepOf = new Map<string, number>(open.map((stage, index) => [stage.id, index]));
	for (const stage of won) stepOf.set(stage.id, open.length);
	const stepStages = won[0] ? [...open, won[0]] : open;

	const movesOf = new Map<string, DealMoveRow[]>();
	for (const move of moves) {
		const list = movesOf.get(move.dealId) ?? [];
		list.push(move);
		movesOf.set(move.dealId, list);
	}

	const reached = stepStages.map(() => ({ count: 0, cents: 0 }));
	const current = stepStages.map(() => ({ count: 0, cents: 0 }));
	const stays = new Map<string, { days: number; count: number }>();
	for (const deal of deals) {
		const history = (movesOf.get(deal.id) ?? []).sort((a, b) => a.at - b.at);
		// A deal whose stage was taken away stands in the first stage, as on the board.
		const here = kindOf.has(deal.stageId) ? stepOf.get(deal.stageId) : 0;
		let furthest = here ?? -1;
		for (const move of history) furthest = Math.max(furthest, stepOf.get(move.to) ?? -1);
		for (let step = 0; step <= furthest && step < reached.length; step++) {
			reached[step]!.count += 1;
			reached[step]!.cents += deal.valueCents;
		}
		if (here !== undefined && here < current.length) {
			current[here]!.count += 1;
			current[here]!.cents += deal.valueCents;
		}
		history.forEach((move, index) => {
			if (kindOf.get(move.to) !== 'open') return;
			const left = history[index + 1]?.at ?? (deal.stageId === move.to ? now : null);
			if (left === null) return;
			const stay = stays.get(move.to) ?? { days: 0, count: 0 };
			stay.days += Math.max(0, left - move.at) / DAY_MS;
			stay.count += 1;
			stays.set(move.to, stay);
		});
	}

	const steps = stepStages.map((stage, index): FunnelStep => {
		const next = reached[index + 1];
		const stay = stays.get(stage.id);
		return {
			stage,
			reached: reached[index]!.count,
			reachedCents: reached[index]!.cents,
			now: current[index]!.count,
			nowCents: current[index]!.cents,
			onward: next ? percent(next.count, reached[index]!.count) : null,
			onwardByValue: next ? percent(next.cents, reached[index]!.cents) : null,
			averageDays: stay ? Math.round((stay.days / stay.count) * 10) / 10 : null
		};
	});

	return {
		steps,
		bySource: winRates(deals, kindOf, (deal) => deal.source),
		byOwner: winRates(deals, kindOf, (deal) => deal.ownerId),
		lostReasons: lostReasons(deals, kindOf),
		forecast: forecast(deals, stages, kindOf)
	};
}

function winRates(
	deals: readonly DealRow[],
	kindOf: ReadonlyMap<string, string>,
	keyOf: (deal: DealRow) => string
): RateRow[] {
	const rows = new Map<string, RateRow>();
	for (const deal of deals) {
		const kind = kindOf.get(deal.stageId);
		if (kind !== 'won' && kind !== 'lost') continue;
		const key = keyOf(deal);
		const row = rows.get(key) ?? { key, won: 0, closed: 0, rate: 0, wonCents: 0 };
		row.closed += 1;
		if (kind === 'won') {
			row.won += 1;
			row.wonCents += deal.valueCents;
		}
		rows.set(key, row);
	}
	return [...rows.values()]
		.map((row) => ({ ...row, rate: percent(row.won, row.closed) ?? 0 }))
		.sort((a, b) => b.closed - a.closed || a.key.localeCompare(b.key));
}

function lostReasons(deals: readonly DealRow[], kindOf: ReadonlyMap<string, string>) {
	const rows = new Map<string, { reason: string; count: number; cents: number }>();
	for (const deal of deals) {
		if (kindOf.get(deal.stageId) !== 'lost') continue;
		const row = rows.get(deal.lostReason) ?? { reason: deal.lostReason, count: 0, cents: 0 };
		row.count += 1;
		row.cents += deal.valueCents;
		rows.set(deal.lostReason, row);
	}
	return [...rows.values()].sort((a, b) => b.count - a.count || b.cents - a.cents);
}

function forecast(
	deals: readonly DealRow[],
	stages: readonly PipelineStage[],
	kindOf: ReadonlyMap<string, string>
): ForecastRow[] {
	const rows = new Map<string, ForecastRow>();
	for (const deal of deals) {
		if (kindOf.get(deal.stageId) !== 'open') continue;
		const month = deal.closeDate.slice(0, 7);
		const row = rows.get(month) ?? { month, count: 0, valueCents: 0, weightedCents: 0 };
		row.count += 1;
		row.valueCents += deal.valueCents;
		row.weightedCents += weightedCents(deal.valueCents, probabilityOf(deal, stages).percent);
		rows.set(month, row);
	}
	// By month; deals without a date last.
	return [...rows.values()].sort((a, b) => (a.month || '9999').localeCompare(b.month || '9999'));
}
