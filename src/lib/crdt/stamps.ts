import type { CommandContext } from './customer-commands';
import type { RecordMap } from './workspace-doc';

/** The command's clock: the context's (tests pin it) or the real one. */
export function commandTime(ctx: CommandContext): number {
	return ctx.now ? ctx.now() : Date.now();
}

/** Who made a new entity record and when; also its first "last changed". */
export function stampCreated(map: RecordMap, ctx: CommandContext, at: number): void {
	map.set('createdAt', at);
	map.set('createdBy', ctx.memberId);
	stampUpdated(map, ctx, at);
}

/** Who changed an entity record last, and when. */
export function stampUpdated(map: RecordMap, ctx: CommandContext, at: number): void {
	map.set('updatedAt', at);
	// Re-writing an unchanged member id would add ~30 bytes to every edit a colleague receives.
	if (map.get('updatedBy') !== ctx.memberId) map.set('updatedBy', ctx.memberId);
}
