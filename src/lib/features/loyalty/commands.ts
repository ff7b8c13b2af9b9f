import * as v from 'valibot';
import { args, command, jobCommand } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';
import {
	adjustPoints,
	creditPastPurchase,
	setLoyaltySettings,
	uncreditedPurchases
} from './loyalty-commands';

/** Membership tiers and points (their earning and redeeming ride on the purchase commands). */
export const loyaltyCommands = {
	setLoyaltySettings: command({ args: args(shape({})), undo: 'step', run: setLoyaltySettings }),
	adjustPoints: command({
		args: args(id, v.number(), text),
		undo: 'step',
		audit: true,
		run: adjustPoints
	}),
	/**
	 * Points for the purchases recorded before loyalty was on (or while it was off), each by
	 * the rule now and the tier the customer had then: a long write, one undo step.
	 */
	creditPastPurchases: jobCommand({
		args: args(),
		audit: true,
		run: async (ctx, { writeInSteps }) => {
			const purchases = uncreditedPurchases(ctx.ws);
			let credited = 0;
			const { cancelled } = await writeInSteps(purchases, (chunkCtx, chunk) => {
				for (const purchase of chunk) if (creditPastPurchase(chunkCtx, purchase.id)) credited++;
			});
			return { cancelled, value: { credited } };
		}
	})
};
