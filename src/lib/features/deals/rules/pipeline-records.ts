/**
 * What a stored pipeline is: its shape, limits and readers. Kept apart from the rules so the
 * workspace's first load (which reads every kind of record) carries only these.
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

export function isPercent(value: number): boolean {
	return Number.isInteger(value) && value >= 0 && value <= 100;
}

export function isWhole(value: number, max: number): boolean {
	return Number.isInteger(value) && value >= 0 && value <= max;
}

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
