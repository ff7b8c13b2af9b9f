import type { CommandResult } from '$lib/features/customers/rules/customer';
import { splitList, type CustomerFields } from '$lib/features/customers/rules/customer';
import { t } from '$lib/i18n/i18n.svelte';
import type { SubmitOutcome } from './CustomerForm.svelte';

/** Turns a command's result into what the form shows: field messages, or a sentence. */
export function formOutcome(result: CommandResult<unknown>): SubmitOutcome {
	if (result.ok) return { ok: true };
	if (result.reason === 'invalid') return { ok: false, errors: result.errors };
	return { ok: false, message: t('form.notFound') };
}

/**
 * The notice after a save. It repeats the warning about a number that cannot exist, which the
 * form shows only once the field is left: Enter in the phone field saves without leaving it.
 */
export async function savedNotice(text: string, fields: CustomerFields): Promise<string> {
	const { firstImpossiblePhone } = await import('$lib/features/customers/rules/phone-check');
	const impossible = firstImpossiblePhone([fields.phone, ...splitList(fields.otherPhones)]);
	return impossible ? t('form.savedPhoneCheck', { saved: text, value: impossible }) : text;
}
