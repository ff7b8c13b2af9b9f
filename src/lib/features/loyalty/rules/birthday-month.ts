import { localDateKey } from '../../../domain/dates';
import { lunarDaysIn } from '../../care/rules/festivals';
import { lunarParts } from '../../customers/rules/lunar-birthday';

/**
 * Whether the moment `at` falls in the customer's birthday month: the month of their
 * birthday, or for one kept in the lunar calendar the Gregorian month it falls in that year
 * (八月十五 is in September one year, October another).
 */
export function isBirthdayMonth(birthday: string, calendar: string, at: number): boolean {
	const day = localDateKey(at);
	if (calendar === 'lunar') {
		const parts = lunarParts(birthday);
		if (!parts) return false;
		const thisMonth = day.slice(0, 7);
		return lunarDaysIn(Number(day.slice(0, 4)), parts.month, parts.day).some((solar) =>
			solar.startsWith(thisMonth)
		);
	}
	const month = /^\d{4}-(\d{2})-\d{2}$/.exec(birthday)?.[1];
	return month !== undefined && month === day.slice(5, 7);
}
