import { describe, expect, it } from 'vitest';
import {
	changedCustomerFields,
	pickCustomerFields
} from '../../src/lib/features/customers/rules/customer';
import { validateCustomer } from '../../src/lib/features/customers/rules/customer-validation';
import { customer } from './helpers';
import {
	LUNAR_MONTH_NAMES,
	lunarDayName,
	readLunarBirthday
} from '../../src/lib/features/customers/rules/lunar-birthday';

const today = new Date('2026-06-01T12:00:00Z');

describe('validateCustomer', () => {
	it('cleans a valid customer: trims, lower-cases email, de-duplicates tags', () => {
		const result = validateCustomer(
			customer({ name: '  张三 ', email: ' ZS@Example.COM ', tags: ['vip', 'vip', 'tea'] }),
			today
		);
		expect(result).toEqual({
			ok: true,
			value: expect.objectContaining({
				name: '张三',
				email: 'zs@example.com',
				tags: ['vip', 'tea']
			})
		});
	});

	it('requires a name', () => {
		expect(validateCustomer(customer({ name: '   ' }), today)).toEqual({
			ok: false,
			errors: { name: 'validation.nameRequired' }
		});
	});

	it('reports every wrong field at once, one message each', () => {
		const result = validateCustomer(
			customer({ name: '', email: 'not-an-email', phone: 'abc', birthday: '2030-01-01' }),
			today
		);
		expect(result).toEqual({
			ok: false,
			errors: {
				name: 'validation.nameRequired',
				email: 'validation.emailInvalid',
				phone: 'validation.phoneCharacters',
				birthday: 'validation.birthdayFuture'
			}
		});
	});

	it('rejects impossible dates and unknown choices', () => {
		const result = validateCustomer(
			// @ts-expect-error a stage from a foreign client is not one of ours
			customer({ name: 'A', birthday: '2023-02-30', stage: 'whale' }),
			today
		);
		expect(result).toEqual({
			ok: false,
			errors: { birthday: 'validation.birthdayInvalid', stage: 'validation.choiceInvalid' }
		});
	});

	it('reads a birthday in its own calendar: 二月三十 is a lunar birthday, not a Gregorian one', () => {
		const lunar = (birthday: string) =>
			validateCustomer(customer({ name: 'A', birthday, birthdayCalendar: 'lunar' }), today);
		expect(lunar('1985-02-30').ok).toBe(true);
		expect(validateCustomer(customer({ name: 'A', birthday: '1985-02-30' }), today)).toEqual({
			ok: false,
			errors: { birthday: 'validation.birthdayInvalid' }
		});
		expect(lunar('1985-13-01')).toEqual({
			ok: false,
			errors: { birthday: 'validation.birthdayInvalid' }
		});
		expect(lunar('1985-03-31')).toEqual({
			ok: false,
			errors: { birthday: 'validation.birthdayInvalid' }
		});
		expect(lunar('2027-01-01')).toEqual({
			ok: false,
			errors: { birthday: 'validation.birthdayFuture' }
		});
	});

	it('keeps hostile strings as data', () => {
		const name = '<img src=x onerror=alert(1)>';
		const result = validateCustomer(customer({ name, notes: '=HYPERLINK("x")' }), today);
		expect(result.ok && result.value.name).toBe(name);
	});
});

describe('pickCustomerFields and changedCustomerFields', () => {
	it('picks only the editable fields of a stored row', () => {
		const row = { ...customer({ name: 'A', tags: ['x'] }), id: '1', updatedAt: 5, searchText: 'a' };
		expect(pickCustomerFields(row)).toEqual(customer({ name: 'A', tags: ['x'] }));
	});

	it('lists exactly the changed fields, tags included', () => {
		const before = customer({ name: 'A', phone: '138 0013 8000', tags: ['x'] });
		expect(changedCustomerFields(before, { ...before })).toEqual({});
		expect(changedCustomerFields(before, { ...before, phone: '', tags: ['x', 'y'] })).toEqual({
			phone: '',
			tags: ['x', 'y']
		});
	});
});

describe('lunar birthdays', () => {
	it('names the months and days as shops write them, and reads them from files', () => {
		expect(LUNAR_MONTH_NAMES[0]).toBe('正月');
		expect(LUNAR_MONTH_NAMES[11]).toBe('腊月');
		expect([1, 10, 11, 20, 21, 30].map(lunarDayName)).toEqual([
			'初一',
			'初十',
			'十一',
			'二十',
			'廿一',
			'三十'
		]);
		expect(readLunarBirthday('1985/2/30')).toBe('1985-02-30');
		expect(readLunarBirthday('1985年2月30日')).toBe('1985-02-30');
		expect(readLunarBirthday('19850230')).toBe('1985-02-30');
		expect(readLunarBirthday('1985-02-31')).toBeNull();
		expect(readLunarBirthday('soon')).toBeNull();
	});
});
