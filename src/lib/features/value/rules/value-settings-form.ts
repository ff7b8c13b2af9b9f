import { centsToDecimal, parseMoney } from '../../../domain/money';
import { ABC_SPLITS, DEFAULT_VALUE_SETTINGS, type ValueSettings } from './value-settings';

/** The settings as the form holds them: text, as typed. */
export interface ValueSettingsForm {
	windowMonths: string;
	scoring: 'quintiles' | 'cuts';
	cutsRecency: string[];
	cutsFrequency: string[];
	cutsMonetary: string[];
	lines: 'averages' | 'own';
	lineRecency: string;
	lineFrequency: string;
	lineMonetary: string;
	abc: string;
	discountPercent: string;
}

/** What is wrong with a field, as a message key of `value.settingsErrors`. */
export type SettingsProblem = 'wholeNumber' | 'amount' | 'recencyOrder' | 'ascending' | 'discount';

export type SettingsErrors = Partial<Record<keyof ValueSettingsForm, SettingsProblem>>;

export function settingsForm(
	settings: ValueSettings,
	fallbackLines: {
		recencyDays: number;
		frequency: number;
		monetaryCents: number;
	}
): ValueSettingsForm {
	const own = settings.lines === 'averages' ? fallbackLines : settings.lines;
	return {
		windowMonths: String(settings.windowMonths),
		scoring: settings.scoring,
		cutsRecency: settings.cuts.recencyDays.map(String),
		cutsFrequency: settings.cuts.frequency.map(String),
		cutsMonetary: settings.cuts.monetaryCents.map(centsToDecimal),
		lines: settings.lines === 'averages' ? 'averages' : 'own',
		lineRecency: String(Math.round(own.recencyDays)),
		lineFrequency: String(Math.round(own.frequency)),
		lineMonetary: centsToDecimal(Math.round(own.monetaryCents)),
		abc: settings.abc.join('/'),
		discountPercent: String(Math.round(settings.monthlyDiscount * 1_000_000) / 10_000)
	};
}

const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);

/** The form read back into settings, or what is wrong with which field. */
export function readSettingsForm(
	form: ValueSettingsForm
): { ok: true; settings: ValueSettings } | { ok: false; errors: SettingsErrors } {
	const errors: SettingsErrors = {};
	const recency = form.cutsRecency.map(whole);
	const frequency = form.cutsFrequency.map(whole);
	const monetary = form.cutsMonetary.map(parseMoney);
	if (form.scoring === 'cuts') {
		if (recency.some((v) => v === null)) errors.cutsRecency = 'wholeNumber';
		else if (recency.some((v, i) => i > 0 && v! > recency[i - 1]!))
			errors.cutsRecency = 'recencyOrder';
		if (frequency.some((v) => v === null)) errors.cutsFrequency = 'wholeNumber';
		else if (frequency.some((v, i) => i > 0 && v! < frequency[i - 1]!))
			errors.cutsFrequency = 'ascending';
		if (monetary.some((v) => v === null)) errors.cutsMonetary = 'amount';
		else if (monetary.some((v, i) => i > 0 && v! < monetary[i - 1]!))
			errors.cutsMonetary = 'ascending';
	}
	const lineRecency = whole(form.lineRecency);
	const lineFrequency = whole(form.lineFrequency);
	const lineMonetary = parseMoney(form.lineMonetary);
	if (form.lines === 'own') {
		if (lineRecency === null) errors.lineRecency = 'wholeNumber';
		if (lineFrequency === null) errors.lineFrequency = 'wholeNumber';
		if (lineMonetary === null) errors.lineMonetary = 'amount';
	}
	const discount = Number(form.discountPercent.trim().replace(/%$/, ''));
	if (
		form.discountPercent.trim() === '' ||
		!Number.isFinite(discount) ||
		discount < 0 ||
		discount > 20
	)
		errors.discountPercent = 'discount';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const split = ABC_SPLITS.find((candidate) => candidate.join('/') === form.abc) ?? ABC_SPLITS[0];
	const months = whole(form.windowMonths);
	return {
		ok: true,
		settings: {
			windowMonths: months !== null && months >= 1 && months <= 60 ? months : 12,
			scoring: form.scoring,
			cuts: {
				recencyDays: recency.every((v) => v !== null)
					? (recency as number[])
					: DEFAULT_VALUE_SETTINGS.cuts.recencyDays,
				frequency: frequency.every((v) => v !== null)
					? (frequency as number[])
					: DEFAULT_VALUE_SETTINGS.cuts.frequency,
				monetaryCents: monetary.every((v) => v !== null)
					? (monetary as number[])
					: DEFAULT_VALUE_SETTINGS.cuts.monetaryCents
			},
			lines:
				form.lines === 'own'
					? { recencyDays: lineRecency!, frequency: lineFrequency!, monetaryCents: lineMonetary! }
					: 'averages',
			abc: split,
			monthlyDiscount: discount / 100
		}
	};
}
