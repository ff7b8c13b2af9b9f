import { describe, expect, it } from 'vitest';
import enFirstRoute from '../../src/lib/i18n/en/first-route.json';
import enOnDemand from '../../src/lib/i18n/en/on-demand.json';
import zhFirstRoute from '../../src/lib/i18n/zh-CN/first-route.json';
import zhOnDemand from '../../src/lib/i18n/zh-CN/on-demand.json';
import { joinParts } from '../../src/lib/i18n/all-messages';

// Each language's catalogue is two parts split by key (see i18n.svelte.ts).
const en = joinParts(enFirstRoute, enOnDemand);
const zh = joinParts(zhFirstRoute, zhOnDemand);

/** Every message key of a catalogue, with its text. */
function leaves(node: unknown, prefix = ''): Map<string, unknown> {
	const out = new Map<string, unknown>();
	for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
		if (typeof value === 'object' && value !== null) {
			for (const [inner, text] of leaves(value, `${prefix}${key}.`)) out.set(inner, text);
		} else out.set(`${prefix}${key}`, value);
	}
	return out;
}

describe('message catalogues', () => {
	const english = leaves(en);
	const chinese = leaves(zh);

	it('have every string in both languages', () => {
		expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
	});

	it('keep each key in one part, the same part in both languages', () => {
		for (const [firstRoute, onDemand] of [
			[enFirstRoute, enOnDemand],
			[zhFirstRoute, zhOnDemand]
		] as const) {
			const rest = leaves(onDemand);
			expect([...leaves(firstRoute).keys()].filter((key) => rest.has(key))).toEqual([]);
		}
		expect([...leaves(zhFirstRoute).keys()].sort()).toEqual(
			[...leaves(enFirstRoute).keys()].sort()
		);
		expect([...leaves(zhOnDemand).keys()].sort()).toEqual([...leaves(enOnDemand).keys()].sort());
	});

	it('join their parts without losing a key of a section split between them', () => {
		expect(english.size).toBe(leaves(enFirstRoute).size + leaves(enOnDemand).size);
		expect(joinParts({ a: { b: 'one', c: { d: 'two' } } }, { a: { c: { e: 'three' } } })).toEqual({
			a: { b: 'one', c: { d: 'two', e: 'three' } }
		});
	});

	it('have no empty strings', () => {
		for (const [key, text] of [...english, ...chinese]) {
			expect(typeof text === 'string' && text.trim() !== '', key).toBe(true);
		}
	});

	it('use the same placeholders in both languages', () => {
		const placeholders = (text: unknown) =>
			[...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
		for (const [key, text] of english) {
			// A Chinese "one" form may spell out 1 instead of {{count}}.
			const chineseSet = new Set(placeholders(chinese.get(key)));
			const missing = placeholders(text).filter(
				(name) => !chineseSet.has(name) && !(name === 'count' && key.endsWith('_one'))
			);
			expect(missing, key).toEqual([]);
		}
	});
});
