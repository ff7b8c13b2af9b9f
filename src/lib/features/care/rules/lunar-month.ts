import { lunarParts } from '../../customers/rules/lunar-birthday';
import { lunarDaysIn } from './festivals';

/**
 * The Gregorian month (1–12) a lunar birthday falls in during `year`, for conditions such as
 * "birthday in March"; null when it is not a lunar birthday or falls in no day of that year.
 * Each month and day is converted once (a shop has thousands of birthdays, 360 distinct).
 */
export function lunarBirthdayMonths(year: number): (birthday: string) => number | null {
	const converted = new Map<string, number | null>();
	return (birthday) => {
		const parts = lunarParts(birthday);
		if (!parts) return null;
		const key = birthday.slice(5);
		let month = converted.get(key);
		if (month === undefined) {
			const first = lunarDaysIn(year, parts.month, parts.day)[0];
			month = first ? Number(first.slice(5, 7)) : null;
			converted.set(key, month);
		}
		return month;
	};
}
