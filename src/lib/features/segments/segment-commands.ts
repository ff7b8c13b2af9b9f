import type { CommandContext } from '../../core/command-context';
import { changeEntity, insertEntity, removeRecord } from '../../crdt/entity-writes';
import { checkSegment, type ConditionGroup, type SegmentProblem } from './rules/segment';
import { SEGMENTS_ROOT } from './kinds';

export interface SegmentInput {
	name: string;
	color: string;
	definition: ConditionGroup;
}

export type SegmentResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; problem: SegmentProblem }
	| { ok: false; reason: 'notFound' };

const segmentsOf = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(SEGMENTS_ROOT);

export function createSegment(ctx: CommandContext, input: SegmentInput): SegmentResult {
	const checked = checkSegment(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', problem: checked.problem };
	const { name, color, definition } = checked;
	return { ok: true, value: insertEntity(ctx, segmentsOf(ctx), { name, color, definition }) };
}

export function updateSegment(ctx: CommandContext, id: string, input: SegmentInput): SegmentResult {
	if (!segmentsOf(ctx).has(id)) return { ok: false, reason: 'notFound' };
	const checked = checkSegment(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', problem: checked.problem };
	const { name, color, definition } = checked;
	const changed = changeEntity(ctx, segmentsOf(ctx), id, { name, color, definition });
	return changed ? { ok: true, value: id } : { ok: false, reason: 'notFound' };
}

/** Removes a saved segment (its customers are not touched); undo brings it back. */
export function deleteSegment(ctx: CommandContext, id: string): boolean {
	return removeRecord(ctx, segmentsOf(ctx), id);
}
