import type { OccasionKind } from './occasions';

/**
 * Message templates: plain text with placeholders, filled in by replacing each known
 * placeholder with its value as text. There is no template language: nothing in a template or
 * a customer's name can run, and the result is shown and sent as text.
 */
export const PLACEHOLDERS = ['name', 'tier', 'points', 'coupon', 'shop'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

export type TemplateOccasion = OccasionKind | 'any';
export const TEMPLATE_OCCASIONS: readonly TemplateOccasion[] = [
	'birthday',
	'festival',
	'anniversary',
	'afterPurchase',
	'any'
];

export interface TemplateFields {
	name: string;
	occasion: TemplateOccasion;
	textEn: string;
	textZh: string;
}

export interface TemplateRow extends TemplateFields {
	id: string;
	createdAt: number;
	updatedAt: number;
}

export const MAX_TEMPLATE_NAME = 80;
export const MAX_TEMPLATE_TEXT = 1000;

export function validateTemplate(
	fields: TemplateFields
): Partial<Record<keyof TemplateFields, string>> {
	const errors: Partial<Record<keyof TemplateFields, string>> = {};
	const name = fields.name.trim();
	if (!name) errors.name = 'validation.required';
	else if (name.length > MAX_TEMPLATE_NAME) errors.name = 'validation.tooLong';
	if (!TEMPLATE_OCCASIONS.includes(fields.occasion)) errors.occasion = 'validation.choiceInvalid';
	if (!fields.textEn.trim() && !fields.textZh.trim()) errors.textEn = 'care.errors.textRequired';
	if (fields.textEn.length > MAX_TEMPLATE_TEXT) errors.textEn = 'validation.tooLong';
	if (fields.textZh.length > MAX_TEMPLATE_TEXT) errors.textZh = 'validation.tooLong';
	return errors;
}

/** The template's text with each placeholder replaced by its value; unknown ones stay as typed. */
export function renderTemplate(text: string, values: TemplateValues): string {
	return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
		(PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole
	);
}

/** The text in the language asked for, else the other one. */
export function templateText(
	template: Pick<TemplateFields, 'textEn' | 'textZh'>,
	language: string
) {
	const chinese = language.startsWith('zh');
	return (chinese ? template.textZh || template.textEn : template.textEn || template.textZh).trim();
}

/** Ready-made templates a shop starts from, one per occasion, in both languages. */
export const STARTER_TEMPLATES: readonly TemplateFields[] = [
	{
		name: 'Birthday · 生日祝福',
		occasion: 'birthday',
		textEn: 'Happy birthday, {name}! Everyone at {shop} wishes you a wonderful year.',
		textZh: '{name}，生日快乐！{shop}全体同事祝您新的一岁万事如意。'
	},
	{
		name: 'Festival · 节日问候',
		occasion: 'festival',
		textEn: 'Warm wishes for the holiday, {name}, from all of us at {shop}.',
		textZh: '{name}，节日快乐！{shop}祝您和家人阖家幸福。'
	},
	{
		name: 'Anniversary · 入会周年',
		occasion: 'anniversary',
		textEn: 'Thank you for another year with {shop}, {name}. You have {points} points to enjoy.',
		textZh: '{name}，感谢您又一年的支持！您在{shop}的积分余额为 {points}。'
	},
	{
		name: 'After a purchase · 购后回访',
		occasion: 'afterPurchase',
		textEn: 'Hi {name}, how are you finding your purchase from {shop}? Tell us if we can help.',
		textZh: '{name}您好，最近在{shop}购买的商品用得怎么样？有任何问题欢迎随时联系我们。'
	}
];
