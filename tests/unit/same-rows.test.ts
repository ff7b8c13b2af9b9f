import { describe, expect, it } from 'vitest';
import { keepUnchangedRows, sameEntries, sameItems, sameRows } from '../../src/lib/core/same-rows';

const li = { id: 'a', name: 'Li', tags: ['VIP'], custom: { skin: 'dry' }, totalSpentCents: 100 };
const wang = { id: 'b', name: 'Wang', tags: [], custom: {}, totalSpentCents: 0 };

describe('two reads of the customers', () => {
	it('are the same when every row is, whatever their order', () => {
		expect(sameRows([li, wang], [structuredClone(wang), structuredClone(li)])).toBe(true);
	});

	it('differ by a field, a tag, a custom value, a metric, a row more or a row replaced', () => {
		expect(sameRows([li, wang], [{ ...li, name: 'Li Na' }, wang])).toBe(false);
		expect(sameRows([li, wang], [{ ...li, tags: ['VIP', 'tea'] }, wang])).toBe(false);
		expect(sameRows([li, wang], [{ ...li, custom: { skin: 'oily' } }, wang])).toBe(false);
		expect(sameRows([li, wang], [{ ...li, totalSpentCents: 101 }, wang])).toBe(false);
		expect(sameRows([li], [li, wang])).toBe(false);
		expect(sameRows([li, wang], [li, { ...wang, id: 'c' }])).toBe(false);
		// A field that went (undefined on one side, absent on the other) is a difference too.
		const { totalSpentCents: _gone, ...withoutTotal } = li;
		expect(
			sameRows([{ ...withoutTotal, note: undefined }], [{ ...li, totalSpentCents: undefined }])
		).toBe(false);
	});
});

describe('a new read that keeps the rows that did not change', () => {
	it('hands back the earlier object for an unchanged row and the new one for a changed row', () => {
		const moved = { ...structuredClone(wang), stageId: 'next' };
		const kept = keepUnchangedRows([li, wang], [structuredClone(li), moved]);
		expect(kept[0]).toBe(li);
		expect(kept[1]).toBe(moved);
	});

	it('sees a change deep in a row, a row that is new, and keeps the new order', () => {
		const lines = { ...li, custom: { skin: 'oily' } };
		const added = { id: 'c', name: 'Zhao', tags: [], custom: {}, totalSpentCents: 5 };
		const kept = keepUnchangedRows([li, wang], [structuredClone(wang), lines, added]);
		expect(kept.map((row) => row.id)).toEqual(['b', 'a', 'c']);
		expect(kept[0]).toBe(wang);
		expect(kept[1]).toBe(lines);
		expect(kept[2]).toBe(added);
	});

	it('tells an empty list from an empty object', () => {
		const before = [{ id: 'a', lines: [] as unknown }];
		const after = [{ id: 'a', lines: {} as unknown }];
		expect(keepUnchangedRows(before, after)[0]).toBe(after[0]);
	});
});

describe('the same items, the same entries', () => {
	it('are the very same objects in the same order, not equal copies', () => {
		expect(sameItems([li, wang], [li, wang])).toBe(true);
		expect(sameItems([li, wang], [wang, li])).toBe(false);
		expect(sameItems([li], [structuredClone(li)])).toBe(false);
		expect(sameItems([li], [li, wang])).toBe(false);
	});

	it('are the very same values under the same keys', () => {
		type Person = { id: string; name: string };
		const names = new Map<string, Person>([
			['a', li],
			['b', wang]
		]);
		expect(sameEntries(names, new Map([...names].reverse()))).toBe(true);
		expect(sameEntries(names, new Map<string, Person>([['a', li]]))).toBe(false);
		expect(
			sameEntries(names, new Map<string, Person>([...names, ['b', structuredClone(wang)]]))
		).toBe(false);
		expect(sameEntries(new Map([['a', undefined]]), new Map([['b', undefined]]))).toBe(false);
	});
});
