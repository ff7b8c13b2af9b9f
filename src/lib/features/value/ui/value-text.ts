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
	const since = (days: number) => t('value.reason.since', { count: days });
	const every = (interval: number) => t('value.reason.every', { count: interval });
	const join = (first: string, second: string) => t('value.reason.join', { first, second });
	switch (reason.kind) {
		case 'overdue':
			return join(every(reason.usualIntervalDays), since(reason.daysSince));
		case 'oneTime':
			return t('value.reason.oneTime', { count: reason.daysSince });
		case 'silent':
			return t('value.reason.silent', {
				days: reason.daysSince,
				lost: DEFAULT_STAGE_RULES.lostAfterDays
			});
		case 'model':
			return t('value.reason.model', { chance: percent(reason.probabilityAlive) });
		case 'onTime':
			return reason.usualIntervalDays === null
				? since(reason.daysSince)
				: join(every(reason.usualIntervalDays), since(reason.daysSince));
	}
}
