/**
 * Pipelines: the ordered stages a deal goes through. Each stage is open, won or lost, with the
 * probability a deal in it closes (the default for its deals) and how many idle days make a
 * deal in it stale. Pure rules: what a pipeline may be, and the stages a new one starts with.
 */

import {
	isPercent,
	isWhole,
	STAGE_KINDS,
	MAX_LOST_REASONS,
	MAX_PIPELINE_NAME,
	MAX_REASON_TEXT,
	MAX_STAGE_NAME,
	MAX_STAGES,
	MAX_STALE_DAYS,
	type PipelineFields,
	type PipelineStage,
	type StageKind
} from './pipeline-records';

export * from './pipeline-records';

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

export const DEFAULT_LOST_REASON_KEYS = [
	'price',
	'competitor',
	'noNeed',
	'noReply',
	'timing'
] as const;
