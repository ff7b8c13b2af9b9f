import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { phoneDigits, phoneProblem, splitExtension } from './phone';

/*
 * Whether a phone number can exist, by libphonenumber's tables of every country's number
 * lengths and prefixes. Apart from phone.ts because the tables weigh about 40 KB gzip: the
 * list and Today (which need phone.ts) must not load them. The "min" tables check lengths per
 * prefix, not every digit, so a local landline written without its area code still passes:
 * the warning is for numbers no one can dial ("12345", a Shanghai number one digit short).
 */

/** Numbers written without a country code are read as Chinese. */
export const DEFAULT_PHONE_REGION = 'CN';

/**
 * True for a number the form's rules let through (they refuse letters and wrong lengths) but
 * that no phone network can have. Only a warning: the shopkeeper may know better.
 */
export function phoneCannotExist(raw: string): boolean {
	if (raw.trim() === '' || phoneProblem(raw) !== null) return false;
	const number = splitExtension(raw).number;
	if (isChineseMobile(number)) return false;
	const parsed = parsePhoneNumberFromString(number, DEFAULT_PHONE_REGION);
	return !parsed || !parsed.isValid();
}

const CHINA_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A Chinese mobile number, written with +86, 0086 or no country code. Every one is valid in
 * libphonenumber's tables (a unit test checks each prefix), and most numbers a shop keeps are
 * mobiles: they skip the parse, which cost an import of 10,000 rows 50-150 ms.
 */
function isChineseMobile(number: string): boolean {
	const foreign =
		(number.startsWith('+') && !number.startsWith('+86')) ||
		(number.startsWith('00') && !number.startsWith('0086'));
	return !foreign && CHINA_MOBILE.test(phoneDigits(number));
}

/** The first of a customer's numbers (main, then others) that cannot exist, if any. */
export function firstImpossiblePhone(phones: readonly string[]): string | undefined {
	return phones.find(phoneCannotExist)?.trim();
}
