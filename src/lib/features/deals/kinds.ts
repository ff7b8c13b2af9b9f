import type { TableKind } from '../../core/record-kind';
import { isMoment } from '../../core/stored-values';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';
import { isDateKey } from '../../domain/dates';
import { CUSTOMER_SOURCES } from '../customers/rules/customer';
import { linesSubtotalCents } from '../activity/rules/purchase-total';
import {
	readLines,
	MAX_DEAL_CENTS,
	MAX_DEAL_TEXT,
	MAX_DEAL_TITLE,
	MAX_REASON,
	type DealMoveRow,
	type DealRow
} from './rules/deal-records';

export type { DealMoveRow };
import {
	isPercent,
	MAX_PIPELINE_NAME,
	readReasons,
	readStages,
	type PipelineRow
} from './rules/pipeline-records';

export const PIPELINES_ROOT = 'pipelines';
export const DEALS_ROOT = 'deals';
export const DEAL_MOVES_ROOT = 'dealMoves';

/** A stored pipeline as its row; one without a name is no pipeline. */
export function readPipeline(id: string, map: RecordMap): PipelineRow | null {
	const name = str(map, 'name').slice(0, MAX_PIPELINE_NAME);
	if (!name) return null;
	return {
		id,
		name,
		stages: readStages(map.get('stages')),
		lostReasons: readReasons(map.get('lostReasons')),
		createdAt: moment(map, 'createdAt')
	};
}

const moment = (map: RecordMap, key: string) => {
	const value = map.get(key);
	return isMoment(value) ? value : 0;
};
const text = (map: RecordMap, key: string, max: number) => str(map, key).slice(0, max);
const day = (map: RecordMap, key: string) => {
	const value = str(map, key);
	return isDateKey(value) ? value : '';
};

/** A stored deal as its row; one without a title, pipeline or stage is no deal. */
export function readDeal(id: string, map: RecordMap): DealRow | null {
	const title = text(map, 'title', MAX_DEAL_TITLE);
	const pipelineId = str(map, 'pipelineId');
	const stageId = str(map, 'stageId');
	if (!title || !pipelineId || !stageId) return null;
	const value = num(map, 'valueCents');
	const lines = readLines(map.get('lines'));
	const probability = map.get('probability');
	return {
		id,
		title,
		customerId: str(map, 'customerId'),
		// With lines the value is their total, whatever a merge left in `valueCents`.
		valueCents:
			lines.length > 0
				? linesSubtotalCents(lines)
				: Number.isInteger(value) && value >= 0 && value <= MAX_DEAL_CENTS
					? value
					: 0,
		lines,
		pipelineId,
		stageId,
		probability: typeof probability === 'number' && isPercent(probability) ? probability : null,
		closeDate: day(map, 'closeDate'),
		ownerId: str(map, 'ownerId'),
		source: CUSTOMER_SOURCES.find((source) => source === map.get('source')) ?? '',
		nextStep: text(map, 'nextStep', MAX_DEAL_TITLE),
		nextStepDate: day(map, 'nextStepDate'),
		notes: text(map, 'notes', MAX_DEAL_TEXT),
		stageEnteredAt: moment(map, 'stageEnteredAt') || moment(map, 'createdAt'),
		lostReason: text(map, 'lostReason', MAX_REASON),
		purchaseId: text(map, 'purchaseId', 80),
		createdAt: moment(map, 'createdAt'),
		updatedAt: moment(map, 'updatedAt')
	};
}

/** A stored stage change as its row; anything else is none. */
export function readDealMove(id: string, stored: unknown): DealMoveRow | null {
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
	const v = stored as Record<string, unknown>;
	const textOf = (key: string, max = 40) =>
		typeof v[key] === 'string' ? (v[key] as string).slice(0, max) : '';
	const at = v['at'];
	if (!textOf('dealId') || !textOf('to') || !isMoment(at)) return null;
	return {
		id,
		dealId: textOf('dealId'),
		from: textOf('from'),
		to: textOf('to'),
		at,
		by: textOf('by', 80),
		reason: textOf('reason', MAX_REASON)
	};
}

/** The shop's sales pipelines and their stages. */
export const pipelineKind: TableKind<PipelineRow> = {
	root: PIPELINES_ROOT,
	storage: 'entity',
	read: (id, map) => readPipeline(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'pipelines', schema: 'id, name', version: 1 },
	summary: 'pipelines'
};

/** Deals, shared with colleagues field by field. */
export const dealKind: TableKind<DealRow> = {
	root: DEALS_ROOT,
	storage: 'entity',
	read: (id, map) => readDeal(id, map as RecordMap),
	personal: { about: 'customer', customerOf: (deal) => deal.customerId },
	table: {
		name: 'deals',
		schema: 'id, pipelineId, customerId, [pipelineId+stageId+stageEnteredAt]',
		version: 2
	},
	summary: 'deals'
};

/** Each deal's stage changes, for its history and the funnel. */
export const dealMoveKind: TableKind<DealMoveRow> = {
	root: DEAL_MOVES_ROOT,
	storage: 'value',
	read: readDealMove,
	personal: { about: 'part', parentRoot: DEALS_ROOT, parentOf: (move) => move.dealId },
	table: { name: 'dealMoves', schema: 'id, dealId', version: 1 }
};
