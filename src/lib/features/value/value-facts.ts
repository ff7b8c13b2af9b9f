import type { SegmentValueFacts, ValueLookup } from '../segments/rules/segment-match';
import { RFM_SEGMENTS, type RfmSegment } from './rules/rfm';
import { RISK_LEVELS, type RiskLevel } from './rules/churn';

const CLASSES = ['A', 'B', 'C'];

/**
 * Every customer's scores as columns, so they cross from the worker as a few buffers and one
 * array of ids: 50,000 objects cloned into the page held it for about 90 ms.
 */
export interface ValueFactsColumns {
	ids: string[];
	segment: Uint8Array;
	abc: Uint8Array;
	risk: Uint8Array;
	/** NaN where there is none. */
	probabilityAlive: Float64Array;
	predictedValueCents: Float64Array;
	nextExpectedAt: Float64Array;
}

export function toColumns(facts: ReadonlyMap<string, SegmentValueFacts>): ValueFactsColumns {
	const n = facts.size;
	const columns: ValueFactsColumns = {
		ids: [...facts.keys()],
		segment: new Uint8Array(n),
		abc: new Uint8Array(n),
		risk: new Uint8Array(n),
		probabilityAlive: new Float64Array(n),
		predictedValueCents: new Float64Array(n),
		nextExpectedAt: new Float64Array(n)
	};
	let i = 0;
	for (const fact of facts.values()) {
		columns.segment[i] = RFM_SEGMENTS.indexOf(fact.segment as RfmSegment);
		columns.abc[i] = CLASSES.indexOf(fact.abc);
		columns.risk[i] = RISK_LEVELS.indexOf(fact.risk as RiskLevel);
		columns.probabilityAlive[i] = fact.probabilityAlive ?? NaN;
		columns.predictedValueCents[i] = fact.predictedValueCents ?? NaN;
		columns.nextExpectedAt[i] = fact.nextExpectedAt ?? NaN;
		i++;
	}
	return columns;
}

export const columnsTransfer = (c: ValueFactsColumns): Transferable[] => [
	c.segment.buffer,
	c.abc.buffer,
	c.risk.buffer,
	c.probabilityAlive.buffer,
	c.predictedValueCents.buffer,
	c.nextExpectedAt.buffer
];

const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/** The columns read back one customer at a time, as the list, segments and export ask. */
export class ValueFactsTable implements ValueLookup {
	#position: Map<string, number> | null = null;

	constructor(readonly columns: ValueFactsColumns) {}

	get size(): number {
		return this.columns.ids.length;
	}

	get(id: string): SegmentValueFacts | undefined {
		this.#position ??= new Map(this.columns.ids.map((key, i) => [key, i]));
		const i = this.#position.get(id);
		if (i === undefined) return undefined;
		const c = this.columns;
		return {
			segment: RFM_SEGMENTS[c.segment[i]!]!,
			abc: CLASSES[c.abc[i]!]!,
			risk: RISK_LEVELS[c.risk[i]!]!,
			probabilityAlive: orNull(c.probabilityAlive[i]!),
			predictedValueCents: orNull(c.predictedValueCents[i]!),
			nextExpectedAt: orNull(c.nextExpectedAt[i]!)
		};
	}
}
