import Dexie from 'dexie';
import type { ProjectionDb } from '$lib/projection/db';
import type { DealRow } from '../rules/deal';
import type { PipelineRow, PipelineStage } from '../rules/pipeline';

/*
 * The board reads its pipeline stage by stage from the index [pipelineId+stageId+stageEnteredAt],
 * each stage a query of its own: a drop changes one deal's key, and only the two stages whose
 * ranges hold its old and new key are read again. Reading the whole table on every drop turned
 * every deal the shop ever had (5,000 in the bench, 4,000 of them closed) into objects.
 */

const byStage = (db: ProjectionDb) => db.deals.where('[pipelineId+stageId+stageEnteredAt]');

/** A stage's deals on the board: all of an open stage, those closed since `since` of another. */
export function readStageDeals(
	db: ProjectionDb,
	pipelineId: string,
	stage: PipelineStage,
	since: number
): Promise<DealRow[]> {
	const from = stage.kind === 'open' ? Dexie.minKey : since;
	return byStage(db)
		.between([pipelineId, stage.id, from], [pipelineId, stage.id, Dexie.maxKey], true, true)
		.toArray();
}

/** How many of the pipeline's deals were won or lost before `since`: counted, not read. */
export async function countClosedBefore(
	db: ProjectionDb,
	pipeline: PipelineRow,
	since: number
): Promise<number> {
	const counts = await Promise.all(
		pipeline.stages
			.filter((stage) => stage.kind !== 'open')
			.map((stage) =>
				byStage(db)
					.between(
						[pipeline.id, stage.id, Dexie.minKey],
						[pipeline.id, stage.id, since],
						true,
						false
					)
					.count()
			)
	);
	return counts.reduce((sum, count) => sum + count, 0);
}

export function countPipelineDeals(db: ProjectionDb, pipelineId: string): Promise<number> {
	return db.deals.where('pipelineId').equals(pipelineId).count();
}

/**
 * Deals in a stage the pipeline no longer has (a colleague removed it meanwhile), shown in the
 * first stage: read from the index between the known stages' ranges, so a move between known
 * stages never touches these ranges and never reads them again.
 */
export function readStrayDeals(db: ProjectionDb, pipeline: PipelineRow): Promise<DealRow[]> {
	const p = pipeline.id;
	const known = [...new Set(pipeline.stages.map((stage) => stage.id))].sort();
	const bounds: [unknown[], unknown[]][] = [];
	let from: unknown[] = [p, Dexie.minKey];
	for (const id of known) {
		bounds.push([from, [p, id, Dexie.minKey]]);
		from = [p, id, Dexie.maxKey];
	}
	bounds.push([from, [p, Dexie.maxKey]]);
	return byStage(db).inAnyRange(bounds, { includeLowers: false, includeUppers: false }).toArray();
}
