import { addDays, calendarDaysBetween, localDateKey } from '../../../domain/dates';

/**
 * The periods the insights look at, as local calendar days: a period is `[start, end)` between
 * two local midnights, so a purchase at 23:30 on the last day of a month belongs to that month
 * wherever the clocks change, and the previous period of "the same length" has as many calendar
 * days (not as many hours) just before it.
 */
export interface Period {
	/** Local midnight of the first day. */
	start: number;
	/** Local midnight after the last day. */
	end: number;
}

export const PERIOD_PRESETS = ['thisMonth', 'last30', 'last90', 'thisYear', 'lastYear'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** How a chart over the period groups time: a point per day, week or month. */
export type TimeBucket = 'day' | 'week' | 'month';

/** Local midnight at the start of a YYYY-MM-DD date. */
export function dayStart(dateKey: string): number {
	const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d).getTime();
}

/**
 * A preset as of `now`, today included: "this month" and "this year" run to the end of today,
 * "last 30 days" is today and the 29 before it, "last year" is the whole previous year.
 */
export function presetPeriod(preset: PeriodPreset, now: number): Period {
	const today = localDateKey(now);
	const tomorrow = dayStart(addDays(today, 1));
	const [year, month] = today.split('-') as [string, string, string];
	switch (preset) {
		case 'thisMonth':
			return { start: dayStart(`${year}-${month}-01`), end: tomorrow };
		case 'last30':
			return { start: dayStart(addDays(today, -29)), end: tomorrow };
		case 'last90':
			return { start: dayStart(addDays(today, -89)), end: tomorrow };
		case 'thisYear':
			return { start: dayStart(`${year}-01-01`), end: tomorrow };
		case 'lastYear':
			return { start: dayStart(`${Number(year) - 1}-01-01`), end: dayStart(`${year}-01-01`) };
	}
}

/** A chosen range, both days included; null when the last day comes before the first. */
export function customPeriod(firstDay: string, lastDay: string): Period | null {
	if (lastDay < firstDay) return null;
	return { start: dayStart(firstDay), end: dayStart(addDays(lastDay, 1)) };
}

/** How many calendar days the period holds. */
export function periodDays(period: Period): number {
	return calendarDaysBetween(period.start, period.end);
}

/**
 * What the ▲▼ compare with: the period of the same length just before. A period of whole
 * calendar months (last year, a chosen month) is compared with as many whole months before it,
 * so 2025 is compared with 2024 and November with October; any other with as many calendar days.
 */
export function previousPeriod(period: Period): Period {
	const first = localDateKey(period.start);
	const after = localDateKey(period.end);
	const months = monthNumber(after) - monthNumber(first);
	if (first.endsWith('-01') && after.endsWith('-01') && months > 0) {
		return { start: dayStart(monthStart(monthNumber(first) - months)), end: period.start };
	}
	const days = periodDays(period);
	return { start: dayStart(addDays(first, -days)), end: period.start };
}

/** year × 12 + month (January = 0) of a YYYY-MM-DD date. */
function monthNumber(dateKey: string): number {
	const [y, m] = dateKey.split('-').map(Number) as [number, number];
	return y * 12 + m - 1;
}

const monthStart = (month: number) =>
	`${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;

/** A point per day up to a month, per week up to half a year, else per month. */
export function bucketFor(period: Period): TimeBucket {
	const days = periodDays(period);
	if (days <= 31) return 'day';
	if (days <= 183) return 'week';
	return 'month';
}

/**
 * Where each bucket that overlaps the period starts (local midnights); the first may start
 * before the period (weeks start on Monday, months on the 1st). A moment belongs to the last
 * start at or before it.
 */
export function bucketStarts(period: Period, bucket: TimeBucket): number[] {
	let key = localDateKey(period.start);
	if (bucket === 'week') {
		const weekday = (new Date(period.start).getDay() + 6) % 7; // Monday = 0
		key = addDays(key, -weekday);
	} else if (bucket === 'month') {
		key = `${key.slice(0, 7)}-01`;
	}
	const starts: number[] = [];
	while (dayStart(key) < period.end) {
		starts.push(dayStart(key));
		if (bucket === 'day') key = addDays(key, 1);
		else if (bucket === 'week') key = addDays(key, 7);
		else {
			const [y, m] = key.split('-').map(Number) as [number, number];
			key = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
		}
	}
	return starts;
}
