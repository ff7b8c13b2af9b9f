import { digest } from 'lib0/hash/sha256';
import { CODE_ALPHABET, CODE_LENGTH } from './coupons';

const encoder = new TextEncoder();
// The largest multiple of the alphabet's size a byte can take: bytes above it would favour
// the first letters, so they are skipped.
const FAIR_BELOW = 256 - (256 % CODE_ALPHABET.length);

/**
 * A coupon code worked out from what it is for (`key`: the campaign and an automation result,
 * which names the rule, the customer and the occasion, by their random ids): two devices that
 * issue the same result offline write the same code, so neither copy stops working once they
 * sync. The ids are 96 random bits each and never leave the shop's devices and backups, so the
 * code is no easier to guess than a drawn one for anyone outside it. `attempt` gives another
 * code when this one is taken.
 */
export function derivedCouponCode(key: string, attempt = 0): string {
	let code = '';
	for (let round = 0; code.length < CODE_LENGTH; round++) {
		const bytes = digest(encoder.encode(`clientbook-coupon:${attempt}:${round}:${key}`));
		for (const byte of bytes) {
			if (byte >= FAIR_BELOW) continue;
			code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
			if (code.length === CODE_LENGTH) break;
		}
	}
	return code;
}
