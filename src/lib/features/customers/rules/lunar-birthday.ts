/**
 * Birthdays kept in the lunar calendar (农历) are stored like any birthday, YYYY-MM-DD, but the
 * numbers are the lunar year, month (1–12; someone born in a leap month keeps its ordinary
 * month) and day (1–30: a lunar month has 29 or 30 days, so 二月三十 is a real birthday that
 * no Gregorian date check would take). Turning one into a day of a given year needs the
 * lunar calendar (care/rules/festivals.ts); these rules do not.
 */

/** The months' names as shops write them: 正月 … 冬月, 腊月. */
export const LUNAR_MONTH_NAMES = [
	'正月',
	'二月',
	'三月',
	'四月',
	'五月',
	'六月',
	'七月',
	'八月',
	'九月',
	'十月',
	'冬月',
	'腊月'
] as const;

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A day of a lunar month as written: 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十. */
export function lunarDayName(day: number): string {
	if (day <= 10) return `初${DIGITS[day]}`;
	if (day < 20) return `十${DIGITS[day - 10]}`;
	if (day === 20) return '二十';
	if (day < 30) return `廿${DIGITS[day - 20]}`;
	return '三十';
}

export interface LunarParts {
	year: number;
	month: number;
	day: number;
}

/** The year, month and day of a stored lunar birthday; null when it is not one. */
export function lunarParts(birthday: string): LunarParts | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 30) return null;
	return { year, month, day };
}

/** The stored form of a lunar birthday. */
export function lunarBirthdayKey({ year, month, day }: LunarParts): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether a lunar birthday can be kept: 'future' only when its lunar year is after this year
 * (a lunar date early in this year may still be weeks ahead, which only the calendar knows).
 */
export function lunarBirthdayVerdict(birthday: string, today: Date): 'ok' | 'invalid' | 'future' {
	const parts = lunarParts(birthday);
	if (!parts) return 'invalid';
	return parts.year > today.getFullYear() ? 'future' : 'ok';
}

/**
 * A lunar birthday as a file writes it (1985-02-30, 1985/2/30, 19850230, 1985年2月30日), in
 * the stored form; null when it is none.
 */
export function readLunarBirthday(text: string): string | null {
	const match = /^(\d{4})(?:[-/.年]\s*)?(\d{1,2})(?:[-/.月]\s*)?(\d{1,2})日?$/.exec(text.trim());
	if (!match) return null;
	const parts = lunarParts(
		lunarBirthdayKey({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) })
	);
	return parts ? lunarBirthdayKey(parts) : null;
}
