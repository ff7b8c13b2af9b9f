import { listRow } from './helpers';
import { describe, expect, it } from 'vitest';
import { filterCustomers } from '../../src/lib/features/customers/rules/customer-list';
import {
	hasQualityIssue,
	qualityCounts,
	type QualityCheckable
} from '../../src/lib/features/customers/rules/data-quality';

const NOW = Date.UTC(2026, 10, 23);
const DAY = 86_400_000;
const person = (fields: Partial<QualityCheckable>): QualityCheckable => ({
	phone: '',
	email: '',
	wechat: '',
	lastContactAt: NOW - DAY,
	...fields
});

describe('data quality', () => {
	const customers = [
		person({ phone: '13800138000', email: 'a@example.com' }),
		person({ email: 'b@example.com', lastContactAt: NOW - 400 * DAY }),
		person({ wechat: 'wx', lastContactAt: null }),
		person({}),
		person({ otherPhones: '12345678901', phone: '13800138001' }),
		person({ email: 'not-an-email', phone: '13800138002' }),
		person({ phone: '12345', email: 'c@example.com' }),
		person({ phone: '010-6552 9988 ext 12', otherPhones: '+44 20 7946 0958', email: 'd@x.cn' })
	];

	it('counts every issue', () => {
		expect(qualityCounts(customers, NOW)).toEqual({
			noPhone: 3,
			noEmail: 3,
			unreachable: 1,
			// 12345678901 cannot be a mobile; 12345 cannot exist anywhere.
			invalidPhone: 2,
			invalidEmail: 1,
			noContactInYear: 2
		});
	});

	it('gives another phone or email its due: a customer with only other phones has a phone', () => {
		expect(qualityCounts([person({ otherPhones: '13800138000' })], NOW).noPhone).toBe(0);
	});

	it('filters the list by an issue, as the panel’s links do', () => {
		const rows = customers.map((c, i) => listRow({ ...c, sortName: String(i) }));
		const found = filterCustomers(rows, {
			query: '',
			tag: '',
			stage: '',
			matches: (row) => hasQualityIssue(row, 'noContactInYear', NOW)
		});
		expect(found.map((row) => row.sortName)).toEqual(['1', '2']);
	});
});

describe('a year without contact', () => {
	it('counts calendar days: 365 days ago is within the year, 366 is not', () => {
		const today = new Date(2026, 11, 6, 9).getTime();
		const lastYear = (day: number, hour: number) => new Date(2025, 11, day, hour).getTime();
		// Dec 6 2025 at 08:00 is 365 calendar days ago, though a little over 365 × 24 hours.
		expect(
			hasQualityIssue(person({ lastContactAt: lastYear(6, 8) }), 'noContactInYear', today)
		).toBe(false);
		expect(
			hasQualityIssue(person({ lastContactAt: lastYear(5, 23) }), 'noContactInYear', today)
		).toBe(true);
	});
});
