import { RFM_SEGMENTS, type RfmLines, type RfmSegment } from './rules/rfm';
import type { AbcClass } from './rules/abc';
import { RISK_LEVELS, type RiskLevel } from './rules/churn';
import type { CustomerValue } from './customer-value';
import type { ModelOutcome } from './value-model';

export interface SegmentRow {
	segment: RfmSegment;
	customers: number;
	/** Spend in the window. */
	revenueCents: number;
	purchases: number;
	/** Revenue ÷ purchases in the window, rounded to whole cents; null without purchases. */
	averageOrderCents: number | null;
}

/** A customer on the "Drifting away" list. */
export interface DriftingRow {
	id: string;
	name: string;
	phone: string;
	value: CustomerValue;
}

/** What the "Customer value" screen shows, worked out in the insights worker. */
export interface ValueReport {
	asOf: string;
	windowMonths: number;
	scoring: 'quintiles' | 'cuts';
	lines: RfmLines;
	/** Customers who bought up to the as-of day (deleted and merged-away ones left out). */
	customers: number;
	/** The first purchase day of any of them (YYYY-MM-DD); null without purchases. */
	firstPurchaseDay: string | null;
	revenueCents: number;
	segments: SegmentRow[];
	/** R score 5…1 (rows) × F score 1…5 (columns): customers and their window revenue. */
	heat: { customers: number[][]; revenueCents: number[][] };
	abc: {
		split: readonly [number, number];
		classes: { abc: AbcClass; customers: number; revenueCents: number }[];
	};
	/** Customers ranked by window revenue in up to 20 equal groups: each group's revenue. */
	pareto: { groups: { customers: number; revenueCents: number }[] };
	risk: Record<RiskLevel, number>;
	/** Medium and high risk, most value at risk first (the first 200). */
	drifting: DriftingRow[];
	driftingCount: number;
	model: ModelOutcome;
	/** With the model: purchases and revenue expected from these customers in the next 90 days. */
	forecast90: { purchases: number; revenueCents: number } | null;
}

/** Which customers a click on the screen opens. */
export type ValuePick =
	| { kind: 'segment'; segment: RfmSegment }
	| { kind: 'heat'; r: number; f: number }
	| { kind: 'abc'; abc: AbcClass }
	| { kind: 'risk'; level: RiskLevel };

export function pickTest(pick: ValuePick): (value: CustomerValue) => boolean {
	switch (pick.kind) {
		case 'segment':
			return (value) => value.segment === pick.segment;
		case 'heat':
			return (value) => value.r === pick.r && value.f === pick.f;
		case 'abc':
			return (value) => value.abc === pick.abc;
		case 'risk':
			return (value) => value.risk.level === pick.level;
	}
}

const PARETO_GROUPS = 20;
const DRIFTING_SHOWN = 200;

export function valueReport(
	values: readonly CustomerValue[],
	context: {
		asOf: string;
		windowMonths: number;
		scoring: 'quintiles' | 'cuts';
		lines: RfmLines;
		split: readonly [number, number];
		model: ModelOutcome;
		contact(id: string): { name: string; phone: string };
	}
): ValueReport {
	const segments = new Map<RfmSegment, SegmentRow>(
		RFM_SEGMENTS.map((segment) => [
			segment,
			{ segment, customers: 0, revenueCents: 0, purchases: 0, averageOrderCents: null }
		])
	);
	const heatCustomers = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
	const heatRevenue = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
	const classes = (['A', 'B', 'C'] as const).map((abc) => ({ abc, customers: 0, revenueCents: 0 }));
	const risk: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0 };
	let revenueCents = 0;
	let forecastPurchases = 0;
	let forecastCents = 0;
	for (const value of values) {
		const row = segments.get(value.segment)!;
		row.customers++;
		row.revenueCents += value.monetaryCents;
		row.purchases += value.frequency;
		heatCustomers[5 - value.r]![value.f - 1]!++;
		heatRevenue[5 - value.r]![value.f - 1]! += value.monetaryCents;
		const abc = classes.find((c) => c.abc === value.abc)!;
		abc.customers++;
		abc.revenueCents += value.monetaryCents;
		risk[value.risk.level]++;
		revenueCents += value.monetaryCents;
		if (value.model) {
			forecastPurchases += value.model.next90;
			forecastCents +=
				value.model.next90 *
				(value.model.expectedAverageCents ?? value.totalCents / value.purchases);
		}
	}
	for (const row of segments.values()) {
		row.averageOrderCents = row.purchases > 0 ? Math.round(row.revenueCents / row.purchases) : null;
	}
	const ranked = values.map((value) => value.monetaryCents).sort((a, b) => b - a);
	const groupCount = Math.min(PARETO_GROUPS, ranked.length);
	const groups = Array.from({ length: groupCount }, (_, g) => {
		const from = Math.floor((g * ranked.length) / groupCount);
		const to = Math.floor(((g + 1) * ranked.length) / groupCount);
		let sum = 0;
		for (let i = from; i < to; i++) sum += ranked[i]!;
		return { customers: to - from, revenueCents: sum };
	});
	const atRisk = values
		.filter((value) => value.risk.level !== 'low')
		.sort(
			(a, b) =>
				b.valueAtRiskCents - a.valueAtRiskCents ||
				RISK_LEVELS.indexOf(b.risk.level) - RISK_LEVELS.indexOf(a.risk.level)
		);
	let firstDay = Infinity;
	for (const value of values) firstDay = Math.min(firstDay, value.firstDay);
	return {
		asOf: context.asOf,
		firstPurchaseDay:
			firstDay === Infinity ? null : new Date(firstDay * 86_400_000).toISOString().slice(0, 10),
		windowMonths: context.windowMonths,
		scoring: context.scoring,
		lines: context.lines,
		customers: values.length,
		revenueCents,
		segments: [...segments.values()],
		heat: { customers: heatCustomers, revenueCents: heatRevenue },
		abc: { split: context.split, classes },
		pareto: { groups },
		risk,
		drifting: atRisk
			.slice(0, DRIFTING_SHOWN)
			.map((value) => ({ id: value.id, ...context.contact(value.id), value })),
		driftingCount: atRisk.length,
		model: context.model,
		forecast90:
			'fitted' in context.model
				? { purchases: forecastPurchases, revenueCents: Math.round(forecastCents) }
				: null
	};
}
