import { describe, expect, it, vi } from 'vitest';
import type { Locale, Words } from '../../src/lib/i18n/i18n.svelte';

/** Each language's words arrive when the test says, or fail as an offline fetch would. */
const pending = new Map<
	Locale,
	{ resolve: (words: Words) => void; reject: (error: Error) => void }
>();
vi.mock('../../src/lib/i18n/i18n.svelte', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../src/lib/i18n/i18n.svelte')>()),
	wordsIn: (language: Locale) =>
		new Promise<Words>((resolve, reject) => pending.set(language, { resolve, reject }))
}));

const { CustomerDataCopy } =
	await import('../../src/lib/features/privacy/ui/customer-data-copy.svelte');

const wordsOf = (language: Locale): Words => ({
	language,
	t: (key) => `${language}:${key}`,
	date: () => '',
	dateTime: () => ''
});
const session = { currency: 'CNY' } as ConstructorParameters<typeof CustomerDataCopy>[0];

describe("the copy's language", () => {
	it('stays as it was when the language asked for cannot be loaded, and says why', async () => {
		const copy = new CustomerDataCopy(session);
		const english = copy.useLanguage('en');
		pending.get('en')!.resolve(wordsOf('en'));
		await english;
		const chinese = copy.useLanguage('zh-CN');
		pending.get('zh-CN')!.reject(new Error('Failed to fetch'));
		await chinese;
		expect(copy.words?.language).toBe('en');
		expect(copy.languageProblem).toContain('Failed to fetch');

		const again = copy.useLanguage('zh-CN');
		pending.get('zh-CN')!.resolve(wordsOf('zh-CN'));
		await again;
		expect(copy.words?.language).toBe('zh-CN');
		expect(copy.languageProblem).toBeNull();
	});

	it('follows the last choice when an earlier one arrives late', async () => {
		const copy = new CustomerDataCopy(session);
		const first = copy.useLanguage('zh-CN');
		const second = copy.useLanguage('en');
		pending.get('en')!.resolve(wordsOf('en'));
		await second;
		pending.get('zh-CN')!.resolve(wordsOf('zh-CN'));
		await first;
		expect(copy.words?.language).toBe('en');
	});
});
