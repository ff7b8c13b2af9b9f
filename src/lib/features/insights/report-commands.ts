import type { CommandContext } from '../../core/command-context';
import { changeEntity, insertEntity, removeRecord } from '../../crdt/entity-writes';
import { checkReport, type ReportProblem } from './rules/report-definition';
import { REPORTS_ROOT } from './kinds';

export interface ReportInput {
	name: string;
	definition: unknown;
}

export type ReportResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; problem: ReportProblem }
	| { ok: false; reason: 'notFound' };

const reportsOf = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(REPORTS_ROOT);

export function createReport(ctx: CommandContext, input: ReportInput): ReportResult {
	const checked = checkReport(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', problem: checked.problem };
	const { name, definition } = checked;
	return { ok: true, value: insertEntity(ctx, reportsOf(ctx), { name, definition }) };
}

export function updateReport(ctx: CommandContext, id: string, input: ReportInput): ReportResult {
	if (!reportsOf(ctx).has(id)) return { ok: false, reason: 'notFound' };
	const checked = checkReport(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', problem: checked.problem };
	const { name, definition } = checked;
	const changed = changeEntity(ctx, reportsOf(ctx), id, { name, definition });
	return changed ? { ok: true, value: id } : { ok: false, reason: 'notFound' };
}

/** Removes a saved report (nothing else changes); undo brings it back. */
export function deleteReport(ctx: CommandContext, id: string): boolean {
	return removeRecord(ctx, reportsOf(ctx), id);
}
