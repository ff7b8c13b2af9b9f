import * as Y from 'yjs';
import type { CommandContext } from '../../core/command-context';
import { newId } from '../../crdt/ids';
import { entityOf, type RecordMap } from '../../crdt/workspace-doc';
import { commandTime, stampCreated, stampUpdated } from '../../crdt/stamps';
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

/** Writes the fields that differ: a colleague's concurrent change of another one stands. */
function write(map: RecordMap, fields: { name: string; color: string; definition: string }) {
	for (const key of ['name', 'color', 'definition'] as const) {
		if (map.get(key) !== fields[key]) map.set(key, fields[key]);
	}
}

export function createSegment(ctx: CommandContext, input: SegmentInput): SegmentResult {
	const checked = checkSegment(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', problem: checked.problem };
	const id = newId();
	ctx.ws.doc.transact(() => {
		const map = new Y.Map<unknown>();
		segmentsOf(ctx).set(id, map);
		write(map, checked);
		stampCreated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

export function updateSegment(ctx: CommandContext, id: string, input: SegmentInput): SegmentResult {
	const map = entityOf(segmentsOf(ctx), id);
	if (!map) return { ok: false, reason: 'notFound' };
	const checked = checkSegment(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', problem: checked.problem };
	ctx.ws.doc.transact(() => {
		write(map, checked);
		stampUpdated(map, ctx, commandTime(ctx));
	}, ctx.origin);
	return { ok: true, value: id };
}

/** Removes a saved segment (its customers are not touched); undo brings it back. */
export function deleteSegment(ctx: CommandContext, id: string): boolean {
	const segments = segmentsOf(ctx);
	if (!segments.has(id)) return false;
	ctx.ws.doc.transact(() => segments.delete(id), ctx.origin);
	return true;
}
