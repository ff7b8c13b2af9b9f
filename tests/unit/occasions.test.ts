import { describe, expect, it } from 'vitest';
import {
	festivalsOf,
	lunarDaysIn,
	lunarToSolar
} from '../../src/lib/features/care/rules/festivals';
import { customerOccasions, occasionsBetween } from '../../src/lib/features/care/rules/occasions';
import { triggerOccasion } from '../../src/lib/features/automations/rules/triggers';

const dayOf = (year: number, festival: string) =>
	festivalsOf(year).find((f) => f.festival === festival)?.day;

describe('festivals', () => {
	it('puts 除夕 on 腊月廿九 in a year whose twelfth month has no 30th', () => {
		expect(dayOf(2026, 'springFestival')).toBe('2026-02-17');
		expect(dayOf(2026, 'springFestivalEve')).toBe('2026-02-16');
		// 2025's eve fell on 腊月廿九 too; 2024's on 腊月三十.
		expect(dayOf(2024, 'springFestivalEve')).toBe('2024-02-09');
	});

	it('works out the lunar festivals and the Gregorian ones', () => {
		expect(dayOf(2026, 'lantern')).toBe('2026-03-03');
		expect(dayOf(2026, 'dragonBoat')).toBe('2026-06-19');
		expect(dayOf(2026, 'qixi')).toBe('2026-08-19');
		expect(dayOf(2026, 'midAutumn')).toBe('2026-09-25');
		expect(dayOf(2026, 'doubleNinth')).toBe('2026-10-18');
		expect(dayOf(2026, 'mothersDay')).toBe('2026-05-10');
		expect(dayOf(2026, 'fathersDay')).toBe('2026-06-21');
		expect(dayOf(2026, 'nationalDay')).toBe('2026-10-01');
		expect(festivalsOf(2026)).toHaveLength(13);
	});

	it('finds a lunar birthday’s Gregorian day each year, a missing 30th on the 29th', () => {
		expect(lunarDaysIn(2027, 8, 15)).toEqual(['2027-09-15']);
		expect(lunarToSolar(2025, 12, 30)).toBe('2026-02-16');
	});
});

describe('occasions', () => {
	const customer = {
		id: 'c1',
		birthday: '1990-08-15',
		birthdayCalendar: 'lunar' as const,
		createdAt: new Date(2024, 8, 20, 10).getTime(),
		lastPurchaseAt: new Date(2027, 8, 10, 15).getTime()
	};

	it('lists lunar birthdays, anniversaries and N days after the last purchase', () => {
		expect(customerOccasions(customer, '2027-09-01', '2027-09-30', 3)).toEqual([
			{ day: '2027-09-15', kind: 'birthday', customerId: 'c1', years: 37, lunar: true },
			{ day: '2027-09-20', kind: 'anniversary', customerId: 'c1', years: 3 },
			{ day: '2027-09-13', kind: 'afterPurchase', customerId: 'c1' }
		]);
	});

	it('moves a 29 February birthday to 1 March in other years', () => {
		const leap = { ...customer, birthday: '2000-02-29', birthdayCalendar: '' as const };
		expect(customerOccasions(leap, '2027-02-25', '2027-03-05', 0)).toEqual([
			{ day: '2027-03-01', kind: 'birthday', customerId: 'c1', years: 27 }
		]);
	});

	it('orders the days, festivals first on a shared day', () => {
		const list = occasionsBetween(
			[{ ...customer, birthday: '1990-10-01', birthdayCalendar: '' }],
			'2026-09-28',
			'2026-10-02',
			0
		);
		expect(list.map((o) => `${o.day} ${o.kind}`)).toEqual([
			'2026-10-01 festival',
			'2026-10-01 birthday'
		]);
	});
});

describe('customers as occasions read them from the doc', () => {
	it('takes the live ones with their birthday calendar, and nothing malformed', async () => {
		const { memberContext, customer } = await import('./helpers');
		const { createCustomer, deleteCustomer } =
			await import('../../src/lib/features/customers/customer-commands');
		const { occasionCustomers } = await import('../../src/lib/features/care/occasion-customers');
		const ctx = memberContext();
		const lunar = createCustomer(
			ctx,
			customer({ name: '赵敏', birthday: '1990-08-15', birthdayCalendar: 'lunar' })
		);
		const gone = createCustomer(ctx, customer({ name: 'Gone', birthday: '1990-01-01' }));
		if (!lunar.ok || !gone.ok) throw new Error('no customers');
		deleteCustomer(ctx, gone.value);
		ctx.ws.customers.set('junk', 'not a customer');
		expect(occasionCustomers(ctx.ws)).toEqual([
			{
				id: lunar.value,
				birthday: '1990-08-15',
				birthdayCalendar: 'lunar',
				createdAt: expect.any(Number),
				lastPurchaseAt: null
			}
		]);
	});
});

describe('lunar birthdays that are no Gregorian date', () => {
	const base = { id: 'c1', lastPurchaseAt: null, createdAt: 0, birthdayCalendar: 'lunar' as const };
	it('greets 二月三十 (on 二月廿九 in a year without it) and counts 腊月 years in the lunar calendar', () => {
		const thirtieth = customerOccasions(
			{ ...base, birthday: '1985-02-30' },
			'2026-01-01',
			'2026-12-31',
			0
		);
		expect(thirtieth.map((o) => o.day)).toEqual([lunarToSolar(2026, 2, 30)]);
		// Born 腊月初八 of lunar 1990 (January 1991): in January 2026 they turn 35, not 36.
		const twelfth = customerOccasions(
			{ ...base, birthday: '1990-12-08' },
			'2026-01-01',
			'2026-01-31',
			0
		);
		expect(twelfth).toHaveLength(1);
		expect(twelfth[0]!.years).toBe(35);
	});

	it('runs a birthday automation for 二月三十 too', () => {
		const day = lunarToSolar(2026, 2, 30);
		const trigger = { kind: 'birthdayIn' as const, days: 0, tierId: '' };
		expect(triggerOccasion(trigger, { ...base, birthday: '1985-02-30' }, day)).toBe(day);
	});
});
