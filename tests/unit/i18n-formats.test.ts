import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, locale } from '../../src/lib/i18n/i18n.svelte';

// 2026-03-05 14:30 local time.
const moment = new Date(2026, 2, 5, 14, 30).getTime();

describe('date formats', () => {
	afterEach(() => {
		locale.current = 'en';
	});

	it('follow the current language each time it changes', () => {
		locale.current = 'en';
		expect(formatDate(moment)).toBe('Mar 5, 2026');
		locale.current = 'zh-CN';
		expect(formatDate(moment)).toBe('2026年3月5日');
		expect(formatDate(moment, 'long')).toBe('2026年3月5日');
		locale.current = 'en';
		expect(formatDate(moment)).toBe('Mar 5, 2026');
		expect(formatDate(moment, 'long')).toBe('March 5, 2026');
	});

	it('keep the date-and-time style apart from the date-only one', () => {
		locale.current = 'en';
		expect(formatDate(moment)).toBe('Mar 5, 2026');
		expect(formatDateTime(moment)).toMatch(/^Mar 5, 2026, 2:30\sPM$/);
		expect(formatDate(moment)).toBe('Mar 5, 2026');
	});
});

describe('formatBytes', () => {
	it('keeps the number and its unit together on one line', () => {
		locale.current = 'en';
		expect(formatBytes(10 * 1024 ** 3)).toBe('10\u00a0GB');
		expect(formatBytes(1536)).toBe('1.5\u00a0KB');
		expect(formatBytes(12)).toBe('12\u00a0B');
	});
});
