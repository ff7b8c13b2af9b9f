import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPurchase, deletePurchase } from '../../src/lib/features/activity/activity-commands';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import type { PurchaseFields } from '../../src/lib/features/activity/rules/activity';
import {
	campaignCodes,
	campaignFigures,
	createCampaign,
	deleteCampaign,
	issueCoupons
} from '../../src/lib/features/coupons/coupon-commands';
import { checkCoupon } from '../../src/lib/features/coupons/coupon-use';
import {
	CODE_ALPHABET,
	couponDiscount,
	emptyCampaign,
	normaliseCode,
	validateCampaign,
	type CampaignFields
} from '../../src/lib/features/coupons/rules/coupons';
import { issuedCodes } from '../../src/lib/features/coupons/coupon-records';
import type { CommandContext } from '../../src/lib/core/command-context';
import { customer, memberContext } from './helpers';

const campaign = (over: Partial<CampaignFields> = {}): CampaignFields => ({
	...emptyCampaign(),
	name: 'Come back',
	kind: 'amount',
	amountCents: 2_000,
	minSpendCents: 10_000,
	validFrom: '2026-06-01',
	validTo: '2026-06-30',
	...over
});

describe('coupon rules', () => {
	const use = (over: Partial<CampaignFields> = {}) => ({
		campaign: campaign(over),
		holder: 'c1',
		usesByCustomer: 0,
		usesOfCode: 0
	});
	const lines = [
		{ productId: 'tea', category: 'Tea', amountCents: 8_000 },
		{ productId: 'cup', category: 'Ware', amountCents: 4_000 }
	];

	it('takes its amount, or its percent, of the lines in scope', () => {
		expect(couponDiscount(use(), 'c1', '2026-06-10', lines)).toEqual({
			ok: true,
			discountCents: 2_000
		});
		expect(
			couponDiscount(
				use({ kind: 'percent', percent: 15, minSpendCents: 0 }),
				'c1',
				'2026-06-10',
				lines
			)
		).toEqual({ ok: true, discountCents: 1_800 });
		expect(
			couponDiscount(
				use({ kind: 'percent', percent: 10, minSpendCents: 0, scopeCategories: ['Tea'] }),
				'c1',
				'2026-06-10',
				lines
			)
		).toEqual({ ok: true, discountCents: 800 });
	});

	it('checks the dates (local days, both ends included), the minimum, the scope and the holder', () => {
		expect(couponDiscount(use(), 'c1', '2026-06-30', lines).ok).toBe(true);
		expect(couponDiscount(use(), 'c1', '2026-07-01', lines)).toEqual({
			ok: false,
			problem: 'expired'
		});
		expect(couponDiscount(use(), 'c1', '2026-05-31', lines)).toEqual({
			ok: false,
			problem: 'notYetValid'
		});
		expect(couponDiscount(use({ minSpendCents: 20_000 }), 'c1', '2026-06-10', lines)).toEqual({
			ok: false,
			problem: 'belowMinimum'
		});
		expect(couponDiscount(use({ scopeProducts: ['vase'] }), 'c1', '2026-06-10', lines)).toEqual({
			ok: false,
			problem: 'outOfScope'
		});
		expect(couponDiscount(use(), 'c2', '2026-06-10', lines)).toEqual({
			ok: false,
			problem: 'otherCustomer'
		});
		expect(couponDiscount({ ...use(), usesOfCode: 1 }, 'c1', '2026-06-10', lines)).toEqual({
			ok: false,
			problem: 'used'
		});
	});

	it('never takes more than the lines come to', () => {
		expect(
			couponDiscount(use({ amountCents: 50_000, minSpendCents: 0 }), 'c1', '2026-06-10', lines)
		).toEqual({ ok: true, discountCents: 12_000 });
	});

	it('validates a campaign field by field', () => {
		expect(validateCampaign(campaign())).toEqual({});
		expect(
			validateCampaign(
				campaign({
					name: ' ',
					amountCents: 0,
					validTo: '2026-05-01',
					codeMode: 'shared',
					sharedCode: 'a'
				})
			)
		).toEqual({
			name: 'validation.required',
			amountCents: 'coupons.errors.amount',
			validTo: 'coupons.errors.endsBeforeStart',
			sharedCode: 'coupons.errors.sharedCode'
		});
		expect(normaliseCode(' spring-20 ')).toBe('SPRING20');
	});
});

const AT = new Date(2026, 5, 10, 12).getTime();

function shop(doc = new Y.Doc(), member = 'member-a'): CommandContext {
	return { ...memberContext(member, doc), now: () => AT };
}

const sale = (customerId: string, over: Partial<PurchaseFields> = {}): PurchaseFields => ({
	customerId,
	at: AT,
	lines: [{ product: 'Oolong', quantity: 1, unitPriceCents: 15_000 }],
	discountCents: 0,
	payment: 'cash',
	channel: 'in_store',
	note: '',
	...over
});

function setup(ctx = shop()) {
	const made = createCustomer(ctx, customer({ name: '张三' }));
	const other = createCustomer(ctx, customer({ name: '李四' }));
	if (!made.ok || !other.ok) throw new Error('no customer');
	const created = createCampaign(ctx, campaign());
	if (!created.ok) throw new Error(JSON.stringify(created));
	return { ctx, customerId: made.value, otherId: other.value, campaignId: created.value };
}

