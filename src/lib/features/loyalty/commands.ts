import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';
import { adjustPoints, setLoyaltySettings } from './loyalty-commands';

/** Membership tiers and points (their earning and redeeming ride on the purchase commands). */
export const loyaltyCommands = {
	setLoyaltySettings: command({ args: args(shape({})), undo: 'step', run: setLoyaltySettings }),
	adjustPoints: command({
		args: args(id, v.number(), text),
		undo: 'step',
		audit: true,
		run: adjustPoints
	})
};
