import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { toasts } from '$lib/state/toasts.svelte';
import { members } from '$lib/features/shop/ui/members.svelte';
import type { FeedbackFields, FeedbackRow, FeedbackStatus } from '../rules/feedback';

/** What logging feedback does besides the item itself (see FeedbackFollowUp). */
export interface FollowUpChoice {
	taskDue: string;
	taskTitle: string;
	goodwillCampaignId: string;
}

/** The feedback screens' actions, and the dialogs that ask first. */
export class FeedbackActions {
	/** The log dialog, with the customer when it was opened from their profile. */
	logging = $state<{ customerId: string } | null>(null);
	/** The item being resolved (a note and the customer's satisfaction first). */
	resolving = $state<FeedbackRow | null>(null);

	constructor(private readonly session: WorkspaceSession) {}

	log = async (
		fields: FeedbackFields,
		followUp: FollowUpChoice | null
	): Promise<Partial<Record<string, string>> | null> => {
		const result = await this.session.commands.logFeedback(fields, followUp).catch(failed);
		if (result && !result.ok && result.reason === 'invalid') return result.errors;
		if (!result?.ok) {
			toasts.show(t('feedback.notSaved'), { tone: 'error' });
			return null;
		}
		this.logging = null;
		toasts.show(t(`feedback.logged.${fields.kind}`), this.#undo());
		return null;
	};

	async move(item: FeedbackRow, status: FeedbackStatus, resolution = ''): Promise<boolean> {
		const result = await this.session.commands
			.setFeedbackStatus(item.id, status, resolution)
			.catch(failed);
		if (!result?.ok) {
			toasts.show(t('feedback.refused'), { tone: 'error' });
			return false;
		}
		toasts.show(t('feedback.moved', { status: t(`feedback.status.${status}`) }), this.#undo());
		return true;
	}

	resolve = async (resolution: string, satisfaction: number | null): Promise<void> => {
		const item = this.resolving;
		if (!item) return;
		this.resolving = null;
		if (!(await this.move(item, 'resolved', resolution))) return;
		if (satisfaction !== null)
			await this.session.commands.updateFeedback(item.id, { satisfaction }).catch(failed);
	};

	async assign(item: FeedbackRow, ownerId: string): Promise<void> {
		const result = await this.session.commands.assignFeedback(item.id, ownerId).catch(failed);
		if (!result?.ok) {
			toasts.show(t('feedback.refused'), { tone: 'error' });
			return;
		}
		const name = ownerId ? (members.of(ownerId)?.name ?? t('leads.someone')) : t('leads.nobody');
		toasts.show(t('feedback.assigned', { owner: name }), this.#undo());
	}

	#undo() {
		return { action: { label: t('common.undo'), run: () => void this.session.undo() } };
	}
}

/** A command that failed outright (storage refused, say): the item stays as it was. */
function failed(error: unknown): null {
	console.error('Clientbook could not change the feedback', error);
	return null;
}

export function errorOf(
	errors: Partial<Record<string, string>>,
	field: string
): string | undefined {
	const key = errors[field];
	return key ? t(key as MessageKey) : undefined;
}
