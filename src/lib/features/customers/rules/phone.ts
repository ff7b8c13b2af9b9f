/**
 * Phone numbers as shops write them: "138 0013 8000", "+86 138-0013-8000", "(021) 6234 5678",
 * "010-6552 9988 ext 12". We keep what the user typed and derive a digits-only national form
 * (without the extension) for search, duplicates and tel: links.
 */

const ALLOWED_PHONE_CHARS = /^\+?[\d\s\-().]+$/;
const CHINA_MOBILE = /^1[3-9]\d{9}$/;
/** An extension after the number: "ext 12", "ext. 12", "x12", "#12", "转12", "分机 12". */
const EXTENSION = /\s*(?:ext\.?|extension|x|#|转|分机)\s*(\d{1,6})\s*$/i;

export type PhoneProblem = 'characters' | 'length' | 'mobile';

/** The number and its extension ('' when there is none), as typed. */
export function splitExtension(raw: string): { number: string; extension: string } {
	const trimmed = raw.trim();
	const match = EXTENSION.exec(trimmed);
	if (!match || match.index === 0) return { number: trimmed, extension: '' };
	return { number: trimmed.slice(0, match.index), extension: match[1]! };
}

/** Digits of a phone number with a Chinese country code (+86, 0086, 86 before a mobile) removed. */
export function phoneDigits(raw: string): string {
	const trimmed = splitExtension(raw).number;
	let digits = trimmed.replace(/\D/g, '');
	if (trimmed.startsWith('+86') || trimmed.startsWith('0086')) {
		digits = digits.slice(trimmed.startsWith('+') ? 2 : 4);
	} else if (
		digits.length === 13 &&
		digits.startsWith('86') &&
		CHINA_MOBILE.test(digits.slice(2))
	) {
		digits = digits.slice(2);
	}
	return digits;
}

/** Why a phone number cannot be right, or null when it can. An empty value is fine (optional). */
export function phoneProblem(raw: string): PhoneProblem | null {
	if (raw.trim() === '') return null;
	const trimmed = splitExtension(raw).number;
	if (!ALLOWED_PHONE_CHARS.test(trimmed)) return 'characters';
	const digits = phoneDigits(trimmed);
	if (digits.length < 5 || digits.length > 15) return 'length';
	const isChinese = trimmed.startsWith('+86') || trimmed.startsWith('0086');
	const international = trimmed.startsWith('+') || trimmed.startsWith('00');
	// Without another country code, an 11-digit number starting with 1 can only be a Chinese
	// mobile; catch typos like 12x. (+1 212 555 0199 is also 11 digits starting with 1.)
	const asMobile = isChinese || (digits.length === 11 && !international);
	if (asMobile && digits.startsWith('1') && !CHINA_MOBILE.test(digits)) {
		return 'mobile';
	}
	return null;
}

/** Groups a Chinese mobile number as 3-4-4 for reading; anything else is shown as typed. */
export function formatPhone(raw: string): string {
	const digits = phoneDigits(raw);
	if (CHINA_MOBILE.test(digits) && !raw.trim().startsWith('+') && !raw.trim().startsWith('00')) {
		return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
	}
	return raw.trim();
}
