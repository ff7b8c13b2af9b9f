import * as Y from 'yjs';
import { args, command } from '../../core/command';
import { bytes } from '../../core/arg-shapes';

/** What a restored backup writes carries: never undone, never taken for this member's own. */
export const RESTORE_ORIGIN = { restore: true };

export const backupCommands = {
	/**
	 * Merges a backup into this archive the way a colleague's changes merge: everything from
	 * both is kept. Not undoable: undoing would delete the backup's records for good, so a
	 * second restore of the same file could not bring them back.
	 */
	mergeBackup: command({
		args: args(bytes),
		undo: 'none',
		audit: { action: 'restore' },
		origin: RESTORE_ORIGIN,
		run: (ctx, update: Uint8Array) => Y.applyUpdate(ctx.ws.doc, update, ctx.origin)
	})
};
