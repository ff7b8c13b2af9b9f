import { describe, expect, it } from 'vitest';
import { dialNumber, mailAddress } from '../../src/lib/features/customers/rules/contact-links';

describe('what goes into links to the phone and mail apps', () => {
	it('a plain address, and nothing that would add recipients or headers', () => {
		expect(mailAddress(' li.na@example.cn ')).toBe('li.na@example.cn');
		expect(mailAddress('li@example.cn?bcc=spy@evil.cn')).toBeNull();
		expect(mailAddress('li@example.cn,spy@evil.cn')).toBeNull();
		expect(mailAddress('li@example.cn&body=hi')).toBeNull();
		expect(mailAddress('li@example.cn#x')).toBeNull();
		expect(mailAddress('javascript:alert(1)//@x.cn')).toBeNull();
		expect(mailAddress('not an email')).toBeNull();
		expect(mailAddress('li@localhost')).toBeNull();
	});

	it('digits only for the dialler, and nothing when there are none', () => {
		expect(dialNumber('+86 138-0013-8000 ext 12')).toBe('13800138000');
		expect(dialNumber('0571 8888 6666')).toBe('057188886666');
		expect(dialNumber('javascript:alert(1)')).toBeNull();
		expect(dialNumber('')).toBeNull();
	});
});
