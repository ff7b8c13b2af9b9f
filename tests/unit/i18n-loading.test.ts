import { describe, expect, it, vi } from 'vitest';
import { loadAllMessages, locale, t } from '../../src/lib/i18n/i18n.svelte';

// One sequence: the catalogue's parts, once loaded, stay loaded for the module's life.
describe('messages loaded in parts', () => {
	it('have the first route’s text at once and the rest once loaded', async () => {
		expect(t('customers.title')).toBe('Customers');
		// What another route would show if it did not wait (the root layout's load waits).
		expect(t('tags.title')).toBe('tags.title');
		await loadAllMessages();
		expect(t('tags.title')).toBe('Tags');
	});

	it('load both parts of a language switched to after that, before showing it', async () => {
		const switching = locale.set('zh-CN');
		expect(locale.current).toBe('en');
		await switching;
		expect(locale.current).toBe('zh-CN');
		expect(t('customers.title')).toBe('客户');
		expect(t('tags.title')).toBe('标签');
	});

	it('end on the language asked for last, though an earlier one loads longer', async () => {
		vi.resetModules(); // a fresh catalogue, with Chinese not loaded yet
		const fresh = await import('../../src/lib/i18n/i18n.svelte');
		const chinese = fresh.locale.set('zh-CN');
		const english = fresh.locale.set('en'); // built in: done first
		await Promise.all([chinese, english]);
		expect(fresh.locale.current).toBe('en');
	});
});
