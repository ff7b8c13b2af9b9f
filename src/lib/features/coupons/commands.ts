import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, idList, shape, text } from '../../core/arg-shapes';
import { createCampaign, deleteCampaign, issueCoupons, updateCampaign } from './coupon-commands';

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

/** Coupon campaigns and the codes issued to customers (using one rides on the purchase). */
export const couponCommands = {
	createCampaign: command({
		args: args(campaignFields),
		undo: 'step',
		run: createCampaign
	}),
	updateCampaign: command({
		args: args(id, campaignFields),
		undo: 'step',
		run: updateCampaign
	}),
	deleteCampaign: command({
		args: args(id),
		undo: 'step',
		run: deleteCampaign
	}),
	issueCoupons: command({
		args: args(id, idList),
		undo: 'step',
		audit: true,
		run: issueCoupons
	})
};
