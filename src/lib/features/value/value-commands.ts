import type { CommandContext } from '../../core/command-context';
import { readValueSettings, type ValueSettings } from './rules/value-settings';

import { VALUE_SETTINGS_KEY } from './value-keys';

/**
 * Sets how every colleague's device scores customers' value. What is stored is what
 * `readValueSettings` makes of the input: a part it cannot read is stored as its default.
 */
export function setValueSettings(ctx: CommandContext, settings: ValueSettings): void {
	const clean = readValueSettings(settings);
	ctx.ws.doc.transact(
		() =>
			ctx.ws.meta.set(VALUE_SETTINGS_KEY, {
				...clean,
				cuts: {
					recencyDays: [...clean.cuts.recencyDays],
					frequency: [...clean.cuts.frequency],
					monetaryCents: [...clean.cuts.monetaryCents]
				},
				abc: [...clean.abc]
			}),
		ctx.origin
	);
}
