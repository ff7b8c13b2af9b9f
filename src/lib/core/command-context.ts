import type { WorkspaceDoc } from '../crdt/workspace-doc';

/**
 * Who is writing, and the transaction origin that marks their writes as local (so the undo
 * manager tracks them and remote updates are never undone by this member).
 */
export interface CommandContext {
	ws: WorkspaceDoc;
	memberId: string;
	origin: object;
	now?: () => number;
	/** Set while "Load demo shop" writes: every record created gets the demo mark (see stamps). */
	demo?: boolean;
	/** Set while an import writes: every record created gets the import mark (see stamps). */
	imported?: boolean;
}

/**
 * Runs several commands as one transaction, so they are one undo step and one projection
 * write (a command's own transaction joins the outer one).
 */
export function inOneStep<T>(ctx: CommandContext, commands: () => T): T {
	let result!: T;
	ctx.ws.doc.transact(() => {
		result = commands();
	}, ctx.origin);
	return result;
}
