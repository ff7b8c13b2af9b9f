import { localDateKey } from '../../../domain/dates';
import { lunarBirthdayMonths } from '../../care/rules/lunar-month';

/** Each year's conversions, kept: a purchase import or crediting past sales asks thousands. */
const lunarMonthsByYear = new Map<number, (birthday: string) => readonly number[]>();

/**
 * Whether the moment `at` falls in the customer's birthday month: the month of their
 * birthday, or for one kept in the lunar calendar a Gregorian month it falls in that year
 * (八月十五 is in September one year, October another).
 */
export function isBirthdayMonth(birthday: string, calendar: string, at: number): boolean {
	const day = localDateKey(at);
	const month = Number(day.slice(5, 7));
	if (calendar === 'lunar') {
		const year = Number(day.slice(0, 4));
		let monthsOf = lunarMonthsByYear.get(year);
		if (!monthsOf) lunarMonthsByYear.set(year, (monthsOf = lunarBirthdayMonths(year)));
		return monthsOf(birthday).includes(month);
	}
	const solar = /^\d{4}-(\d{2})-\d{2}$/.exec(birthday)?.[1];
	return solar !== undefined && Number(solar) === month;
}
