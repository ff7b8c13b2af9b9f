import { describe, expect, it } from 'vitest';
import { differingFields, mergedFields } from '../../src/lib/features/duplicates/rules/merge';
import { customer } from './helpers';

const kept = customer({
	name: '王秀英',
	phone: '13800138001',
	email: '',
	city: '上海',
	tags: ['VIP'],
	custom: { skin: 'Dry' }
});
const other = customer({
	name: 'Wang Xiuying',
	phone: '13900139001',
	email: 'wxy@example.cn',
	city: '杭州',
	stage: 'active',
	tags: ['Tea'],
	custom: { skin: 'Oily', size: 38 }
});

describe('merge choices', () => {
	it('lists differing fields, defaulting to the kept record unless it has nothing', () => {
		expect(differingFields(kept, other)).toEqual({
			name: 'kept',
			phone: 'kept',
			email: 'other',
			city: 'kept',
			stage: 'other',
			'custom.skin': 'kept',
			'custom.size': 'other'
		});
	});

	it('takes each chosen value, combines tags, and keeps every phone and email', () => {
		const fields = mergedFields(kept, other, { ...differingFields(kept, other), city: 'other' });
		expect(fields).toMatchObject({
			name: '王秀英',
			phone: '13800138001',
			otherPhones: '13900139001',
			email: 'wxy@example.cn',
			otherEmails: '',
			city: '杭州',
			stage: 'active',
			tags: ['VIP', 'Tea'],
			custom: { skin: 'Dry', size: 38 }
		});
	});

	it('moves the kept phone to the other phones when the other record’s phone is chosen', () => {
		const fields = mergedFields(kept, other, { phone: 'other' });
		expect(fields.phone).toBe('13900139001');
		expect(fields.otherPhones).toBe('13800138001');
	});

	it('keeps a birthday with its calendar: one choice, never a solar date read as lunar', () => {
		const solar = customer({ name: 'A', birthday: '1990-03-08' });
		const lunar = customer({ name: 'A', birthday: '1990-02-30', birthdayCalendar: 'lunar' });
		const choices = differingFields(solar, lunar);
		expect(choices).toEqual({ birthday: 'kept' });
		expect(mergedFields(solar, lunar, { birthday: 'other' })).toMatchObject({
			birthday: '1990-02-30',
			birthdayCalendar: 'lunar'
		});
		expect(mergedFields(lunar, solar, { birthday: 'other' })).toMatchObject({
			birthday: '1990-03-08',
			birthdayCalendar: ''
		});
		// Same numbers in two calendars are two different birthdays.
		const sameNumbers = customer({ name: 'A', birthday: '1990-03-08', birthdayCalendar: 'lunar' });
		expect(differingFields(solar, sameNumbers)).toEqual({ birthday: 'kept' });
	});
});
