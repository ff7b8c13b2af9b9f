import Dexie from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import type { DealRow } from '../rules/deal';
import type { PipelineRow } from '../rules/pipeline';

export interface BoardDeals {
	/** Every open deal of the pipeline and those closed since `since`. */
	deals: DealRow[];
	/** Its deals won or lost before `since`, which the board only counts. */
	closedEarlier: number;
	/** How many deals the pipeline has in all. */
	total: number;
}

/**
 * The deals a pipeline's board shows, read stage by stage from the projection's index rather
 * than the whole table: a drop re-reads these, and a shop's years of closed deals (4,000 of the
 * bench's 5,000) would be turned into objects on every one. Deals in a stage the pipeline no
 * longer has (a colleague removed it meanwhile) are found by the counts, and then the
 * pipeline's deals are read whole, so none goes missing.
 */
export async function readBoardDeals(
	db: ProjectionDb,
	pipeline: PipelineRow,
	since: number
): Promise<BoardDeals> {
	const byStage = db.deals.where('[pipelineId+stageId+stageEnteredAt]');
	const stage = (id: string, from: unknown, to: unknown) =>
		byStage.between([pipeline.id, id, from], [pipeline.id, id, to], true, false);
	const [shown, earlier, total] = await Promise.all([
		Promise.all(
			pipeline.stages.map((row) =>
				stage(row.id, row.kind === 'open' ? Dexie.minKey : since, Dexie.maxKey).toArray()
			)
		),
		Promise.all(
			pipeline.stages
				.filter((row) => row.kind !== 'open')
				.map((row) => stage(row.id, Dexie.minKey, since).count())
		),
		db.deals.where('pipelineId').equals(pipeline.id).count()
	]);
	const deals = shown.flat();
	const closedEarlier = earlier.reduce((sum, count) => sum + count, 0);
	if (deals.length + closedEarlier >= total) return { deals, closedEarlier, total };
	const all = await db.deals.where('pipelineId').equals(pipeline.id).toArray();
	const known = new Set(deals.map((deal) => deal.id));
	return {
		deals: [...deals, ...all.filter((deal) => !known.has(deal.id) && !onStageRead(deal, pipeline))],
		closedEarlier,
		total
	};
}

/** Whether a deal sits in one of the pipeline's stages (and so was read or counted already). */
function onStageRead(deal: DealRow, pipeline: PipelineRow): boolean {
	return pipeline.stages.some((stage) => stage.id === deal.stageId);
}
