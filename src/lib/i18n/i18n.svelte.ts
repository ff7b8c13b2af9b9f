import i18next, { type TFunction } from 'i18next';
import enFirstRoute from './en/first-route.json';
import type enOnDemand from './en/on-demand.json';

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

/**
 * Every message key of the English catalogue, both parts (plural forms folded), checked at
 * compile time.
 */
export type MessageKey = WithoutPluralSuffix<Leaves<typeof enFirstRoute & typeof enOnDemand>>;
export type MessageParams = Record<string, string | number>;

/**
 * Each language's messages come in two parts, split by key. `first-route` holds the keys the
 * first route (the layout, the list, Today, toasts, the sync indicator) names; `on-demand`
 * holds the rest, and loads before any other route renders (the root layout's `load`); a
 * section may be split between them, and the parts merge. English's first part is built in;
 * everything else loads when first needed. tests/unit/i18n-first-route.test.ts checks that
 * every key the first route's modules name is in the first part.
 */
type CataloguePart = 'first-route' | 'on-demand';
type Messages = Record<string, unknown>;

const PARTS: Record<Locale, Record<CataloguePart, () => Promise<{ default: Messages }>>> = {
	en: {
		'first-route': async () => ({ default: enFirstRoute }),
		'on-demand': () => import('./en/on-demand.json')
	},
	'zh-CN': {
		'first-route': () => import('./zh-CN/first-route.json'),
		'on-demand': () => import('./zh-CN/on-demand.json')
	}
};

/**
 * The routes that render with the first-route messages alone: the list, Today, and `/`, which
 * opens one of them. Every other route waits for all messages (see routes/+layout.ts).
 */
export const FIRST_ROUTE_IDS: readonly string[] = ['/', '/customers', '/today'];

const STORAGE_KEY = 'clientbook.locale';

const engine = i18next.createInstance();
void engine.init({
	// The rest is loaded when it is first needed, so the first route does not carry it.
	resources: { en: { translation: enFirstRoute } },
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

/** Counts the parts added, so `t` calls made before a part arrived run again once it has. */
const catalogue = $state({ version: 0 });

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- promises, nothing renders them
const partLoads = new Map<string, Promise<void>>([['en/first-route', Promise.resolve()]]);

/** Loads one part of a language's messages, once. */
function loadPart(locale: Locale, part: CataloguePart): Promise<void> {
	const id = `${locale}/${part}`;
	let loading = partLoads.get(id);
	if (!loading) {
		loading = PARTS[locale][part]().then(({ default: messages }) => {
			engine.addResourceBundle(locale, 'translation', messages, true, false);
			catalogue.version++;
		});
		partLoads.set(id, loading);
		// A part that could not be fetched (offline, before the app was cached) is asked for again.
		loading.catch(() => partLoads.delete(id));
	}
	return loading;
}

/** Set once any route has needed every message: languages switched to then load both parts. */
let allMessagesWanted = false;

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

class LocaleState {
	current = $state<Locale>('en');
	/** The language last asked for: `current` once its messages have loaded. */
	#wanted: Locale = 'en';
	#applying: Promise<void> = Promise.resolve();
	#initialised: Promise<void> | undefined;

	get wanted(): Locale {
		return this.#wanted;
	}

	/** Resolves once the language last asked for is in use, its messages loaded. */
	settled(): Promise<void> {
		return this.#applying;
	}

	/** Follows the saved choice or the browser, once; call in the browser, before rendering. */
	init(): Promise<void> {
		this.#initialised ??= this.#switchTo(this.#detect()).catch((error: unknown) => {
			this.#initialised = undefined; // e.g. offline before Chinese was cached: try again later
			throw error;
		});
		return this.#initialised;
	}

	async set(locale: Locale): Promise<void> {
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not saved, but the switch still applies for this visit.
		}
		await this.#switchTo(locale);
	}

	#switchTo(locale: Locale): Promise<void> {
		this.#applying = this.#apply(locale);
		return this.#applying;
	}

	#detect(): Locale {
		let saved: string | null = null;
		try {
			saved = localStorage.getItem(STORAGE_KEY);
		} catch {
			// Storage can be blocked; the browser language still applies.
		}
		return detectLocale(saved, navigator.languages ?? [navigator.language]);
	}

	async #apply(locale: Locale): Promise<void> {
		this.#wanted = locale;
		await Promise.all([
			loadPart(locale, 'first-route'),
			allMessagesWanted ? loadPart(locale, 'on-demand') : undefined
		]);
		// All messages may have been asked for while the first part loaded.
		if (allMessagesWanted) await loadPart(locale, 'on-demand');
		// A later switch won the race; it sets the language itself.
		if (this.#wanted !== locale) return;
		this.current = locale;
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}
}

export const locale = new LocaleState();

/**
 * Loads every message of the language in use (and of any language switched to later). Routes
 * other than the first route await it before rendering; see routes/+layout.ts.
 */
export async function loadAllMessages(): Promise<void> {
	allMessagesWanted = true;
	// A language being switched to loads its own rest before it is used (see #apply).
	await Promise.all([loadPart(locale.wanted, 'on-demand'), locale.settled()]);
}

/**
 * Translates a key in the current language. Reading `locale.current` and the catalogue's
 * version makes callers reactive: to a language switch, and to messages that arrive later.
 */
export function t(key: MessageKey, params?: MessageParams): string {
	const version = catalogue.version;
	const language = locale.current;
	if (params !== undefined) return translators[language](key, params) as string;
	// A label without values is the same every time until the language or the catalogue changes:
	// lists of hundreds of rows ask for the same few (25 feedback items, 300 lookups).
	const stamp = `${language}|${version}`;
	if (stamp !== plainStamp) {
		plainTexts.clear();
		plainStamp = stamp;
	}
	let text = plainTexts.get(key);
	if (text === undefined) {
		text = translators[language](key, {}) as string;
		plainTexts.set(key, text);
	}
	return text;
}

// A plain cache: nothing renders from it, so it need not be reactive.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const plainTexts = new Map<string, string>();
let plainStamp = '';

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
	// A no-break space: "10 GB" never splits across lines.
	return `${new Intl.NumberFormat(locale.current, { maximumFractionDigits: digits }).format(value)}\u00a0${units[unit]}`;
}

/** Words in one fixed language, whatever the app's: a document made for a customer in theirs. */
export interface Words {
	language: Locale;
	t(key: MessageKey, params?: MessageParams): string;
	date(ms: number): string;
	dateTime(ms: number): string;
}

/** Loads every message of `language` (the app's language stays as it is) and returns its words. */
export async function wordsIn(language: Locale): Promise<Words> {
	await Promise.all([loadPart(language, 'first-route'), loadPart(language, 'on-demand')]);
	const translate = translators[language];
	const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
	const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
	return {
		language,
		t: (key, params) => translate(key, params ?? {}) as string,
		date: (ms) => date.format(ms),
		dateTime: (ms) => dateTime.format(ms)
	};
}
