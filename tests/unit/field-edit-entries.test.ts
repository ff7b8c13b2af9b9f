import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readChange } from '../../src/lib/features/activity/activity-records';
import {
	encodeFieldEdit,
	latestFieldEdits,
	readFieldEdit
} from '../../src/lib/features/customers/field-edit-entries';
import { createCustomer, updateCustomer } from '../../src/lib/features/customers/customer-commands';
import { customer, memberContext } from './helpers';

describe('a field edit in the history', () => {
	it('is read back as written, field by field, through a synced doc', () => {
		const changes = [
			{ field: 'city' as const, from: '', to: '杭州' },
			{ field: 'tags' as const, from: ['a'], to: ['a', 'b'] },
			{ field: 'custom.f1' as const, from: null, to: 3 },
			{ field: 'custom.f2' as const, from: true, to: false }
		];
		const doc = new Y.Doc();
		doc.getMap('changes').set('k', encodeFieldEdit('c1', 1_796_554_188_859, 'm1', changes));
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		expect(readChange('k', copy.getMap('changes').get('k'))).toEqual({
			id: 'k',
			customerId: 'c1',
			at: 1_796_554_188_859,
			by: 'm1',
			changes
		});
	});

	it('still reads entries written before v9 (objects with named keys)', () => {
		const stored = {
			customerId: 'c1',
			at: 5,
			by: 'm1',
			changes: [{ field: 'city', from: '', to: '杭州' }]
		};
		expect(readChange('k', stored)).toMatchObject({ customerId: 'c1', at: 5, by: 'm1' });
		expect(readFieldEdit(stored)).toBeNull();
	});

	it.each([
		['not an array', 'c1'],
		['too short', ['c1', 5]],
		['no customer', ['', 5, 'm1']],
		['a time that is no number', ['c1', '5', 'm1']],
		['an infinite time', ['c1', Infinity, 'm1']],
		['no member', ['c1', 5, 7]]
	])('is refused when %s', (_, stored) => {
		expect(readFieldEdit(stored)).toBeNull();
		expect(readChange('k', stored)).toBeNull();
	});

	it('leaves out a malformed field change from a colleague, keeping the rest', () => {
		const stored = ['c1', 5, 'm1', ['city', '', '杭州'], ['phone'], [7, 'a', 'b'], ['x', {}, 'b']];
		expect(readFieldEdit(stored)?.changes).toEqual([{ field: 'city', from: '', to: '杭州' }]);
	});
});

describe('latestFieldEdits', () => {
	it('gives each customer their newest field edit and ignores other entries', () => {
		const latest = latestFieldEdits([
			['c1', 5, 'm1', ['city', '', 'a']],
			['c1', 9, 'm2', ['city', 'a', 'b']],
			['c1', 7, 'm1', ['city', 'b', 'c']],
			['c2', 3, 'm1'],
			{ customerId: 'c3', at: 99, by: 'm1', changes: [] },
			'garbage'
		]);
		expect([...latest]).toEqual([
			['c1', 9],
			['c2', 3]
		]);
	});

	it('is what an edit made through the command says', () => {
		const ctx = { ...memberContext('m1'), now: () => 42 };
		const created = createCustomer(ctx, customer({ name: 'Ann' }));
		if (!created.ok) throw new Error('create failed');
		updateCustomer(ctx, created.value, { city: '上海' });
		expect(latestFieldEdits(ctx.ws.changes.values()).get(created.value)).toBe(42);
	});
});
