import { describe, expect, it } from 'vitest';
import { inZone } from './helpers';
import { calendarDaysBetween, localDayNumber } from '../../src/lib/domain/dates';

const at = (y: number, m: number, d: number, h = 12, min = 0) =>
	new Date(y, m - 1, d, h, min).getTime();

describe('calendarDaysBetween', () => {
	inZone('Asia/Shanghai', () => {
		it('counts Jul 28 → Dec 6 as 131 days, whatever the hours', () => {
			expect(new Date(at(2026, 7, 28)).getTimezoneOffset()).toBe(-480);
			expect(calendarDaysBetween(at(2026, 7, 28, 23, 30), at(2026, 12, 6, 8))).toBe(131);
			expect(calendarDaysBetween(at(2026, 7, 28, 8), at(2026, 12, 6, 23, 59))).toBe(131);
		});

		it('counts a day across midnight, and none within a day', () => {
			expect(calendarDaysBetween(at(2026, 3, 1, 23, 59), at(2026, 3, 2, 0, 1))).toBe(1);
			expect(calendarDaysBetween(at(2026, 3, 2, 0, 0), at(2026, 3, 2, 23, 59))).toBe(0);
			expect(calendarDaysBetween(at(2026, 3, 2, 0, 1), at(2026, 3, 1, 23, 59))).toBe(-1);
		});

		it('counts across a year end and a leap day', () => {
			expect(calendarDaysBetween(at(2027, 12, 31, 22), at(2028, 1, 1, 1))).toBe(1);
			expect(calendarDaysBetween(at(2028, 2, 28), at(2028, 3, 1))).toBe(2);
		});
	});

	inZone('Europe/Berlin', () => {
		it('counts the night the clocks go forward (a 23-hour day) as one day', () => {
			// 29 March 2026, 02:00 → 03:00 in Berlin.
			const saturdayLate = at(2026, 3, 28, 23, 30);
			const sundayLate = at(2026, 3, 29, 23, 0);
			expect(sundayLate - saturdayLate).toBeLessThan(24 * 3_600_000);
			expect(calendarDaysBetween(saturdayLate, sundayLate)).toBe(1);
			expect(calendarDaysBetween(at(2026, 3, 20, 0, 30), at(2026, 4, 3, 0, 10))).toBe(14);
		});

		it('counts the night the clocks go back (a 25-hour day) as one day', () => {
			// 25 October 2026, 03:00 → 02:00 in Berlin.
			const saturdayEarly = at(2026, 10, 24, 0, 30);
			const sundayLate = at(2026, 10, 25, 23, 45);
			expect(sundayLate - saturdayEarly).toBeGreaterThan(48 * 3_600_000);
			expect(calendarDaysBetween(saturdayEarly, sundayLate)).toBe(1);
			expect(calendarDaysBetween(at(2026, 10, 20, 23, 50), at(2026, 11, 3, 0, 5))).toBe(14);
		});
	});

	inZone('America/New_York', () => {
		it('counts Jul 28 → Dec 6 as 131 across the autumn change', () => {
			expect(calendarDaysBetween(at(2026, 7, 28, 23, 30), at(2026, 12, 6, 0, 15))).toBe(131);
		});
	});
});

describe('localDayNumber', () => {
	// The day the calendar shows: its year, month and day, counted as days since 1970-01-01.
	const calendarDay = (ms: number) => {
		const date = new Date(ms);
		return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000;
	};
	for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Pacific/Chatham']) {
		inZone(zone, () => {
			it(`is the calendar's day for moments over thirty years in ${zone}`, () => {
				let seed = 7;
				const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
				const from = Date.UTC(1995, 0, 1);
				const span = Date.UTC(2030, 0, 1) - from;
				for (let i = 0; i < 20_000; i++) {
					const ms = Math.floor(from + random() * span);
					expect(localDayNumber(ms)).toBe(calendarDay(ms));
				}
				// Just before and after local midnight.
				const midnight = new Date(2026, 2, 29).getTime();
				expect(localDayNumber(midnight) - localDayNumber(midnight - 1)).toBe(1);
			});
		});
	}
});
