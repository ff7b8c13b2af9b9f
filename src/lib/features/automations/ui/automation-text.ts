import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import type { Action, Trigger } from '../rules/automations';

/** The trigger in words: "3 days before the birthday". */
export function triggerText(trigger: Trigger, tierName: string): string {
	switch (trigger.kind) {
		case 'reachedTier':
			return t('automations.describe.reachedTier', { tier: tierName || '?' });
		case 'becameHighRisk':
		case 'newCustomer':
			return t(`automations.describe.${trigger.kind}` as MessageKey);
		default:
			return t(`automations.describe.${trigger.kind}` as MessageKey, { count: trigger.days });
	}
}

/** An action in words: "Follow-up task: Call about their birthday". */
export function actionText(
	action: Action,
	names: { campaign?: string; template?: string; member?: string }
) {
	switch (action.kind) {
		case 'task':
			return (
				t('automations.describe.task', { title: action.text }) +
				(names.member ? ` (${t('automations.describe.forMember', { name: names.member })})` : '')
			);
		case 'addTag':
			return t('automations.describe.addTag', { tag: action.text });
		case 'removeTag':
			return t('automations.describe.removeTag', { tag: action.text });
		case 'coupon':
			return t('automations.describe.coupon', { campaign: names.campaign ?? '?' });
		case 'points':
			return t('automations.describe.points', { count: action.points });
		case 'greeting':
			return t('automations.describe.greeting', { template: names.template ?? '?' });
	}
}
