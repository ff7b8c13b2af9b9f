import { describe, expect, it } from 'vitest';
import enFirstRoute from '../../src/lib/i18n/en/first-route.json';
import enOnDemand from '../../src/lib/i18n/en/on-demand.json';
import zhFirstRoute from '../../src/lib/i18n/zh-CN/first-route.json';
import zhOnDemand from '../../src/lib/i18n/zh-CN/on-demand.json';

// Each language's catalogue is two files of whole top-level sections (see i18n.svelte.ts).
const en = { ...enFirstRoute, ...enOnDemand };
const zh = { ...zhFirstRoute, ...zhOnDemand };

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

	it('keep each section in one part, the same part in both languages', () => {
		const parts: [object, object][] = [
			[enFirstRoute, enOnDemand],
			[zhFirstRoute, zhOnDemand]
		];
		for (const [firstRoute, onDemand] of parts) {
			const inBoth = Object.keys(firstRoute).filter((section) => section in onDemand);
			expect(inBoth).toEqual([]);
		}
		expect(Object.keys(zhFirstRoute).sort()).toEqual(Object.keys(enFirstRoute).sort());
		expect(Object.keys(zhOnDemand).sort()).toEqual(Object.keys(enOnDemand).sort());
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
