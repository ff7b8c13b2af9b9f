import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, idList, shape, text } from '../../core/arg-shapes';

const campaignFields = shape({
	name: text,
	kind: text,
	amountCents: v.number(),
	percent: v.number(),
	minSpendCents: v.number(),
	validFrom: text,
	validTo: text,
	perCustomerLimit: v.number(),
	scopeProducts: v.array(text),
	scopeCategories: v.array(text),
	codeMode: text,
	sharedCode: text
});

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry them.
const load = () => import('./coupon-commands');

/** Coupon campaigns and the codes issued to customers (using one rides on the purchase). */
export const couponCommands = {
	createCampaign: command({
		args: args(campaignFields),
		undo: 'step',
		load: async () => (await load()).createCampaign
	}),
	updateCampaign: command({
		args: args(id, campaignFields),
		undo: 'step',
		load: async () => (await load()).updateCampaign
	}),
	deleteCampaign: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).deleteCampaign
	}),
	issueCoupons: command({
		args: args(id, idList),
		undo: 'step',
		audit: { action: 'coupons', rows: (_result, [, customerIds]) => customerIds.length },
		load: async () => (await load()).issueCoupons
	})
};
