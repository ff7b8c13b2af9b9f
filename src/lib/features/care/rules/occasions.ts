import { addDays, isDateKey, localDateKey } from '../../../domain/dates';
import { festivalsOf, lunarDatesIn, type Festival } from './festivals';
import { lunarParts } from '../../customers/rules/lunar-birthday';

/**
 * What the shop may greet a customer for, day by day: birthdays (Gregorian, or lunar for a
 * birthday kept in 农历), membership anniversaries (from the day the customer was added),
 * N days after their last purchase, and the festivals everyone shares. Days are local calendar
 * days, YYYY-MM-DD.
 */
export type OccasionKind = 'birthday' | 'anniversary' | 'afterPurchase' | 'festival';

export interface Occasion {
	day: string;
	kind: OccasionKind;
	customerId?: string;
	festival?: Festival;
	/** Birthdays and anniversaries: how many years (0 when the birth year is not known). */
	years?: number;
	/** A birthday kept in the lunar calendar. */
	lunar?: boolean;
}

export interface OccasionCustomer {
	id: string;
	birthday: string;
	birthdayCalendar: '' | 'lunar';
	createdAt: number;
	lastPurchaseAt: number | null;
}

const yearOf = (day: string) => Number(day.slice(0, 4));

/** The Gregorian days of a solar birthday in a year: Feb 29 falls on Mar 1 in other years. */
function solarBirthdayIn(year: number, birthday: string): string {
	const month = Number(birthday.slice(5, 7));
	const day = Number(birthday.slice(8, 10));
	return localDateKey(new Date(year, month - 1, day, 12).getTime());
}

/** A customer's occasions from `from` to `to` (both included). */
export function customerOccasions(
	customer: OccasionCustomer,
	from: string,
	to: string,
	afterPurchaseDays: number
): Occasion[] {
	const found: Occasion[] = [];
	const within = (day: string) => day >= from && day <= to;
	const lunar = customer.birthdayCalendar === 'lunar';
	// A lunar birthday is read as a lunar date (二月三十 is one), never as a Gregorian one.
	if (lunar ? lunarParts(customer.birthday) !== null : isDateKey(customer.birthday)) {
		const born = yearOf(customer.birthday);
		for (let year = yearOf(from); year <= yearOf(to); year++) {
			// Years are counted in the birthday's own calendar: 腊月 of 1990 falls in 1991.
			const dates = lunar
				? lunarDatesIn(
						year,
						Number(customer.birthday.slice(5, 7)),
						Number(customer.birthday.slice(8, 10))
					)
				: [{ day: solarBirthdayIn(year, customer.birthday), lunarYear: year }];
			for (const { day, lunarYear } of dates) {
				if (!within(day)) continue;
				found.push({
					day,
					kind: 'birthday',
					customerId: customer.id,
					years: born > 1900 ? Math.max(0, lunarYear - born) : 0,
					...(customer.birthdayCalendar === 'lunar' ? { lunar: true } : {})
				});
			}
		}
	}
	if (customer.createdAt > 0) {
		const joined = localDateKey(customer.createdAt);
		for (let year = yearOf(from); year <= yearOf(to); year++) {
			const years = year - yearOf(joined);
			if (years < 1) continue;
			const day = solarBirthdayIn(year, joined);
			if (within(day)) found.push({ day, kind: 'anniversary', customerId: customer.id, years });
		}
	}
	if (afterPurchaseDays > 0 && customer.lastPurchaseAt !== null) {
		const day = addDays(localDateKey(customer.lastPurchaseAt), afterPurchaseDays);
		if (within(day)) found.push({ day, kind: 'afterPurchase', customerId: customer.id });
	}
	return found;
}

/** The festivals from `from` to `to` (both included). */
export function festivalsBetween(from: string, to: string): Occasion[] {
	const found: Occasion[] = [];
	for (let year = yearOf(from); year <= yearOf(to); year++) {
		for (const { festival, day } of festivalsOf(year)) {
			if (day >= from && day <= to) found.push({ day, kind: 'festival', festival });
		}
	}
	return found;
}

/** Everyone's occasions and the festivals in the range, by day then kind. */
export function occasionsBetween(
	customers: readonly OccasionCustomer[],
	from: string,
	to: string,
	afterPurchaseDays: number
): Occasion[] {
	const all = festivalsBetween(from, to);
	for (const customer of customers) {
		all.push(...customerOccasions(customer, from, to, afterPurchaseDays));
	}
	return sortOccasions(all);
}

const KIND_ORDER: Record<OccasionKind, number> = {
	festival: 0,
	birthday: 1,
	anniversary: 2,
	afterPurchase: 3
};

/** By day, festivals first on a shared day. */
export function sortOccasions(occasions: Occasion[]): Occasion[] {
	return occasions.sort((a, b) =>
		a.day < b.day ? -1 : a.day > b.day ? 1 : KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
	);
}
