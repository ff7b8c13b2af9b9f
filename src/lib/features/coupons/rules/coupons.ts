import { isDateKey } from '../../../domain/dates';

/**
 * Coupon campaigns and their codes: pure rules for what a campaign may be, what a code takes
 * off a purchase and why it cannot be used. Amounts are integer cents; days are local calendar
 * days (YYYY-MM-DD), valid from the first day's start to the last day's end.
 */

export type CouponKind = 'amount' | 'percent';
export type CodeMode = 'shared' | 'exclusive';

export interface CampaignFields {
	name: string;
	kind: CouponKind;
	/** For `amount`: what it takes off, in cents. */
	amountCents: number;
	/** For `percent`: the share taken off, 1–100. */
	percent: number;
	/** The least the lines in scope must come to (0 = none). */
	minSpendCents: number;
	/** First and last valid day, YYYY-MM-DD; either may be empty (open-ended). */
	validFrom: string;
	validTo: string;
	/** How many times one customer may use the campaign (0 = no limit). */
	perCustomerLimit: number;
	/** Catalogue products and categories it applies to; both empty = the whole purchase. */
	scopeProducts: string[];
	scopeCategories: string[];
	/** One code for everyone, or a code of its own for each customer it is issued to. */
	codeMode: CodeMode;
	/** The shared code (codeMode `shared`). */
	sharedCode: string;
}

export interface CampaignRow extends CampaignFields {
	id: string;
	createdAt: number;
	updatedAt: number;
}

export const MAX_CAMPAIGN_NAME = 80;
export const CODE_LENGTH = 8;
/** No 0/O, 1/I/L: a code read aloud or copied from paper is typed right. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function emptyCampaign(): CampaignFields {
	return {
		name: '',
		kind: 'amount',
		amountCents: 0,
		percent: 0,
		minSpendCents: 0,
		validFrom: '',
		validTo: '',
		perCustomerLimit: 1,
		scopeProducts: [],
		scopeCategories: [],
		codeMode: 'exclusive',
		sharedCode: ''
	};
}

/** A code as typed or scanned: upper case, no spaces or dashes. */
export function normaliseCode(text: string): string {
	return text.toUpperCase().replace(/[\s-]+/g, '');
}

/** A shared code the shop chooses: 4–20 letters or digits. */
export const isSharedCode = (code: string) => /^[A-Z0-9]{4,20}$/.test(code);

export type CampaignErrors = Partial<Record<keyof CampaignFields, string>>;

export function validateCampaign(fields: CampaignFields): CampaignErrors {
	const errors: CampaignErrors = {};
	const name = fields.name.trim();
	if (!name) errors.name = 'validation.required';
	else if (name.length > MAX_CAMPAIGN_NAME) errors.name = 'validation.tooLong';
	if (fields.kind === 'amount') {
		if (
			!Number.isInteger(fields.amountCents) ||
			fields.amountCents <= 0 ||
			fields.amountCents > 1e11
		)
			errors.amountCents = 'coupons.errors.amount';
	} else if (fields.kind === 'percent') {
		if (!Number.isInteger(fields.percent) || fields.percent < 1 || fields.percent > 100)
			errors.percent = 'coupons.errors.percent';
	} else errors.kind = 'validation.choiceInvalid';
	if (
		!Number.isInteger(fields.minSpendCents) ||
		fields.minSpendCents < 0 ||
		fields.minSpendCents > 1e11
	)
		errors.minSpendCents = 'validation.amountInvalid';
	if (fields.validFrom && !isDateKey(fields.validFrom)) errors.validFrom = 'validation.dateInvalid';
	if (fields.validTo && !isDateKey(fields.validTo)) errors.validTo = 'validation.dateInvalid';
	else if (fields.validFrom && fields.validTo && fields.validTo < fields.validFrom)
		errors.validTo = 'coupons.errors.endsBeforeStart';
	if (
		!Number.isInteger(fields.perCustomerLimit) ||
		fields.perCustomerLimit < 0 ||
		fields.perCustomerLimit > 1000
	)
		errors.perCustomerLimit = 'coupons.errors.limit';
	if (fields.codeMode === 'shared' && !isSharedCode(normaliseCode(fields.sharedCode)))
		errors.sharedCode = 'coupons.errors.sharedCode';
	if (fields.codeMode !== 'shared' && fields.codeMode !== 'exclusive')
		errors.codeMode = 'validation.choiceInvalid';
	return errors;
}

