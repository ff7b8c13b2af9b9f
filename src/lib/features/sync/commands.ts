import { args, command } from '../../core/command';
import { bytes } from '../../core/arg-shapes';

/** Changes from colleagues that arrive as a file (see sync-file.ts); never undone here. */
export const SYNC_FILE_ORIGIN = { syncFile: true };

export const syncCommands = {
	/**
	 * Merges a colleague's sync file. Returns how many customers it added or changed, counted
	 * from the doc's own change events so a file already merged reports nothing new.
	 */
	mergeColleagueChanges: command({
		args: args(bytes),
		undo: 'none',
		origin: SYNC_FILE_ORIGIN,
		load: async () => {
			const { applyCountingCustomers } = await import('../../crdt/apply-update');
			return (ctx, update: Uint8Array) => ({
				customersTouched: applyCountingCustomers(ctx.ws, update, ctx.origin)
			});
		},
		audit: { action: 'syncFile', rows: (result) => result.customersTouched }
	})
};
