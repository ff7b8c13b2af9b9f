import type { CommandContext } from '../../core/command-context';
import { entityOf, eventOwner, str, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { localDateKey } from '../../domain/dates';
import type { PurchaseFields, PurchaseLine } from '../activity/rules/activity';
import { encodeCouponValue, findCode, liveRedemptions } from './coupon-records';
import {
	couponDiscount,
	normaliseCode,
	type CouponCheck,
	type CouponLine,
	type CouponProblem
} from './rules/coupons';

/**
 * Using a coupon on a purchase: what the purchase commands check and write in their own
 * transaction, and the check the purchase form asks for. Campaigns and issuing load apart.
 */

/** The purchase's lines as coupons see them: catalogue product, category and amount. */
export function couponLines(ws: WorkspaceDoc, lines: readonly PurchaseLine[]): CouponLine[] {
	return lines.map((line) => {
		const product = line.productId ? entityOf(ws.products, line.productId) : undefined;
		return {
			...(line.productId ? { productId: line.productId } : {}),
			...(product ? { category: str(product, 'category') } : {}),
			amountCents: line.quantity * line.unitPriceCents
		};
	});
}

/** What `typed` takes off a purchase of these lines by this customer at `at`, or why not. */
export function checkCoupon(
	ws: WorkspaceDoc,
	typed: string,
	customerId: string,
	lines: readonly PurchaseLine[],
	at: number
): CouponCheck {
	const found = findCode(ws, typed);
	if (!found) return { ok: false, problem: 'unknown' };
	const owner = eventOwner(ws, customerId);
	const code = found.issued?.code ?? normaliseCode(found.campaign.sharedCode);
	let usesByCustomer = 0;
	let usesOfCode = 0;
	for (const used of liveRedemptions(ws)) {
		if (used.code === code) usesOfCode++;
		if (used.campaignId === found.campaign.id && used.customerId === owner) usesByCustomer++;
	}
	const result = couponDiscount(
		{
			campaign: found.campaign,
			holder: found.issued ? eventOwner(ws, found.issued.customerId) : null,
			usesByCustomer,
			usesOfCode
		},
		owner,
		localDateKey(at),
		couponLines(ws, lines)
	);
	if (!result.ok) return result;
	return {
		ok: true,
		code,
		campaignId: found.campaign.id,
		campaignName: found.campaign.name,
		discountCents: result.discountCents
	};
}

/**
 * Checks a new purchase's coupon: it must apply, and its discount must be what the purchase's
 * discount includes for it (the form showed the same check).
 */
export function couponRefusal(
	ws: WorkspaceDoc,
	fields: PurchaseFields
):
	| { ok: true; value: { couponCode?: string; couponDiscountCents?: number; campaignId?: string } }
	| { ok: false; problem: CouponProblem | 'discountMismatch' } {
	if (!fields.couponCode) return { ok: true, value: {} };
	const check = checkCoupon(ws, fields.couponCode, fields.customerId, fields.lines, fields.at);
	if (!check.ok) return check;
	if (
		check.discountCents !== fields.couponDiscountCents ||
		check.discountCents > fields.discountCents
	) {
		return { ok: false, problem: 'discountMismatch' };
	}
	return {
		ok: true,
		value: {
			couponCode: check.code,
			couponDiscountCents: check.discountCents,
			campaignId: check.campaignId
		}
	};
}

/** Records, in the purchase's transaction, that its coupon was used. */
export function writeRedemption(
	ctx: CommandContext,
	purchaseId: string,
	fields: PurchaseFields & { campaignId?: string }
): void {
	if (!fields.couponCode || !fields.campaignId) return;
	ctx.ws.couponRedemptions.set(
		purchaseId,
		encodeCouponValue({
			code: fields.couponCode,
			campaignId: fields.campaignId,
			customerId: eventOwner(ctx.ws, fields.customerId),
			at: fields.at,
			discountCents: fields.couponDiscountCents ?? 0
		})
	);
}
