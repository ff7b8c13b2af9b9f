import { staleDays, type DealRow } from './deal';
import type { PipelineRow, PipelineStage } from './pipeline';

export interface StaleDeal {
	deal: DealRow;
	stage: PipelineStage;
	idleDays: number;
}

/** The deals idle past their stage's limit, longest idle first: what Today asks about. */
export function staleDeals(
	deals: readonly DealRow[],
	pipelines: readonly PipelineRow[],
	now: number
): StaleDeal[] {
	const stagesOf = new Map(pipelines.map((pipeline) => [pipeline.id, pipeline.stages]));
	const found: StaleDeal[] = [];
	for (const deal of deals) {
		const stages = stagesOf.get(deal.pipelineId);
		if (!stages) continue;
		const idleDays = staleDays(deal, stages, now);
		const stage = stages.find((candidate) => candidate.id === deal.stageId);
		if (idleDays !== null && stage) found.push({ deal, stage, idleDays });
	}
	return found.sort((a, b) => b.idleDays - a.idleDays || a.deal.title.localeCompare(b.deal.title));
}
