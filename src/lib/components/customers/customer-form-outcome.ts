import type { CommandResult } from '$lib/crdt/customer-commands';
import { t } from '$lib/i18n/i18n.svelte';
import type { SubmitOutcome } from './CustomerForm.svelte';

/** Turns a command's result into what the form shows: field messages, or a sentence. */
export function formOutcome(result: CommandResult<unknown>): SubmitOutcome {
	if (result.ok) return { ok: true };
	if (result.reason === 'invalid') return { ok: false, errors: result.errors };
	return { ok: false, message: t('form.notFound') };
}
