import type { RecordKind } from '../../core/record-kind';
import { readIssuedCode, readRedemption, type IssuedCode, type Redemption } from './coupon-records';

/** Codes issued to customers, kept in the doc only. */
export const issuedCodeKind: RecordKind<IssuedCode> = {
	root: 'couponCodes',
	storage: 'value',
	read: readIssuedCode,
	personal: { about: 'customer', customerOf: (code) => code.customerId }
};

/** Coupons used on purchases, keyed by the purchase, kept in the doc only. */
export const redemptionKind: RecordKind<Redemption> = {
	root: 'couponRedemptions',
	storage: 'value',
	read: readRedemption,
	personal: { about: 'customer', customerOf: (redemption) => redemption.customerId }
};
