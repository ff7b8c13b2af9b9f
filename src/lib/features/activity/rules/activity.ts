import * as v from 'valibot';
import { isDateKey } from '../../../domain/dates';
import { linesSubtotalCents } from './purchase-total';
import {
	DIRECTIONS,
	INTERACTION_KINDS,
	PAYMENT_METHODS,
	PURCHASE_CHANNELS,
	type InteractionFields,
	type PurchaseFields,
	type TaskFields
} from './activity-fields';

/**
 * Purchases, interactions and tasks: what happened with a customer and what comes next.
 * Validation messages are i18n keys, like the customer form's.
 */

export * from './activity-fields';
export type ActivityMessageKey =
	| 'validation.required'
	| 'validation.tooLong'
	| 'validation.choiceInvalid'
	| 'validation.dateInvalid'
	| 'validation.timeInvalid'
	| 'validation.linesRequired'
	| 'validation.quantityInvalid'
	| 'validation.amountInvalid'
	| 'validation.discountTooLarge'
	| 'validation.repeatInvalid'
	| 'loyalty.errors.notEnoughPoints'
	| 'loyalty.errors.belowMinimum'
	| 'loyalty.errors.moreThanPayable'
	| 'loyalty.errors.off'
	| `coupons.problem.${'unknown' | 'notYetValid' | 'expired' | 'belowMinimum' | 'outOfScope' | 'used' | 'limitReached' | 'otherCustomer' | 'discountMismatch'}`;

export type ActivityErrors<F> = Partial<Record<keyof F, ActivityMessageKey>>;
export type ActivityResult<F> = { ok: true; value: F } | { ok: false; errors: ActivityErrors<F> };

const msg = (key: ActivityMessageKey) => key;
const text = (max: number) =>
	v.pipe(v.string(), v.trim(), v.maxLength(max, msg('validation.tooLong')));
const moment = v.pipe(
	v.number(),
	v.finite(msg('validation.dateInvalid')),
	v.minValue(0, msg('validation.dateInvalid'))
);
const customerId = v.pipe(v.string(), v.nonEmpty(msg('validation.required')));
const optionalDate = v.pipe(
	v.string(),
	v.check((s) => s === '' || isDateKey(s), msg('validation.dateInvalid'))
);

const LineSchema = v.object({
	product: v.pipe(text(120), v.nonEmpty(msg('validation.required'))),
	productId: v.optional(v.string()),
	quantity: v.pipe(
		v.number(),
		v.integer(msg('validation.quantityInvalid')),
		v.minValue(1, msg('validation.quantityInvalid')),
		v.maxValue(1_000_000, msg('validation.quantityInvalid'))
	),
	unitPriceCents: v.pipe(
		v.number(),
		v.integer(msg('validation.amountInvalid')),
		v.minValue(0, msg('validation.amountInvalid')),
		v.maxValue(1e11, msg('validation.amountInvalid'))
	)
});

export { linesSubtotalCents, purchaseTotalCents } from './purchase-total';

const PurchaseSchema = v.pipe(
	v.object({
		customerId,
		at: moment,
		lines: v.pipe(v.array(LineSchema), v.minLength(1, msg('validation.linesRequired'))),
		discountCents: v.pipe(
			v.number(),
			v.integer(msg('validation.amountInvalid')),
			v.minValue(0, msg('validation.amountInvalid'))
		),
		payment: v.picklist(PAYMENT_METHODS, msg('validation.choiceInvalid')),
		channel: v.picklist(PURCHASE_CHANNELS, msg('validation.choiceInvalid')),
		note: text(2000),
		pointsRedeemed: v.optional(
			v.pipe(
				v.number(),
				v.integer(msg('validation.amountInvalid')),
				v.minValue(0, msg('validation.amountInvalid')),
				v.maxValue(1e9, msg('validation.amountInvalid'))
			)
		),
		pointsValueCents: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
		couponCode: v.optional(v.pipe(v.string(), v.maxLength(40, msg('validation.tooLong')))),
		couponDiscountCents: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)))
	}),
	v.forward(
		v.check(
			(p) => p.discountCents <= linesSubtotalCents(p.lines),
			msg('validation.discountTooLarge')
		),
		['discountCents']
	)
);

const InteractionSchema = v.object({
	customerId,
	at: moment,
	kind: v.picklist(INTERACTION_KINDS, msg('validation.choiceInvalid')),
	direction: v.picklist(DIRECTIONS, msg('validation.choiceInvalid')),
	summary: v.pipe(text(2000), v.nonEmpty(msg('validation.required'))),
	outcome: text(500),
	nextStep: text(500),
	followUpDate: optionalDate,
	products: v.array(v.pipe(text(120), v.nonEmpty(msg('validation.required'))))
});

const TaskSchema = v.object({
	customerId,
	title: v.pipe(text(200), v.nonEmpty(msg('validation.required'))),
	due: v.pipe(v.string(), v.check(isDateKey, msg('validation.dateInvalid'))),
	dueTime: v.pipe(
		v.string(),
		v.check((s) => s === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(s), msg('validation.timeInvalid'))
	),
	repeatAfterPurchaseDays: v.pipe(
		v.number(),
		v.integer(msg('validation.repeatInvalid')),
		v.minValue(0, msg('validation.repeatInvalid')),
		v.maxValue(3650, msg('validation.repeatInvalid'))
	)
});

function check<F>(schema: v.GenericSchema<F, F>, input: F): ActivityResult<F> {
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return { ok: true, value: result.output };
	const errors: ActivityErrors<F> = {};
	for (const issue of result.issues) {
		const key = issue.path?.[0]?.key as keyof F | undefined;
		if (key !== undefined && !(key in errors)) errors[key] = issue.message as ActivityMessageKey;
	}
	return { ok: false, errors };
}

export const validatePurchase = (input: PurchaseFields) =>
	check(PurchaseSchema as v.GenericSchema<PurchaseFields, PurchaseFields>, input);
export const validateInteraction = (input: InteractionFields) =>
	check(InteractionSchema as v.GenericSchema<InteractionFields, InteractionFields>, input);
export const validateTask = (input: TaskFields) =>
	check(TaskSchema as v.GenericSchema<TaskFields, TaskFields>, input);