describe('coupon campaigns and codes', () => {
	it('issues one code per customer, 8 characters without look-alikes', () => {
		const { ctx, customerId, otherId, campaignId } = setup();
		// A customer named twice gets one code.
		expect(issueCoupons(ctx, campaignId, [customerId, otherId, customerId])).toEqual({
			ok: true,
			value: { issued: 2, skipped: 0 }
		});
		expect(issueCoupons(ctx, campaignId, [customerId])).toEqual({
			ok: true,
			value: { issued: 0, skipped: 1 }
		});
		const codes = [...issuedCodes(ctx.ws)];
		expect(codes).toHaveLength(2);
		for (const { code } of codes) {
			expect(code).toHaveLength(8);
			expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
		}
		expect(codes[0]!.code).not.toBe(codes[1]!.code);
	});

	it('redeems a code once in a purchase, and counts it in the campaign’s figures', () => {
		const { ctx, customerId, otherId, campaignId } = setup();
		issueCoupons(ctx, campaignId, [customerId]);
		const code = [...issuedCodes(ctx.ws)][0]!.code;
		const lines = sale(customerId).lines;
		expect(checkCoupon(ctx.ws, code.toLowerCase(), otherId, lines, AT)).toEqual({
			ok: false,
			problem: 'otherCustomer'
		});
		const check = checkCoupon(ctx.ws, code, customerId, lines, AT);
		expect(check).toMatchObject({ ok: true, discountCents: 2_000 });
		const used = addPurchase(
			ctx,
			sale(customerId, { discountCents: 2_000, couponCode: code, couponDiscountCents: 2_000 })
		);
		expect(used.ok).toBe(true);
		expect(checkCoupon(ctx.ws, code, customerId, lines, AT)).toEqual({
			ok: false,
			problem: 'used'
		});
		const again = addPurchase(
			ctx,
			sale(customerId, { discountCents: 2_000, couponCode: code, couponDiscountCents: 2_000 })
		);
		expect(again).toMatchObject({ ok: false, errors: { couponCode: 'coupons.problem.used' } });
		expect(campaignFigures(ctx.ws)[campaignId]).toEqual({
			issued: 1,
			redeemed: 1,
			rate: 1,
			revenueCents: 13_000,
			overused: 0
		});
		// A deleted purchase's coupon no longer counts, and the campaign cannot be deleted.
		if (used.ok) deletePurchase(ctx, used.value);
		expect(campaignFigures(ctx.ws)[campaignId]!.redeemed).toBe(0);
		expect(deleteCampaign(ctx, campaignId)).toEqual({ ok: false, reason: 'inUse' });
	});

	it('refuses a purchase whose discount does not include what the coupon takes off', () => {
		const { ctx, customerId, campaignId } = setup();
		issueCoupons(ctx, campaignId, [customerId]);
		const code = [...issuedCodes(ctx.ws)][0]!.code;
		const result = addPurchase(
			ctx,
			sale(customerId, { discountCents: 0, couponCode: code, couponDiscountCents: 2_000 })
		);
		expect(result).toMatchObject({ errors: { couponCode: 'coupons.problem.discountMismatch' } });
	});

	it('a shared code is one for everyone, limited per customer', () => {
		const ctx = shop();
		const made = createCustomer(ctx, customer({ name: '王五' }));
		if (!made.ok) throw new Error();
		const shared = createCampaign(
			ctx,
			campaign({
				codeMode: 'shared',
				sharedCode: 'summer20',
				minSpendCents: 0,
				perCustomerLimit: 1
			})
		);
		expect(shared.ok).toBe(true);
		const clash = createCampaign(ctx, campaign({ codeMode: 'shared', sharedCode: 'SUMMER20' }));
		expect(clash).toMatchObject({ errors: { sharedCode: 'coupons.errors.codeTaken' } });
		const fields = sale(made.value, {
			discountCents: 2_000,
			couponCode: 'Summer20',
			couponDiscountCents: 2_000
		});
		expect(addPurchase(ctx, fields).ok).toBe(true);
		expect(addPurchase(ctx, fields)).toMatchObject({
			errors: { couponCode: 'coupons.problem.limitReached' }
		});
	});

	it('a single-use code redeemed on two offline devices keeps both uses and is flagged on both', () => {
		const a = shop(new Y.Doc(), 'member-a');
		const { customerId, campaignId } = setup(a);
		issueCoupons(a, campaignId, [customerId]);
		const b = shop(new Y.Doc(), 'member-b');
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		const code = [...issuedCodes(a.ws)][0]!.code;
		const use = sale(customerId, {
			discountCents: 2_000,
			couponCode: code,
			couponDiscountCents: 2_000
		});
		expect(addPurchase(a, use).ok).toBe(true);
		expect(addPurchase(b, use).ok).toBe(true);
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		for (const device of [a, b]) {
			expect(campaignCodes(device.ws, campaignId)[0]).toMatchObject({ code, uses: 2 });
			expect(campaignFigures(device.ws)[campaignId]).toMatchObject({ redeemed: 2, overused: 1 });
		}
	});
});
