import { describe, expect, it } from 'vitest';
import {
	bucketFor,
	bucketStarts,
	customPeriod,
	periodDays,
	presetPeriod,
	previousPeriod,
	type Period
} from '../../src/lib/features/insights/rules/periods';
import { inZone } from './helpers';

const at = (y: number, m: number, d: number, h = 0, min = 0) =>
	new Date(y, m - 1, d, h, min).getTime();
const days = (period: Period) => [new Date(period.start), new Date(period.end)].map(key);
const key = (date: Date) =>
	`${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')} ${date.getHours()}:${String(date.getMinutes()).padStart(2, '0')}`;

describe('insight periods', () => {
	inZone('Asia/Shanghai', () => {
		const now = at(2026, 12, 6, 15, 30);

		it('presets run to the end of today, from local midnight', () => {
			expect(days(presetPeriod('thisMonth', now))).toEqual(['2026-12-01 0:00', '2026-12-07 0:00']);
			expect(days(presetPeriod('last30', now))).toEqual(['2026-11-07 0:00', '2026-12-07 0:00']);
			expect(periodDays(presetPeriod('last30', now))).toBe(30);
			expect(periodDays(presetPeriod('last90', now))).toBe(90);
			expect(days(presetPeriod('thisYear', now))).toEqual(['2026-01-01 0:00', '2026-12-07 0:00']);
			expect(days(presetPeriod('lastYear', now))).toEqual(['2025-01-01 0:00', '2026-01-01 0:00']);
		});

		it('a purchase at 23:30 on the last day of a month is in that month', () => {
			const november = customPeriod('2026-11-01', '2026-11-30')!;
			expect(at(2026, 11, 30, 23, 30)).toBeLessThan(november.end);
			expect(at(2026, 12, 1, 0, 0)).toBe(november.end);
		});

		it('the previous period has as many calendar days, just before', () => {
			const thisMonth = presetPeriod('thisMonth', now); // Dec 1–6
			expect(days(previousPeriod(thisMonth))).toEqual(['2026-11-25 0:00', '2026-12-01 0:00']);
			const last30 = presetPeriod('last30', now);
			expect(days(previousPeriod(last30))).toEqual(['2026-10-08 0:00', '2026-11-07 0:00']);
		});

		it('whole calendar months compare with as many whole months: 2025 with all of 2024', () => {
			// 2024 had 366 days: the 365 before 2025 would have started on Jan 2.
			const lastYear = presetPeriod('lastYear', now);
			expect(days(previousPeriod(lastYear))).toEqual(['2024-01-01 0:00', '2025-01-01 0:00']);
			const november = customPeriod('2026-11-01', '2026-11-30')!;
			expect(days(previousPeriod(november))).toEqual(['2026-10-01 0:00', '2026-11-01 0:00']);
			const winter = customPeriod('2026-01-01', '2026-02-28')!;
			expect(days(previousPeriod(winter))).toEqual(['2025-11-01 0:00', '2026-01-01 0:00']);
		});

		it('a custom range holds both days; a reversed one is refused', () => {
			expect(periodDays(customPeriod('2026-02-27', '2026-03-02')!)).toBe(4);
			expect(customPeriod('2026-03-02', '2026-02-27')).toBeNull();
		});

		it('charts a point per day up to a month, per week to half a year, else per month', () => {
			expect(bucketFor(customPeriod('2026-01-01', '2026-01-31')!)).toBe('day');
			expect(bucketFor(customPeriod('2026-01-01', '2026-02-01')!)).toBe('week');
			expect(bucketFor(customPeriod('2026-01-01', '2026-07-02')!)).toBe('week');
			expect(bucketFor(customPeriod('2026-01-01', '2026-07-03')!)).toBe('month');
		});

		it('weeks start on Monday and months on the 1st, even before the period', () => {
			// Thursday Jan 1 2026: its week started on Monday Dec 29 2025.
			const weeks = bucketStarts(customPeriod('2026-01-01', '2026-01-20')!, 'week');
			expect(weeks.map((start) => key(new Date(start)))).toEqual([
				'2025-12-29 0:00',
				'2026-01-05 0:00',
				'2026-01-12 0:00',
				'2026-01-19 0:00'
			]);
			const months = bucketStarts(customPeriod('2025-11-15', '2026-02-01')!, 'month');
			expect(months.map((start) => key(new Date(start)).slice(0, 10))).toEqual([
				'2025-11-01',
				'2025-12-01',
				'2026-01-01',
				'2026-02-01'
			]);
		});
	});

	inZone('Europe/Berlin', () => {
		it('a day of 23 hours (clocks forward) is still one day, and starts at midnight', () => {
			// 29 March 2026: 02:00 → 03:00.
			const march = customPeriod('2026-03-28', '2026-03-30')!;
			expect(periodDays(march)).toBe(3);
			expect(march.end - march.start).toBe(71 * 3_600_000);
			const starts = bucketStarts(march, 'day').map((start) => key(new Date(start)));
			expect(starts).toEqual(['2026-03-28 0:00', '2026-03-29 0:00', '2026-03-30 0:00']);
			expect(days(previousPeriod(march))).toEqual(['2026-03-25 0:00', '2026-03-28 0:00']);
		});
	});
});
