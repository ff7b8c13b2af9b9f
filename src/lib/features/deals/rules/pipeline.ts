/**
 * Pipelines: the ordered stages a deal goes through. Each stage is open, won or lost, with the
 * probability a deal in it closes (the default for its deals) and how many idle days make a
 * deal in it stale. Pure rules: what a pipeline may be, and the stages a new one starts with.
 */

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface PipelineStage {
	/** Kept when the stage is renamed or moved: deals name their stage by it. */
	id: string;
	name: string;
	kind: StageKind;
	/** 0–100: how likely a deal in this stage closes, unless the deal says otherwise. */
	probability: number;
	/** A deal idle in this stage longer is stale; 0 = never. */
	staleAfterDays: number;
}

export interface PipelineFields {
	name: string;
	stages: PipelineStage[];
	/** The reasons a deal is lost, to choose from when it is (the shop edits the list). */
	lostReasons: string[];
}

export interface PipelineRow extends PipelineFields {
	id: string;
	createdAt: number;
}

export const MAX_STAGES = 12;
export const MAX_STAGE_NAME = 40;
export const MAX_PIPELINE_NAME = 60;
export const MAX_STALE_DAYS = 3650;
export const MAX_LOST_REASONS = 20;
export const MAX_REASON_TEXT = 80;

export type PipelineErrors = Partial<
	Record<'name' | 'stages' | 'lostReasons', string> & Record<`stage.${number}`, string>
>;

/** What is wrong with a pipeline, as message keys by field; empty when it may be saved. */
export function validatePipeline(fields: PipelineFields): PipelineErrors {
	const errors: PipelineErrors = {};
	const name = fields.name.trim();
	if (!name) errors.name = 'deals.errors.nameRequired';
	else if (name.length > MAX_PIPELINE_NAME) errors.name = 'deals.errors.nameTooLong';
	const stages = fields.stages;
	if (stages.length > MAX_STAGES) errors.stages = 'deals.errors.tooManyStages';
	else if (!stages.some((stage) => stage.kind === 'open'))
		errors.stages = 'deals.errors.needsOpenStage';
	else if (!stages.some((stage) => stage.kind === 'won'))
		errors.stages = 'deals.errors.needsWonStage';
	else if (!stages.some((stage) => stage.kind === 'lost'))
		errors.stages = 'deals.errors.needsLostStage';
	const reasons = fields.lostReasons.map((reason) => reason.trim()).filter(Boolean);
	if (reasons.length > MAX_LOST_REASONS) errors.lostReasons = 'deals.errors.tooManyReasons';
	else if (reasons.some((reason) => reason.length > MAX_REASON_TEXT))
		errors.lostReasons = 'deals.errors.reasonTooLong';
	const seen = new Set<string>();
	stages.forEach((stage, index) => {
		const stageName = stage.name.trim();
		const key = `stage.${index}` as const;
		if (!stageName) errors[key] = 'deals.errors.stageNameRequired';
		else if (stageName.length > MAX_STAGE_NAME) errors[key] = 'deals.errors.stageNameTooLong';
		else if (seen.has(stageName.toLowerCase())) errors[key] = 'deals.errors.stageNameTwice';
		else if (!isPercent(stage.probability)) errors[key] = 'deals.errors.probability';
		else if (!isWhole(stage.staleAfterDays, MAX_STALE_DAYS)) errors[key] = 'deals.errors.staleDays';
		else if (!stage.id || !STAGE_KINDS.includes(stage.kind)) errors[key] = 'deals.errors.stage';
		seen.add(stageName.toLowerCase());
	});
	return errors;
}

export function isPercent(value: number): boolean {
	return Number.isInteger(value) && value >= 0 && value <= 100;
}

function isWhole(value: number, max: number): boolean {
	return Number.isInteger(value) && value >= 0 && value <= max;
}

/** The pipeline with names trimmed and won and lost stages at their fixed probabilities. */
export function cleanPipeline(fields: PipelineFields): PipelineFields {
	return {
		name: fields.name.trim(),
		lostReasons: [...new Set(fields.lostReasons.map((reason) => reason.trim()).filter(Boolean))],
		stages: fields.stages.map((stage) => ({
			...stage,
			name: stage.name.trim(),
			probability: stage.kind === 'won' ? 100 : stage.kind === 'lost' ? 0 : stage.probability
		}))
	};
}

/** A new pipeline's stages, named in the shop's language: a common sales process. */
export function defaultStages(
	names: Record<(typeof DEFAULT_STAGES)[number]['key'], string>,
	newStageId: () => string
): PipelineStage[] {
	return DEFAULT_STAGES.map((stage) => ({
		id: newStageId(),
		name: names[stage.key],
		kind: stage.kind,
		probability: stage.probability,
		staleAfterDays: stage.staleAfterDays
	}));
}

export const DEFAULT_STAGES = [
	{ key: 'new', kind: 'open', probability: 10, staleAfterDays: 7 },
	{ key: 'contacted', kind: 'open', probability: 25, staleAfterDays: 14 },
	{ key: 'proposal', kind: 'open', probability: 50, staleAfterDays: 14 },
	{ key: 'negotiation', kind: 'open', probability: 75, staleAfterDays: 14 },
	{ key: 'closing', kind: 'open', probability: 90, staleAfterDays: 7 },
	{ key: 'won', kind: 'won', probability: 100, staleAfterDays: 0 },
	{ key: 'lost', kind: 'lost', probability: 0, staleAfterDays: 0 }
] as const satisfies readonly {
	key: string;
	kind: StageKind;
	probability: number;
	staleAfterDays: number;
}[];

/** Reads stored stages, keeping the well-formed ones: a stranger's record shows what it can. */
export function readStages(value: unknown): PipelineStage[] {
	if (typeof value !== 'string') return [];
	let list: unknown;
	try {
		list = JSON.parse(value);
	} catch {
		return [];
	}
	if (!Array.isArray(list)) return [];
	const stages: PipelineStage[] = [];
	const ids = new Set<string>();
	for (const item of list.slice(0, MAX_STAGES)) {
		if (typeof item !== 'object' || item === null) continue;
		const v = item as Record<string, unknown>;
		const id = typeof v['id'] === 'string' ? v['id'].slice(0, 40) : '';
		const kind = v['kind'] as StageKind;
		if (!id || ids.has(id) || !STAGE_KINDS.includes(kind)) continue;
		ids.add(id);
		const probability = v['probability'];
		const stale = v['staleAfterDays'];
		stages.push({
			id,
			name: typeof v['name'] === 'string' ? v['name'].slice(0, MAX_STAGE_NAME) : '',
			kind,
			probability: typeof probability === 'number' && isPercent(probability) ? probability : 0,
			staleAfterDays: typeof stale === 'number' && isWhole(stale, MAX_STALE_DAYS) ? stale : 0
		});
	}
	return stages;
}

export const DEFAULT_LOST_REASON_KEYS = [
	'price',
	'competitor',
	'noNeed',
	'noReply',
	'timing'
] as const;

/** Reads a stored list of reasons, keeping the texts. */
export function readReasons(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	try {
		const list: unknown = JSON.parse(value);
		return Array.isArray(list)
			? list
					.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
					.slice(0, MAX_LOST_REASONS)
					.map((item) => item.slice(0, MAX_REASON_TEXT))
			: [];
	} catch {
		return [];
	}
}
