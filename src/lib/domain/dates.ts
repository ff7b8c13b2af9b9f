/** Calendar dates are local YYYY-MM-DD strings; moments are ms since the epoch. */

const DAY_MS = 86_400_000;

export function localDateKey(ms: number): string {
	const date = new Date(ms);
	const month = String(date.getMonth() + 1).padStart(2, '0');
	const day = String(date.getDate()).padStart(2, '0');
	return `${date.getFullYear()}-${month}-${day}`;
}

export function isDateKey(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return date.getMonth() === Number(match[2]) - 1 && date.getDate() === Number(match[3]);
}

/** Adds whole days to a YYYY-MM-DD date (calendar arithmetic, immune to DST). */
export function addDays(dateKey: string, days: number): string {
	const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
	return localDateKey(new Date(y, m - 1, d + days).getTime());
}

/**
 * Calendar days from a's local date to b's (b later → positive): Jul 28 23:00 → Dec 6 08:00 is
 * 131, as the calendar says, where counting whole 24-hour periods gave 130. Each moment is
 * reduced to its local date, and the dates are compared as UTC days, which are all 24 hours,
 * so a daylight-saving change in between counts as one day like any other.
 */
export function calendarDaysBetween(a: number, b: number): number {
	return localDayNumber(b) - localDayNumber(a);
}

/**
 * A moment's local date as days since 1970-01-01: its wall-clock time read as UTC, in whole
 * days. One Date per moment: Today and the automations count this for every customer.
 */
export function localDayNumber(ms: number): number {
	return Math.floor((ms - new Date(ms).getTimezoneOffset() * 60_000) / DAY_MS);
}

/** @deprecated Counted 24-hour periods; kept as a name for callers that have not moved. */
export const daysBetween = calendarDaysBetween;

/** Days until the next birthday (0 = today), for a YYYY-MM-DD birthday. Feb 29 counts as Mar 1. */
export function daysUntilBirthday(birthday: string, todayKey: string): number | null {
	if (!isDateKey(birthday)) return null;
	const [ty, tm, td] = todayKey.split('-').map(Number) as [number, number, number];
	const [, bm, bd] = birthday.split('-').map(Number) as [number, number, number];
	const today = new Date(ty, tm - 1, td);
	let next = new Date(ty, bm - 1, bd);
	if (next < today) next = new Date(ty + 1, bm - 1, bd);
	return Math.round((next.getTime() - today.getTime()) / DAY_MS);
}
