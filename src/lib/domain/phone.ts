/**
 * Phone numbers as shops write them: "138 0013 8000", "+86 138-0013-8000", "(021) 6234 5678".
 * We keep what the user typed and derive a digits-only national form for search and duplicates.
 */

const ALLOWED_PHONE_CHARS = /^\+?[\d\s\-().]+$/;
const CHINA_MOBILE = /^1[3-9]\d{9}$/;

export type PhoneProblem = 'characters' | 'length' | 'mobile';

/** Digits of a phone number with a Chinese country code (+86, 0086, 86 before a mobile) removed. */
export function phoneDigits(raw: string): string {
	const trimmed = raw.trim();
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
	const trimmed = raw.trim();
	if (trimmed === '') return null;
	if (!ALLOWED_PHONE_CHARS.test(trimmed)) return 'characters';
	const digits = phoneDigits(trimmed);
	if (digits.length < 5 || digits.length > 15) return 'length';
	const isChinese = trimmed.startsWith('+86') || trimmed.startsWith('0086');
	// An 11-digit number starting with 1 can only be a Chinese mobile; catch typos like 12x.
	if ((isChinese || digits.length === 11) && digits.startsWith('1') && !CHINA_MOBILE.test(digits)) {
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
