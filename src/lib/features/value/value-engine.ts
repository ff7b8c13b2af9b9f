import type { InsightsIndex } from '../insights/insights-index';
import { customerValues, purchaseHistories, type CustomerValue } from './customer-value';
import type { RfmLines } from './rules/rfm';
import type { ValueSettings } from './rules/value-settings';
import { fitValueModel, type ModelOutcome } from './value-model';
import type { CustomerValueAnswer } from './value-answers';
import { pickTest, valueReport, type ValuePick, type ValueReport } from './value-report';
import type { SegmentValueFacts } from '../segments/rules/segment-match';
import { addDays, localDateKey } from '../../domain/dates';
import { dayStart } from '../insights/rules/periods';

interface Worked {
	index: InsightsIndex;
	asOf: string;
	settings: string;
	model: ModelOutcome;
	values: CustomerValue[];
	byId: Map<string, CustomerValue>;
	lines: RfmLines;
	facts?: Map<string, SegmentValueFacts>;
}

/**
 * Customer value for the insights worker: every customer's scores as of a day, kept until the
 * archive, the day or the settings change. The models are fitted once per archive and day
 * (settings only change how their predictions are read) — or again when asked.
 */
/** Answers kept per archive state: today's and the screen's look back need not evict each other. */
const KEPT = 4;

export class ValueEngine {
	#worked: Worked[] = [];
	#models: { index: InsightsIndex; asOf: string; outcome: ModelOutcome }[] = [];

	values(index: InsightsIndex, asOf: string, settings: ValueSettings, refit = false): Worked {
		const key = JSON.stringify(settings);
		// A new archive state makes every kept answer stale.
		this.#worked = this.#worked.filter((w) => w.index === index);
		this.#models = this.#models.filter((m) => m.index === index);
		const kept = this.#worked.find((w) => w.asOf === asOf && w.settings === key);
		if (kept && !refit) return kept;
		// The rule-based scores (histories and every customer's value) are timed apart from the
		// models' fit: the benchmark holds each to its own budget.
		const started = performance.now();
		const histories = purchaseHistories(index, asOf, settings.windowMonths);
		const historiesMs = performance.now() - started;
		let model = this.#models.find((m) => m.asOf === asOf);
		if (refit || !model) {
			const fitStarted = performance.now();
			model = { index, asOf, outcome: fitValueModel(histories, asOf, Date.now()) };
			performance.measure('clientbook:value-model-fit', { start: fitStarted });
			this.#models = [model, ...this.#models.filter((m) => m.asOf !== asOf)].slice(0, KEPT);
			// Answers built on the model fitted before are stale too.
			this.#worked = this.#worked.filter((w) => w.asOf !== asOf);
		}
		const outcome = model.outcome;
		const scoresStarted = performance.now();
		const { values, lines } = customerValues(
			{ index, asOf, settings, model: 'fitted' in outcome ? outcome.fitted : null },
			histories
		);
		performance.measure('clientbook:value-scores', {
			start: scoresStarted - historiesMs,
			duration: historiesMs + performance.now() - scoresStarted
		});
		const worked: Worked = {
			index,
			asOf,
			settings: key,
			model: outcome,
			values,
			byId: new Map(values.map((value) => [value.id, value])),
			lines
		};
		this.#worked = [worked, ...this.#worked].slice(0, KEPT);
		return worked;
	}

	report(
		index: InsightsIndex,
		asOf: string,
		settings: ValueSettings,
		refit: boolean,
		contact: (id: string) => { name: string; phone: string }
	): ValueReport {
		const w = this.values(index, asOf, settings, refit);
		return valueReport(w.values, {
			asOf,
			windowMonths: settings.windowMonths,
			scoring: settings.scoring,
			lines: w.lines,
			split: settings.abc,
			model: w.model,
			contact
		});
	}

	customer(
		index: InsightsIndex,
		asOf: string,
		settings: ValueSettings,
		customerId: string
	): CustomerValueAnswer {
		const w = this.values(index, asOf, settings);
		return {
			value: w.byId.get(customerId) ?? null,
			lines: w.lines,
			customers: w.values.length,
			scoring: settings.scoring,
			windowMonths: settings.windowMonths,
			model: w.model
		};
	}

	/** Each customer's scores as segment conditions read them. */
	segmentFacts(
		index: InsightsIndex,
		asOf: string,
		settings: ValueSettings
	): ReadonlyMap<string, SegmentValueFacts> {
		const w = this.values(index, asOf, settings);
		w.facts ??= new Map(
			w.values.map((value) => [
				value.id,
				{
					segment: value.segment,
					abc: value.abc,
					risk: value.risk.level,
					probabilityAlive:
						value.model && value.repeatDays > 0 ? 100 * value.model.probabilityAlive : null,
					predictedValueCents: value.model ? Math.round(value.model.value12Cents) : null,
					nextExpectedAt:
						value.usualIntervalDays === null
							? null
							: dayStart(addDays(localDateKey(value.lastPurchaseAt), value.usualIntervalDays))
				}
			])
		);
		return w.facts;
	}

	customers(
		index: InsightsIndex,
		asOf: string,
		settings: ValueSettings,
		pick: ValuePick
	): string[] {
		const test = pickTest(pick);
		return this.values(index, asOf, settings)
			.values.filter(test)
			.map((value) => value.id);
	}
}
