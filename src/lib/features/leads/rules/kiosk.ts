import type { CustomerFieldName } from '../../customers/rules/customer';
import type { CustomValues } from '../../custom-fields/rules/custom-fields';
import { MAX_CONSENT_TEXT, type KIOSK_PURPOSES } from './consent';

/** Fields a shop may ask walk-ins for, besides name and phone (always asked). */
export const KIOSK_FIELDS = [
	'email',
	'wechat',
	'gender',
	'birthday',
	'city',
	'company'
] as const satisfies readonly CustomerFieldName[];
export type KioskField = (typeof KIOSK_FIELDS)[number];

/** What a walk-in is given on signing up. */
export const WELCOME_KINDS = ['none', 'points', 'coupon'] as const;
export type WelcomeKind = (typeof WELCOME_KINDS)[number];

export const MAX_WELCOME_POINTS = 100_000;

export interface KioskSettings {
	fields: KioskField[];
	/** The shop's own fields asked too, by field id. */
	customFields: string[];
	/** The consent text the shop writes, per language; the other shows when one is empty. */
	consentText: { en: string; 'zh-CN': string };
	welcome: { kind: WelcomeKind; points: number; campaignId: string };
	/** A survey the kiosk asks instead of the sign-up form ('' for the sign-up form). */
	surveyId: string;
}

export function defaultKioskSettings(): KioskSettings {
	return {
		fields: ['email', 'wechat', 'birthday'],
		customFields: [],
		consentText: { en: '', 'zh-CN': '' },
		welcome: { kind: 'none', points: 0, campaignId: '' },
		surveyId: ''
	};
}

const strings = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Settings as stored, whatever a stranger or an older device left there. */
export function readKioskSettings(stored: unknown): KioskSettings {
	const base = defaultKioskSettings();
	if (typeof stored !== 'object' || stored === null) return base;
	const v = stored as Record<string, unknown>;
	const texts = (typeof v['consentText'] === 'object' && v['consentText']) || {};
	const text = (key: string) => {
		const value = (texts as Record<string, unknown>)[key];
		return typeof value === 'string' ? value.slice(0, MAX_CONSENT_TEXT) : '';
	};
	const welcome = (typeof v['welcome'] === 'object' && v['welcome']) || {};
	const w = welcome as Record<string, unknown>;
	const kind = WELCOME_KINDS.find((k) => k === w['kind']) ?? 'none';
	const points = w['points'];
	return {
		fields: KIOSK_FIELDS.filter((field) => strings(v['fields']).includes(field)),
		customFields: [...new Set(strings(v['customFields']))].slice(0, 50),
		consentText: { en: text('en'), 'zh-CN': text('zh-CN') },
		welcome: {
			kind,
			points:
				typeof points === 'number' &&
				Number.isInteger(points) &&
				points > 0 &&
				points <= MAX_WELCOME_POINTS
					? points
					: 0,
			campaignId: typeof w['campaignId'] === 'string' ? w['campaignId'].slice(0, 40) : ''
		},
		surveyId: typeof v['surveyId'] === 'string' ? v['surveyId'].slice(0, 40) : ''
	};
}

export interface KioskSettingsErrors {
	points?: string;
	campaignId?: string;
	consentText?: string;
}

export function validateKioskSettings(settings: KioskSettings): KioskSettingsErrors {
	const errors: KioskSettingsErrors = {};
	const { welcome } = settings;
	if (
		welcome.kind === 'points' &&
		(!Number.isInteger(welcome.points) ||
			welcome.points <= 0 ||
			welcome.points > MAX_WELCOME_POINTS)
	)
		errors.points = 'leads.errors.welcomePoints';
	if (welcome.kind === 'coupon' && !welcome.campaignId) errors.campaignId = 'validation.required';
	if (Object.values(settings.consentText).some((text) => text.length > MAX_CONSENT_TEXT))
		errors.consentText = 'validation.tooLong';
	return errors;
}

/** The consent text for a language: its own, else the other one the shop wrote. */
export function consentTextFor(settings: KioskSettings, language: 'en' | 'zh-CN'): string {
	const own = settings.consentText[language].trim();
	if (own) return own;
	return settings.consentText[language === 'en' ? 'zh-CN' : 'en'].trim();
}

/** A kiosk PIN is 4 to 8 digits: typed on a tablet's number pad, remembered by the staff. */
export function pinProblem(pin: string): 'leads.errors.pinDigits' | null {
	return /^\d{4,8}$/.test(pin) ? null : 'leads.errors.pinDigits';
}

/** Wrong PINs allowed in a row before the kiosk waits before taking another. */
export const PIN_TRIES = 5;
export const PIN_WAIT_MS = 30_000;

/** How long until another PIN may be tried after `wrong` wrong ones in a row, the last at `lastAt`. */
export function pinWaitMs(wrong: number, lastAt: number, now: number): number {
	if (wrong < PIN_TRIES) return 0;
	return Math.max(0, lastAt + PIN_WAIT_MS - now);
}

/** What a walk-in typed at the kiosk: name and phone, and the fields the shop asks for. */
export interface WalkInAnswers {
	name: string;
	phone: string;
	fields: Partial<Record<(typeof KIOSK_FIELDS)[number], string>>;
	/** Values of the shop's own fields, as the customer form parses them. */
	custom: CustomValues;
	consents: Record<(typeof KIOSK_PURPOSES)[number], boolean>;
	/** The language the form was shown in: the consent text recorded is the one shown. */
	language: 'en' | 'zh-CN';
	/** What the points ledger says of the welcome points, in the shop's words. */
	welcomeNote: string;
}

export interface WalkInWelcome {
	points: number;
	code: string;
}
