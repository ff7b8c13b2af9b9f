import { describe, expect, it } from 'vitest';
import { formatPhone, phoneDigits, phoneProblem } from '../../src/lib/domain/phone';

describe('phoneDigits', () => {
	it.each([
		['138 0013 8000', '13800138000'],
		['138-0013-8000', '13800138000'],
		['+86 138 0013 8000', '13800138000'],
		['0086 13800138000', '13800138000'],
		['8613800138000', '13800138000'],
		['(021) 6234-5678', '02162345678'],
		['+44 20 7946 0958', '442079460958']
	])('%s → %s', (raw, digits) => expect(phoneDigits(raw)).toBe(digits));
});

describe('phoneProblem', () => {
	it('accepts common forms and an empty value', () => {
		for (const ok of [
			'',
			'138 0013 8000',
			'+86 138-0013-8000',
			'(021) 6234 5678',
			'+44 20 7946 0958'
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
