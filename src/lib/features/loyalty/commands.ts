import * as v from 'valibot';
import { args, command, jobCommand } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry them. Points on purchases (purchase-points.ts) load with the purchase commands.
const load = () => import('./loyalty-commands');

/** Membership tiers and points (their earning and redeeming ride on the purchase commands). */
export const loyaltyCommands = {
	setLoyaltySettings: command({
		args: args(shape({})),
		undo: 'step',
		load: async () => (await load()).setLoyaltySettings
	}),
	adjustPoints: command({
		args: args(id, v.number(), text),
		undo: 'step',
		audit: { action: 'points' },
		load: async () => (await load()).adjustPoints
	}),
	/**
	 * Points for the purchases recorded before loyalty was on (or while it was off), each by
	 * the rule now and the tier the customer had then: a long write, one undo step.
	 */
	creditPastPurchases: jobCommand({
		args: args(),
		run: async (ctx, { writeInSteps }) => {
			const { creditPastPurchase, uncreditedPurchases } = await load();
			const purchases = uncreditedPurchases(ctx.ws);
			let credited = 0;
			const { cancelled } = await writeInSteps(purchases, (chunkCtx, chunk) => {
				for (const purchase of chunk) if (creditPastPurchase(chunkCtx, purchase.id)) credited++;
			});
			return { cancelled, value: { credited } };
		},
		// After `run`, so its result type is known when `rows` is read.
		audit: { action: 'points', rows: (result) => result.credited }
	})
};
