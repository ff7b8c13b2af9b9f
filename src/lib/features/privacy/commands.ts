import * as v from 'valibot';
import { args, command } from '../../core/command';
import type { CommandContext } from '../../core/command-context';
import { readRetentionRules, type RetentionRules } from './rules/retention';
import { RETENTION_RULES_KEY } from './retention-keys';

const retentionRules = v.strictObject({
	leads: v.strictObject({ on: v.boolean(), months: v.number() }),
	inactive: v.strictObject({ on: v.boolean(), years: v.number() })
});

export const privacyCommands = {
	/** The shop's retention rules (Settings → Retention); a rule that cannot be read is off. */
	setRetentionRules: command({
		args: args(retentionRules),
		undo: 'step',
		audit: { action: 'retention' },
		run: (ctx: CommandContext, rules: RetentionRules) => {
			const clean = readRetentionRules(rules);
			ctx.ws.doc.transact(() => ctx.ws.meta.set(RETENTION_RULES_KEY, clean), ctx.origin);
			return clean;
		}
	})
};
