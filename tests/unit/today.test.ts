import { describe, expect, it } from 'vitest';
import {
	becameHighRisk,
	upcomingBirthdays,
	todayView,
	type TodayCounts
} from '../../src/lib/features/activity/rules/today';
import { EMPTY_METRICS } from '../../src/lib/features/customers/rules/customer-metrics';
import {
	knownRiskLists,
	riskLists,
	riskListsLater,
	todayBirthdays
} from '../../src/lib/features/activity/ui/today-lists';
import { customersAmong } from '../../src/lib/features/customers/rules/customers-among';

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

	it('finds the week ahead across the year’s end, Feb 29 on Mar 1 in other years, not bad dates', () => {
		const people = [
			{ id: 'new-year', birthday: '1980-01-02' },
			{ id: 'today', birthday: '2001-12-29' },
			{ id: 'leap', birthday: '1992-02-29' },
			{ id: 'not-a-day', birthday: '1991-02-29' },
			{ id: 'march', birthday: '1985-03-01' },
			{ id: 'too-far', birthday: '1970-01-05' },
			{ id: 'garbage', birthday: 'xx-12-30' }
		];
		expect(
			upcomingBirthdays(people, '2026-12-29').map((found) => [found.customer.id, found.inDays])
		).toEqual([
			['today', 0],
			['new-year', 4]
		]);
		expect(
			upcomingBirthdays(people, '2027-02-27').map((found) => [found.customer.id, found.inDays])
		).toEqual([
			['leap', 2],
			['march', 2]
		]);
		expect(
			upcomingBirthdays(people, '2028-02-27').map((found) => [found.customer.id, found.inDays])
		).toEqual([
			['leap', 2],
			['march', 3]
		]);
	});
});

describe('Today’s lists', () => {
	it('are worked out once per list of rows and day', () => {
		const rows = [
			{ ...EMPTY_METRICS, id: 'c1', birthday: '1990-12-08', stage: 'active' }
		] as never[];
		const now = Date.parse('2026-12-07T09:00:00');
		const first = todayBirthdays(rows, '2026-12-07');
		expect(first).toHaveLength(1);
		expect(todayBirthdays(rows, '2026-12-07')).toBe(first);
		expect(todayBirthdays([...rows], '2026-12-07')).not.toBe(first);
		expect(todayBirthdays(rows, '2026-12-08')).not.toBe(first);
		expect(knownRiskLists(rows, now)).toBeNull();
		const risks = riskLists(rows, now);
		expect(knownRiskLists(rows, now)).toBe(risks);
		expect(knownRiskLists(rows, now + 1)).toBeNull();
	});

	it('work the risk lists out in a task of their own, which a newer list cancels', async () => {
		const rows = [{ ...EMPTY_METRICS, id: 'c1', stage: 'active' }] as never[];
		const now = Date.parse('2026-12-07T09:00:00');
		const seen: unknown[] = [];
		const cancel = riskListsLater(rows, now, (lists) => seen.push(lists));
		expect(seen).toEqual([]);
		riskListsLater(rows, now + 1, (lists) => seen.push(lists))();
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(seen).toHaveLength(1);
		cancel();
	});

	it('find the customers of the day’s tasks, and only those still in the list', () => {
		const rows = ['c1', 'c2', 'c3'].map((id) => ({ ...EMPTY_METRICS, id })) as never[];
		const found = customersAmong(rows, new Set(['c3', 'gone', 'c1']));
		expect([...found.keys()].sort()).toEqual(['c1', 'c3']);
		expect(customersAmong(rows, new Set()).size).toBe(0);
	});
});
