import { phoneDigits } from './phone';

/**
 * What goes into links to the shopkeeper's phone and mail apps (`tel:`, `sms:`, `mailto:`),
 * taken only from values that are what they claim: a stored email or phone may come from an
 * import, a sync file or a stranger on the relay, and a raw `mailto:a@b.cn?bcc=…` would add
 * recipients of its own. Null means: show the value, link nothing. Message text is added by
 * the caller with encodeURIComponent.
 */

/** An address with one @, a dotted domain and none of the characters a URL gives meaning to. */
const PLAIN_EMAIL =
	/^[^\s@?&#,;:<>()[\]\\"%/]+@[^\s@?&#,;:<>()[\]\\"%/]+\.[^\s@?&#,;:<>()[\]\\"%/.]+$/;

export function mailAddress(email: string): string | null {
	const address = email.trim();
	return PLAIN_EMAIL.test(address) ? address : null;
}

/** The number as the dialler takes it (the digits search uses too); null when there are none. */
export function dialNumber(phone: string): string | null {
	const digits = phoneDigits(phone);
	return /^\d{3,20}$/.test(digits) ? digits : null;
}
