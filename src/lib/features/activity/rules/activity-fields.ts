/**
 * What purchases, interactions and tasks are made of: their fields and the values those take.
 * Apart from activity.ts (their validation) so reading a stored record does not load it.
 */

export const PAYMENT_METHODS = [
	'cash',
	'card',
	'wechat_pay',
	'alipay',
	'bank_transfer',
	'other'
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PURCHASE_CHANNELS = ['in_store', 'online', 'phone', 'other'] as const;
export type PurchaseChannel = (typeof PURCHASE_CHANNELS)[number];

export const INTERACTION_KINDS = [
	'call',
	'sms',
	'wechat',
	'email',
	'visit',
	'meeting',
	'note',
	'enquiry'
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface PurchaseLine {
	product: string;
	/** The catalogue product sold, if it came from the catalogue. */
	productId?: string;
	/** Whole units. */
	quantity: number;
	unitPriceCents: number;
}

export interface PurchaseFields {
	customerId: string;
	/** When it was bought, ms since epoch. */
	at: number;
	lines: PurchaseLine[];
	discountCents: number;
	payment: PaymentMethod;
	channel: PurchaseChannel;
	note: string;
	/**
	 * Loyalty points redeemed on this purchase; their value is part of `discountCents` (see
	 * features/loyalty). Absent or 0 when none were.
	 */
	pointsRedeemed?: number;
	/** What those points took off, in cents, at the shop's rate then (set by the command). */
	pointsValueCents?: number;
	/** A coupon used on this purchase and what it took off (part of `discountCents`). */
	couponCode?: string;
	couponDiscountCents?: number;
}

export interface InteractionFields {
	customerId: string;
	at: number;
	kind: InteractionKind;
	direction: Direction;
	summary: string;
	outcome: string;
	nextStep: string;
	/** YYYY-MM-DD; when set, logging the interaction also creates a follow-up task. */
	followUpDate: string;
	/** Products asked about (for enquiries). */
	products: string[];
}

export interface TaskFields {
	customerId: string;
	title: string;
	/** YYYY-MM-DD */
	due: string;
	/** HH:MM, optional */
	dueTime: string;
	/** Repeats N days after each purchase of the customer (回访); 0 = no repeat. */
	repeatAfterPurchaseDays: number;
}