/** A line as a coupon sees it: its catalogue product and category, and its amount. */
export interface CouponLine {
	productId?: string;
	category?: string;
	amountCents: number;
}

export function inScope(
	campaign: Pick<CampaignFields, 'scopeProducts' | 'scopeCategories'>,
	line: CouponLine
): boolean {
	if (campaign.scopeProducts.length === 0 && campaign.scopeCategories.length === 0) return true;
	return (
		(line.productId !== undefined && campaign.scopeProducts.includes(line.productId)) ||
		(line.category !== undefined &&
			line.category !== '' &&
			campaign.scopeCategories.includes(line.category))
	);
}

export type CouponProblem =
	| 'unknown'
	| 'notYetValid'
	| 'expired'
	| 'belowMinimum'
	| 'outOfScope'
	| 'used'
	| 'limitReached'
	| 'otherCustomer';

/** What a code's use is checked against: the campaign, the code's holder and its uses. */
export interface CouponUse {
	campaign: CampaignFields;
	/** For an exclusive code: the customer it was issued to. */
	holder: string | null;
	/** Live purchases that used this code (exclusive) or this campaign by this customer (shared). */
	usesByCustomer: number;
	/** Live purchases that used this very code (exclusive codes are single-use). */
	usesOfCode: number;
}

/** What the code takes off a purchase of `customerId` on local day `day`, or why it cannot. */
export function couponDiscount(
	use: CouponUse,
	customerId: string,
	day: string,
	lines: readonly CouponLine[]
): { ok: true; discountCents: number } | { ok: false; problem: CouponProblem } {
	const { campaign } = use;
	if (campaign.validFrom && day < campaign.validFrom) return { ok: false, problem: 'notYetValid' };
	if (campaign.validTo && day > campaign.validTo) return { ok: false, problem: 'expired' };
	if (campaign.codeMode === 'exclusive') {
		if (use.holder !== customerId) return { ok: false, problem: 'otherCustomer' };
		if (use.usesOfCode > 0) return { ok: false, problem: 'used' };
	}
	if (campaign.perCustomerLimit > 0 && use.usesByCustomer >= campaign.perCustomerLimit)
		return { ok: false, problem: 'limitReached' };
	const scoped = lines.filter((line) => inScope(campaign, line));
	if (scoped.length === 0) return { ok: false, problem: 'outOfScope' };
	const base = scoped.reduce((sum, line) => sum + line.amountCents, 0);
	if (base < campaign.minSpendCents || base <= 0) return { ok: false, problem: 'belowMinimum' };
	const discountCents =
		campaign.kind === 'amount'
			? Math.min(campaign.amountCents, base)
			: Math.round((base * campaign.percent) / 100);
	return { ok: true, discountCents };
}

/** Per campaign: issued, redeemed, the share redeemed, and the revenue of purchases using it. */
export interface CampaignFigures {
	issued: number;
	redeemed: number;
	/** Redeemed ÷ issued, null when nothing was issued (a shared code is not issued). */
	rate: number | null;
	revenueCents: number;
	/** Codes used more often than they may be (offline devices both redeemed). */
	overused: number;
}

export type CouponCheck =
	| {
			ok: true;
			code: string;
			campaignId: string;
			campaignName: string;
			discountCents: number;
	  }
	| { ok: false; problem: CouponProblem };

export interface CodeStatus {
	id: string;
	code: string;
	customerId: string;
	issuedAt: number;
	/** Live purchases that used it: 2 or more is a double redemption to settle. */
	uses: number;
	usedOn: string[];
}

export interface CustomerCoupons {
	held: (CodeStatus & { campaignName: string })[];
	/** Purchase id → the code it used. */
	usedOn: Record<string, string>;
}
