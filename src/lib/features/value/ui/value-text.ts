import { DEFAULT_STAGE_RULES } from '../../customers/rules/customer-metrics';
import type { RiskReason } from '../rules/churn';
import type { MessageKey, MessageParams } from '../../../i18n/i18n.svelte';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A risk reason in words: "usually buys every 21 days; 63 days since the last purchase". */
export function reasonText(
	reason: RiskReason,
	t: Translate,
	percent: (share: number) => string
): string {
	switch (reason.kind) {
		case 'overdue':
			return t('value.reason.overdue', {
				interval: reason.usualIntervalDays,
				days: reason.daysSince
			});
		case 'oneTime':
			return t('value.reason.oneTime', { days: reason.daysSince });
		case 'silent':
			return t('value.reason.silent', {
				days: reason.daysSince,
				lost: DEFAULT_STAGE_RULES.lostAfterDays
			});
		case 'model':
			return t('value.reason.model', { chance: percent(reason.probabilityAlive) });
		case 'onTime':
			return reason.usualIntervalDays === null
				? t('value.reason.onTime', { days: reason.daysSince })
				: t('value.reason.onTimeInterval', {
						interval: reason.usualIntervalDays,
						days: reason.daysSince
					});
	}
}
