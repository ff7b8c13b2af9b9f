import type { CommandContext } from '../../core/command-context';
import { readValueSettings, type ValueSettings } from './rules/value-settings';

/** The meta map's key for the shop's value settings. */
export const VALUE_SETTINGS_KEY = 'valueSettings';

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
