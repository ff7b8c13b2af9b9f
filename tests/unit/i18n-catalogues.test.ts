import { describe, expect, it } from 'vitest';
import en from '../../src/lib/i18n/en.json';
import zh from '../../src/lib/i18n/zh-CN.json';

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
