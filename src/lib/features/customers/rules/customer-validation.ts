import * as v from 'valibot';
import {
	CONSENT_METHODS,
	CONSENT_STATES,
	CUSTOMER_SOURCES,
	GENDERS,
	BIRTHDAY_CALENDARS,
	LIFECYCLE_STAGES,
	splitList,
	type CustomerFieldName,
	type CustomerFields,
	type FieldErrors,
	type ValidationMessageKey,
	type ValidationResult
} from './customer';
import { phoneProblem } from './phone';
import { lunarBirthdayVerdict } from './lunar-birthday';

/*
 * The customer form's rules (valibot). Kept apart from customer.ts so the screens that only
 * need the field lists do not load valibot; commands and imports, which validate, run in
 * workers.
 */

const PHONE_MESSAGES = {
	characters: 'validation.phoneCharacters',
	length: 'validation.phoneLength',
	mobile: 'validation.phoneMobile'
} as const satisfies Record<string, ValidationMessageKey>;

const EmailSchema = v.pipe(v.string(), v.email());

function isRealPastDate(iso: string, today: Date): 'ok' | 'invalid' | 'future' {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) return 'invalid';
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) {
		return 'invalid';
	}
	const todayIso = today.toISOString().slice(0, 10);
	return iso > todayIso ? 'future' : 'ok';
}

/** What is wrong with the birthday, read in its own calendar; null when nothing is. */
function birthdayProblem(input: CustomerFields, today: Date): ValidationMessageKey | null {
	const birthday = typeof input.birthday === 'string' ? input.birthday.trim() : '';
	if (birthday === '') return null;
	const verdict =
		input.birthdayCalendar === 'lunar'
			? lunarBirthdayVerdict(birthday, today)
			: isRealPastDate(birthday, today);
	if (verdict === 'invalid') return 'validation.birthdayInvalid';
	return verdict === 'future' ? 'validation.birthdayFuture' : null;
}

const text = (max: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(max, 'validation.tooLong' satisfies ValidationMessageKey)
	);

function customerSchema(today: Date) {
	return v.object({
		name: v.pipe(text(100), v.nonEmpty('validation.nameRequired' satisfies ValidationMessageKey)),
		phone: v.pipe(
			text(40),
			v.rawCheck(({ dataset, addIssue }) => {
				if (!dataset.typed) return;
				const problem = phoneProblem(dataset.value);
				if (problem) addIssue({ message: PHONE_MESSAGES[problem] });
			})
		),
		email: v.pipe(
			text(254),
			v.toLowerCase(),
			v.check(
				(email) => email === '' || v.is(EmailSchema, email),
				'validation.emailInvalid' satisfies ValidationMessageKey
			)
		),
		otherPhones: v.pipe(
			text(200),
			v.rawCheck(({ dataset, addIssue }) => {
				if (!dataset.typed) return;
				for (const phone of splitList(dataset.value)) {
					const problem = phoneProblem(phone);
					if (problem) return addIssue({ message: PHONE_MESSAGES[problem] });
				}
			}),
			v.transform((value) => splitList(value).join(', '))
		),
		otherEmails: v.pipe(
			text(500),
			v.toLowerCase(),
			v.check(
				(value) => splitList(value).every((email) => v.is(EmailSchema, email)),
				'validation.emailInvalid' satisfies ValidationMessageKey
			),
			v.transform((value) => splitList(value).join(', '))
		),
		wechat: text(60),
		gender: v.picklist(['', ...GENDERS], 'validation.choiceInvalid' satisfies ValidationMessageKey),
		birthdayCalendar: v.picklist(
			['', ...BIRTHDAY_CALENDARS],
			'validation.choiceInvalid' satisfies ValidationMessageKey
		),
		// Checked with its calendar in `validateCustomer`: a lunar 二月三十 is a real birthday.
		birthday: v.pipe(v.string(), v.trim()),
		province: text(40),
		city: text(40),
		district: text(40),
		street: text(200),
		company: text(120),
		occupation: text(80),
		tags: v.pipe(
			v.array(
				v.pipe(
					v.string(),
					v.trim(),
					v.nonEmpty('validation.tagInvalid' satisfies ValidationMessageKey),
					v.maxLength(40, 'validation.tagInvalid' satisfies ValidationMessageKey)
				)
			),
			v.transform((tags) => [...new Set(tags)])
		),
		stage: v.picklist(LIFECYCLE_STAGES, 'validation.choiceInvalid' satisfies ValidationMessageKey),
		source: v.picklist(
			['', ...CUSTOMER_SOURCES],
			'validation.choiceInvalid' satisfies ValidationMessageKey
		),
		notes: text(5000),
		consent: v.picklist(CONSENT_STATES, 'validation.choiceInvalid' satisfies ValidationMessageKey),
		consentDate: v.pipe(
			v.string(),
			v.trim(),
			v.rawCheck(({ dataset, addIssue }) => {
				if (!dataset.typed || dataset.value === '') return;
				if (isRealPastDate(dataset.value, today) === 'invalid') {
					addIssue({ message: 'validation.dateInvalid' });
				}
			})
		),
		consentMethod: v.picklist(
			['', ...CONSENT_METHODS],
			'validation.choiceInvalid' satisfies ValidationMessageKey
		),
		// Shape only; whether a value fits its field is checked against the definitions.
		custom: v.record(
			v.string(),
			v.union([v.string(), v.number(), v.boolean(), v.array(v.string())]),
			'validation.choiceInvalid' satisfies ValidationMessageKey
		)
	});
}

let cachedSchema: { day: string; schema: ReturnType<typeof customerSchema> } | null = null;

/** The schema depends only on today's date; building it per row made imports slow. */
function schemaFor(today: Date) {
	const day = today.toISOString().slice(0, 10);
	if (cachedSchema?.day !== day) cachedSchema = { day, schema: customerSchema(today) };
	return cachedSchema.schema;
}

/**
 * Checks and cleans a whole set of customer fields (trimmed, email lower-cased, tags
 * de-duplicated). Returns one message per field that is wrong.
 */
export function validateCustomer(input: CustomerFields, today = new Date()): ValidationResult {
	const result = v.safeParse(schemaFor(today), input, { abortPipeEarly: true });
	const birthday = birthdayProblem(input, today);
	if (result.success && !birthday) return { ok: true, value: result.output as CustomerFields };
	const errors: FieldErrors = birthday ? { birthday } : {};
	if (result.success) return { ok: false, errors };
	for (const issue of result.issues) {
		const key = issue.path?.[0]?.key;
		if (typeof key === 'string' && key in input && !(key in errors)) {
			errors[key as CustomerFieldName] = issue.message as ValidationMessageKey;
		}
	}
	return { ok: false, errors };
}
