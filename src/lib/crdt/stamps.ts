import type { CommandContext } from '../core/command-context';
import type { RecordMap } from './workspace-doc';

/** The command's clock: the context's (tests pin it) or the real one. */
export function commandTime(ctx: CommandContext): number {
	return ctx.now ? ctx.now() : Date.now();
}

/**
 * The key that marks a record "Load demo shop" made (customers, products, tasks and events), so
 * "Remove the demo data" can find exactly those. Only ever `true`; absent on everything else.
 */
export const DEMO_MARK = 'demo';

/**
 * Marks a record an import made (only ever `true`): a customer who came in a file is not a new
 * customer walking in, so "New customer" automations leave them alone.
 */
export const IMPORTED_MARK = 'imported';

/**
 * Set on the demo customers "Remove the demo data" deleted (v7), so "Recently deleted" can leave
 * out those hundreds while still listing a demo customer someone deleted by hand.
 */
export const REMOVED_WITH_DEMO = 'removedWithDemo';

/** Who made a new entity record and when; also its first "last changed". */
export function stampCreated(map: RecordMap, ctx: CommandContext, at: number): void {
	map.set('createdAt', at);
	map.set('createdBy', ctx.memberId);
	if (ctx.demo) map.set(DEMO_MARK, true);
	if (ctx.imported) map.set(IMPORTED_MARK, true);
	stampUpdated(map, ctx, at);
}

/** The same for a new event record (purchase or interaction), written whole as one value. */
export function eventCreated(
	ctx: CommandContext,
	at: number
): { createdAt: number; createdBy: string; demo?: true } {
	// `demo` is DEMO_MARK, spelt out so the type says it is only ever `true`.
	return { createdAt: at, createdBy: ctx.memberId, ...(ctx.demo ? { demo: true as const } : {}) };
}

/** Who changed an entity record last, and when. */
export function stampUpdated(map: RecordMap, ctx: CommandContext, at: number): void {
	map.set('updatedAt', at);
	// Re-writing an unchanged member id would add ~30 bytes to every edit a colleague receives.
	if (map.get('updatedBy') !== ctx.memberId) map.set('updatedBy', ctx.memberId);
}
