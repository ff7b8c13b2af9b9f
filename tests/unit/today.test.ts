import { describe, expect, it } from 'vitest';
import {
	becameHighRisk,
	upcomingBirthdays,
	todayView,
	type TodayCounts
} from '../../src/lib/features/activity/rules/today';
import { EMPTY_METRICS } from '../../src/lib/features/customers/rules/customer-metrics';

const base: TodayCounts = {
	customers: 3,
	opening: false,
	loaded: true,
	dueTasks: 0,
	birthdays: 0,
	atRisk: 0
};

describe('todayView', () => {
	it('offers the ways to begin for an empty archive, not "all clear"', () => {
		expect(todayView({ ...base, customers: 0 })).toBe('start');
	});

	it('says "all clear" only when there are customers and nothing is due', () => {
		expect(todayView(base)).toBe('allClear');
	});

	it('lists the day when anything is due, has a birthday or is newly at risk', () => {
		expect(todayView({ ...base, dueTasks: 1 })).toBe('agenda');
		expect(todayView({ ...base, birthdays: 1 })).toBe('agenda');
		expect(todayView({ ...base, atRisk: 2 })).toBe('agenda');
	});

	it('does not call an archive empty while it is still opening or being read', () => {
		expect(todayView({ ...base, customers: 0, opening: true })).toBe('opening');
		expect(todayView({ ...base, customers: 0, loaded: false })).toBe('loading');
		expect(todayView({ ...base, loaded: false })).toBe('loading');
	});
});

describe('became high risk this week', () => {
	const day = 86_400_000;
	const now = new Date(2026, 11, 6, 9).getTime();
	const customer = (id: string, daysAgo: number, interval: number | null, average = 10_000) => ({
		...EMPTY_METRICS,
		id,
		purchaseCount: interval === null ? 1 : 4,
		averageOrderCents: average,
		lastPurchaseAt: now - daysAgo * day,
		usualIntervalDays: interval
	});

	it('takes those whose rhythm turned high in the last seven days, most value first', () => {
		const found = becameHighRisk(
			[
				customer('past-three-intervals-yesterday', 61, 20),
				customer('a-week-in', 67, 20, 50_000),
				customer('high-for-longer', 70, 20),
				customer('only-at-risk', 50, 20),
				customer('silent-a-year-since-monday', 368, null),
				customer('never-bought', 0, null)
			].map((c) =>
				c.id === 'never-bought' ? { ...c, purchaseCount: 0, lastPurchaseAt: null } : c
			),
			now
		);
		expect(found.map((f) => f.customer.id)).toEqual([
			'a-week-in',
			'past-three-intervals-yesterday',
			'silent-a-year-since-monday'
		]);
		expect(found[0]!.reason).toEqual({ kind: 'overdue', usualIntervalDays: 20, daysSince: 67 });
		expect(found[0]!.yearCents).toBe(Math.round((365 / 20) * 50_000));
	});
});

describe('birthdays on Today', () => {
	it('leaves lunar birthdays to the occasions, which convert them', () => {
		const found = upcomingBirthdays(
			[
				{ id: 'solar', birthday: '1990-12-08' },
				{ id: 'lunar', birthday: '1990-12-08', birthdayCalendar: 'lunar' }
			],
			'2026-12-07'
		);
		expect(found.map((entry) => entry.customer.id)).toEqual(['solar']);
	});
});
