import * as v from 'valibot';
import { args, command } from '../../core/command';
import { AUDIT_ACTIONS, AUDIT_ORIGIN, type AuditFacts } from '../../core/audit-action';
import type { CommandContext } from '../../core/command-context';

export const auditCommands = {
	/**
	 * Logs an action the page does on its own (an export, joining a team, leaving the kiosk):
	 * the worker adds who, when and which device.
	 */
	recordAudit: command({
		args: args(
			v.strictObject({
				action: v.picklist(AUDIT_ACTIONS),
				what: v.pipe(v.string(), v.maxLength(60)),
				rows: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0)))
			})
		),
		undo: 'none',
		origin: AUDIT_ORIGIN,
		load: async () => {
			const { appendAuditEntry, thisDevice } = await import('./audit-writes');
			return (ctx: CommandContext, facts: AuditFacts) =>
				appendAuditEntry(
					ctx.ws.doc,
					facts,
					{ at: ctx.now?.() ?? Date.now(), by: ctx.memberId, device: thisDevice() },
					ctx.origin
				);
		}
	})
};
