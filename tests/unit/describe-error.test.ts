import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/lib/domain/describe-error';

describe('describeError', () => {
	it('names the kind of error only when the kind says something', () => {
		expect(describeError(new Error('disk on fire'))).toBe('disk on fire');
		expect(describeError(new TypeError('x is undefined'))).toBe('x is undefined');
		expect(describeError(new DOMException('quota reached', 'QuotaExceededError'))).toBe(
			'QuotaExceededError: quota reached'
		);
		expect(describeError('plain text')).toBe('plain text');
		// Chromium's refusal from IndexedDB on a full disk carries no message.
		expect(describeError(new DOMException('', 'QuotaExceededError'))).toBe('QuotaExceededError');
	});
});
