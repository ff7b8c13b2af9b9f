import { describe, expect, it } from 'vitest';
import { sameRows } from '../../src/lib/features/insights/same-rows';

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
