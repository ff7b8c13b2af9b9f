import { describe, expect, it } from 'vitest';
import {
	centsToDecimal,
	formatMoney,
	parseMoney,
	shareOutCents,
	sumCents
} from '../../src/lib/domain/money';

describe('money', () => {
	it.each([
		['120.50', 12050],
		['120.5', 12050],
		['80', 8000],
		['¥1,200.05', 120005],
		['￥0.10', 10],
		[' 0.2 ', 20]
	])('parses %s as %i cents', (text, cents) => expect(parseMoney(text)).toBe(cents));

	it.each(['', 'abc', '1.234', '-5', '1,20.00', '12.'])('rejects %s', (text) =>
		expect(parseMoney(text)).toBeNull()
	);

	it('sums exactly where floats would not', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(sumCents([parseMoney('0.1')!, parseMoney('0.2')!])).toBe(30);
		expect(centsToDecimal(sumCents([10, 20]))).toBe('0.30');
		const many = Array.from({ length: 1000 }, () => parseMoney('0.1')!);
		expect(centsToDecimal(sumCents(many))).toBe('100.00');
	});

	it('formats in the shop currency for each language', () => {
		expect(formatMoney(20000, 'en')).toBe('¥200.00');
		expect(formatMoney(12050, 'zh-CN')).toBe('¥120.50');
		expect(centsToDecimal(-250)).toBe('-2.50');
	});

	it('keeps formatting each language and currency in its own way when they alternate', () => {
		expect(formatMoney(123456, 'en', 'USD')).toBe('$1,234.56');
		expect(formatMoney(123456, 'en', 'EUR')).toBe('€1,234.56');
		expect(formatMoney(123456, 'de', 'EUR')).toBe('1.234,56\u00a0€');
		expect(formatMoney(123456, 'en', 'USD')).toBe('$1,234.56');
		expect(formatMoney(123456, 'en')).toBe('¥1,234.56');
	});
});

describe('shareOutCents', () => {
	it('splits in proportion, in whole cents that add up exactly', () => {
		expect(shareOutCents(100, [100, 100, 100])).toEqual([34, 33, 33]);
		expect(shareOutCents(1_000, [12_800, 35_800])).toEqual([263, 737]);
		expect(shareOutCents(7, [1, 0, 1])).toEqual([4, 0, 3]);
	});

	it('keeps the sign of a negative total and gives all to the first part with no weights', () => {
		expect(shareOutCents(-5, [1, 1])).toEqual([-3, -2]);
		expect(shareOutCents(50, [0, 0])).toEqual([50, 0]);
		expect(shareOutCents(50, [])).toEqual([]);
	});
});
