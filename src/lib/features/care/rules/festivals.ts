import { LunarDay, LunarMonth, SolarDay } from 'tyme4ts';

/**
 * The festivals a shop greets customers on, as Gregorian days (YYYY-MM-DD). Chinese festivals
 * follow the lunar calendar, worked out with tyme4ts (a maintained calendar library) rather
 * than a table that runs out: 除夕 is the last day of the twelfth lunar month, 腊月廿九 in the
 * years that month has no 30th.
 */
export const FESTIVALS = [
	'newYear',
	'springFestivalEve',
	'springFestival',
	'lantern',
	'womensDay',
	'mothersDay',
	'dragonBoat',
	'fathersDay',
	'qixi',
	'midAutumn',
	'nationalDay',
	'doubleNinth',
	'christmas'
] as const;
export type Festival = (typeof FESTIVALS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const key = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const solarKey = (day: SolarDay) => key(day.getYear(), day.getMonth(), day.getDay());

/** The Gregorian day of lunar year/month/day; a 30th the month lacks that year is its 29th. */
export function lunarToSolar(lunarYear: number, month: number, day: number): string {
	const days = LunarMonth.fromYm(lunarYear, month).getDayCount();
	return solarKey(LunarDay.fromYmd(lunarYear, month, Math.min(day, days)).getSolarDay());
}

/** The `n`th `weekday` (0 = Sunday) of a Gregorian month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
	const first = new Date(year, month - 1, 1).getDay();
	const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
	return key(year, month, day);
}

/** Every festival of a Gregorian year, in date order. */
export function festivalsOf(year: number): { festival: Festival; day: string }[] {
	const springFestival = LunarDay.fromYmd(year, 1, 1).getSolarDay();
	const days: Record<Festival, string> = {
		newYear: key(year, 1, 1),
		springFestivalEve: solarKey(springFestival.next(-1)),
		springFestival: solarKey(springFestival),
		lantern: lunarToSolar(year, 1, 15),
		womensDay: key(year, 3, 8),
		mothersDay: nthWeekday(year, 5, 0, 2),
		dragonBoat: lunarToSolar(year, 5, 5),
		fathersDay: nthWeekday(year, 6, 0, 3),
		qixi: lunarToSolar(year, 7, 7),
		midAutumn: lunarToSolar(year, 8, 15),
		nationalDay: key(year, 10, 1),
		doubleNinth: lunarToSolar(year, 9, 9),
		christmas: key(year, 12, 25)
	};
	return FESTIVALS.map((festival) => ({ festival, day: days[festival] })).sort((a, b) =>
		a.day < b.day ? -1 : a.day > b.day ? 1 : 0
	);
}

/** The Gregorian days in year `year` of a lunar month and day (a birthday kept in 农历). */
export function lunarDaysIn(year: number, month: number, day: number): string[] {
	return lunarDatesIn(year, month, day).map((found) => found.day);
}

/** The same, each with the lunar year it belongs to (腊月 of one year falls in the next). */
export function lunarDatesIn(
	year: number,
	month: number,
	day: number
): { day: string; lunarYear: number }[] {
	const found: { day: string; lunarYear: number }[] = [];
	for (const lunarYear of [year - 1, year]) {
		const solar = lunarToSolar(lunarYear, month, day);
		if (solar.startsWith(`${year}-`)) found.push({ day: solar, lunarYear });
	}
	return found;
}
