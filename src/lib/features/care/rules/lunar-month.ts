import { lunarParts } from '../../customers/rules/lunar-birthday';
import { lunarDaysIn } from './festivals';

/**
 * The Gregorian months (1–12) a lunar birthday falls in during `year`, for conditions such as
 * "birthday in March": usually one, none or two for a 冬月 or 腊月 day (冬月二十 fell on
 * 1 January and 20 December 2024); empty when it is not a lunar birthday. Each month and day
 * is converted once (a shop has thousands of birthdays, 360 distinct).
 */
export function lunarBirthdayMonths(year: number): (birthday: string) => readonly number[] {
	const converted = new Map<string, number[]>();
	return (birthday) => {
		const parts = lunarParts(birthday);
		if (!parts) return [];
		const key = birthday.slice(5);
		let months = converted.get(key);
		if (!months) {
			months = lunarDaysIn(year, parts.month, parts.day).map((day) => Number(day.slice(5, 7)));
			converted.set(key, months);
		}
		return months;
	};
}
