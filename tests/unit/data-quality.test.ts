import { listRow } from './helpers';
import { describe, expect, it } from 'vitest';
import { filterCustomers } from '../../src/lib/domain/customer-list';
import {
	hasQualityIssue,
	qualityCounts,
	type QualityCheckable
} from '../../src/lib/domain/data-quality';

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
		person({ email: 'not-an-email', phone: '13800138002' })
	];

	it('counts every issue', () => {
		expect(qualityCounts(customers, NOW)).toEqual({
			noPhone: 3,
			noEmail: 3,
			unreachable: 1,
			invalidPhone: 1,
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
