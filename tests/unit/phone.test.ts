import { describe, expect, it } from 'vitest';
import {
	formatPhone,
	phoneDigits,
	phoneProblem,
	splitExtension
} from '../../src/lib/features/customers/rules/phone';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import {
	firstImpossiblePhone,
	phoneCannotExist
} from '../../src/lib/features/customers/rules/phone-check';

describe('phoneDigits', () => {
	it.each([
		['138 0013 8000', '13800138000'],
		['138-0013-8000', '13800138000'],
		['+86 138 0013 8000', '13800138000'],
		['0086 13800138000', '13800138000'],
		['8613800138000', '13800138000'],
		['(021) 6234-5678', '02162345678'],
		['+44 20 7946 0958', '442079460958'],
		['010-6552 9988 ext 12', '01065529988'],
		['010 6552 9988 转 12', '01065529988']
	])('%s → %s', (raw, digits) => expect(phoneDigits(raw)).toBe(digits));
});

describe('phoneProblem', () => {
	it('accepts common forms and an empty value', () => {
		for (const ok of [
			'',
			'138 0013 8000',
			'+86 138-0013-8000',
			'(021) 6234 5678',
			'+44 20 7946 0958',
			'010-6552 9988 ext 12',
			'010-6552 9988 ext. 12',
			'+1 212 555 0199 x12',
			'010 6552 9988 转 12',
			'010-65529988 分机 3'
		]) {
			expect(phoneProblem(ok), ok).toBeNull();
		}
	});
	it('rejects letters, too few or too many digits, and impossible mobiles', () => {
		expect(phoneProblem('call me')).toBe('characters');
		expect(phoneProblem('138abc')).toBe('characters');
		expect(phoneProblem('1234')).toBe('length');
		expect(phoneProblem('1234567890123456')).toBe('length');
		expect(phoneProblem('128 0013 8000')).toBe('mobile');
	});
});

describe('formatPhone', () => {
	it('groups Chinese mobiles 3-4-4 and leaves others as typed', () => {
		expect(formatPhone('13800138000')).toBe('138 0013 8000');
		expect(formatPhone(' 021-62345678 ')).toBe('021-62345678');
	});
});

describe('splitExtension', () => {
	it('finds an extension after the number, and only there', () => {
		expect(splitExtension('010-6552 9988 ext 12')).toEqual({
			number: '010-6552 9988',
			extension: '12'
		});
		expect(splitExtension(' 138 0013 8000 ')).toEqual({ number: '138 0013 8000', extension: '' });
		expect(splitExtension('ext 12')).toEqual({ number: 'ext 12', extension: '' });
	});
});

describe('phoneCannotExist', () => {
	it('accepts mobiles, landlines with extensions and foreign numbers', () => {
		for (const ok of [
			'',
			'138 0013 8000',
			'+86 138 0013 8000',
			'0086 138 0013 8000',
			'8613800138000',
			'(021) 6234 5678',
			'010-6552 9988 ext 12',
			'010 6552 9988 转 12',
			'+86 10 6552 9988',
			'400-820-8820',
			'+44 20 7946 0958',
			'+1 212 555 0199',
			// A local landline written without its area code: dialled like this every day.
			'6234 5678'
		]) {
			expect(phoneCannotExist(ok), ok).toBe(false);
		}
	});

	it('warns about numbers no network can have', () => {
		expect(phoneCannotExist('12345')).toBe(true);
		// Shanghai numbers have eight digits after 021.
		expect(phoneCannotExist('021-6234567')).toBe(true);
		expect(phoneCannotExist('+44 1234')).toBe(true);
	});

	it('leaves what the form already refuses to the form', () => {
		expect(phoneCannotExist('call me')).toBe(false);
		expect(phoneCannotExist('1234')).toBe(false);
	});
});

describe('firstImpossiblePhone', () => {
	it('names the first number of a customer that cannot exist, main number first', () => {
		expect(firstImpossiblePhone(['138 0013 8000', '12345 '])).toBe('12345');
		expect(firstImpossiblePhone(['021-6234567', '12345'])).toBe('021-6234567');
		expect(firstImpossiblePhone(['', '+44 20 7946 0958'])).toBeUndefined();
	});
});

describe('the Chinese mobile shortcut', () => {
	it('agrees with libphonenumber for every 1[3-9] prefix', () => {
		// phoneCannotExist skips the parse for Chinese mobiles: only right while the tables hold
		// every one valid. If a libphonenumber update changes that, this fails.
		for (let prefix = 1300; prefix <= 1999; prefix++) {
			for (const tail of ['0000000', '4567890', '9999999']) {
				const number = `${prefix}${tail}`;
				expect(parsePhoneNumberFromString(number, 'CN')?.isValid(), number).toBe(true);
				expect(phoneCannotExist(number), number).toBe(false);
				expect(phoneCannotExist(`+86 ${number}`), number).toBe(false);
			}
		}
	});

	it('is not taken for a number with another country code', () => {
		// 11 digits starting with 13 after +1: not a Chinese mobile, so libphonenumber decides.
		expect(phoneCannotExist('+1 399 555 0199')).toBe(
			!parsePhoneNumberFromString('+1 399 555 0199')?.isValid()
		);
		expect(phoneCannotExist('+1 399 555 0199')).toBe(true);
	});
});
