import { DEFAULT_STAGE_RULES, type StageRules } from '../../customers/rules/customer-metrics';

export type RiskLevel = 'low' | 'medium' | 'high';
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

/** What put a customer at their risk level; the numbers go into the sentence shown. */
export type RiskReason =
	/** Past their own usual interval by this much. */
	| { kind: 'overdue'; usualIntervalDays: number; daysSince: number }
	/** Bought once, and not again for this long. */
	| { kind: 'oneTime'; daysSince: number }
	/** Silent longer than the shop counts a customer lost. */
	| { kind: 'silent'; daysSince: number }
	/** The BG/NBD model's chance that the customer still buys. */
	| { kind: 'model'; probabilityAlive: number }
	/** Buying as usual. */
	| { kind: 'onTime'; usualIntervalDays: number | null; daysSince: number };

export interface ChurnRisk {
	level: RiskLevel;
	/** The reasons at the level, the customer's own interval first. */
	reasons: RiskReason[];
}

/** Under these chances of still being active the model calls a customer high / medium risk. */
export const MODEL_HIGH_BELOW = 0.3;
export const MODEL_MEDIUM_BELOW = 0.6;

const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level);

/**
 * A customer's risk of being lost (流失预警), the higher of two readings: their own buying
 * interval, as the stage rule reads it (at risk once `overdueFactor` intervals have passed,
 * high one interval later, or past `lostAfterDays`; a one-time buyer is at risk after
 * `newAtRiskAfterDays`), and, when the model is fitted and they bought more than once, the
 * chance the model gives that they are still active.
 */
export function churnRisk(
	facts: { daysSince: number; usualIntervalDays: number | null },
	probabilityAlive: number | null,
	rules: StageRules = DEFAULT_STAGE_RULES
): ChurnRisk {
	const { daysSince, usualIntervalDays } = facts;
	let own: { level: RiskLevel; reason: RiskReason };
	if (daysSince > rules.lostAfterDays) {
		own = { level: 'high', reason: { kind: 'silent', daysSince } };
	} else if (usualIntervalDays !== null) {
		const reason: RiskReason = { kind: 'overdue', usualIntervalDays, daysSince };
		const atRiskAfter = Math.max(30, usualIntervalDays * rules.overdueFactor);
		const highAfter = Math.max(30, usualIntervalDays * (rules.overdueFactor + 1));
		own =
			daysSince > highAfter
				? { level: 'high', reason }
				: daysSince > atRiskAfter
					? { level: 'medium', reason }
					: { level: 'low', reason: { kind: 'onTime', usualIntervalDays, daysSince } };
	} else {
		own =
			daysSince > rules.newAtRiskAfterDays
				? { level: 'medium', reason: { kind: 'oneTime', daysSince } }
				: { level: 'low', reason: { kind: 'onTime', usualIntervalDays: null, daysSince } };
	}
	if (probabilityAlive === null) return { level: own.level, reasons: [own.reason] };
	const model: RiskLevel =
		probabilityAlive < MODEL_HIGH_BELOW
			? 'high'
			: probabilityAlive < MODEL_MEDIUM_BELOW
				? 'medium'
				: 'low';
	const modelReason: RiskReason = { kind: 'model', probabilityAlive };
	if (rank(model) > rank(own.level)) return { level: model, reasons: [modelReason] };
	if (rank(model) === rank(own.level)) return { level: model, reasons: [own.reason, modelReason] };
	return { level: own.level, reasons: [own.reason] };
}
