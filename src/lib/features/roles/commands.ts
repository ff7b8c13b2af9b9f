import * as v from 'valibot';
import { args, command } from '../../core/command';
import type { CommandContext } from '../../core/command-context';
import { newId } from '../../crdt/ids';
import { ROLES, ROLES_ROOT } from './role-entries';

export const roleCommands = {
	/**
	 * Stores a role decision the owner's device signed. The worker does not check it: every
	 * device does on reading (see role-signing.ts), so an unsigned entry changes nothing anywhere.
	 */
	writeRoleEntry: command({
		args: args(
			v.strictObject({
				member: v.pipe(v.string(), v.maxLength(80)),
				role: v.picklist(ROLES),
				at: v.number(),
				sig: v.pipe(v.string(), v.maxLength(200))
			})
		),
		undo: 'none',
		audit: { action: 'roles' },
		run: (ctx: CommandContext, entry: { member: string; role: string; at: number; sig: string }) =>
			ctx.ws.doc.transact(
				() => ctx.ws.doc.getMap<unknown>(ROLES_ROOT).set(newId(), { ...entry }),
				ctx.origin
			)
	})
};
