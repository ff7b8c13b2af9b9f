import i18next, { type TFunction } from 'i18next';
import en from './en.json';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

type Leaves<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends Record<string, unknown>
		? Leaves<T[K], `${Prefix}${K}.`>
		: `${Prefix}${K}`;
}[keyof T & string];
type WithoutPluralSuffix<K extends string> = K extends `${infer Base}_${'one' | 'other'}`
	? Base
	: K;

/** Every message key of the English catalogue (plural forms folded), checked at compile time. */
export type MessageKey = WithoutPluralSuffix<Leaves<typeof en>>;
export type MessageParams = Record<string, string | number>;

const STORAGE_KEY = 'clientbook.locale';

const engine = i18next.createInstance();
void engine.init({
	// Chinese is loaded when it is first needed, so English pages do not carry it (and back).
	resources: { en: { translation: en } },
	lng: 'en',
	fallbackLng: 'en',
	supportedLngs: [...LOCALES],
	// Svelte escapes everything it renders as text, so escaping here would double it.
	interpolation: { escapeValue: false },
	initAsync: false,
	returnNull: false
});

const translators: Record<Locale, TFunction> = {
	en: engine.getFixedT('en'),
	'zh-CN': engine.getFixedT('zh-CN')
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, else the first browser language we speak, else English. */
export function detectLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
	if (isLocale(saved)) return saved;
	for (const language of browserLanguages) {
		const lower = language.toLowerCase();
		if (lower.startsWith('zh')) return 'zh-CN';
		if (lower.startsWith('en')) return 'en';
	}
	return 'en';
}

/** Loads a language's messages once; English is built in. */
async function loadCatalogue(locale: Locale): Promise<void> {
	if (engine.hasResourceBundle(locale, 'translation')) return;
	const messages = (await import('./zh-CN.json')).default;
	engine.addResourceBundle(locale, 'translation', messages);
}

class LocaleState {
	current = $state<Locale>('en');

	/** Follows the saved choice or the browser; call once in the browser, before rendering. */
	async init(): Promise<void> {
		let saved: string | null = null;
		try {
			saved = localStorage.getItem(STORAGE_KEY);
		} catch {
			// Storage can be blocked; the browser language still applies.
		}
		await this.#apply(detectLocale(saved, navigator.languages ?? [navigator.language]));
	}

	async set(locale: Locale): Promise<void> {
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not saved, but the switch still applies for this visit.
		}
		await this.#apply(locale);
	}

	async #apply(locale: Locale): Promise<void> {
		await loadCatalogue(locale);
		this.current = locale;
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}
}

export const locale = new LocaleState();

/** Translates a key in the current language. Reading `locale.current` makes callers reactive. */
export function t(key: MessageKey, params?: MessageParams): string {
	return translators[locale.current](key, params ?? {}) as string;
}

// Timelines and tables format a date per row; building the formatter is the costly part.
// A plain cache: nothing renders from it, so it need not be reactive.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale.current}|${options.dateStyle}|${options.timeStyle ?? ''}`;
	let format = dateFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale.current, options);
		dateFormats.set(key, format);
	}
	return format;
}

export function formatDate(ms: number, style: 'medium' | 'long' = 'medium'): string {
	return dateFormat({ dateStyle: style }).format(ms);
}

export function formatDateTime(ms: number): string {
	return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatBytes(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = value >= 100 || unit === 0 ? 0 : 1;
	return `${new Intl.NumberFormat(locale.current, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
