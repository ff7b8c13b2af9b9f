import { describe, expect, it } from 'vitest';
import { filterCustomers, isFiltered } from '../../src/lib/features/customers/rules/customer-list';
import { listRow } from './helpers';

describe('the list shown for a chart’s point', () => {
	const rows = ['a', 'b', 'c'].map((id) =>
		listRow({ id, sortName: id, stage: id === 'c' ? 'vip' : 'new' })
	);

	it('holds only the chosen customers, and still applies every other condition', () => {
		const onlyIds = new Set(['a', 'c', 'gone']);
		const none = { query: '', tag: '', stage: '' } as const;
		expect(isFiltered({ ...none, onlyIds })).toBe(true);
		expect(filterCustomers(rows, { ...none, onlyIds }).map((r) => r.id)).toEqual(['a', 'c']);
		expect(filterCustomers(rows, { ...none, stage: 'vip', onlyIds }).map((r) => r.id)).toEqual([
			'c'
		]);
		expect(filterCustomers(rows, { ...none, onlyIds: new Set() })).toEqual([]);
		expect(filterCustomers(rows, { ...none, onlyIds: null })).toHaveLength(3);
	});
});
