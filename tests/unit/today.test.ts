import { describe, expect, it } from 'vitest';
import { todayView, type TodayCounts } from '../../src/lib/features/activity/rules/today';

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
