import { formatMoney } from '$lib/domain/money';
import { t } from '$lib/i18n/i18n.svelte';
import type { TierBasis } from '../rules/loyalty-settings';
import type { EntryKind, PointsEntry } from '../rules/points-ledger';

/** A tier threshold or measure in the basis's own unit: points, money or purchases. */
export function measureText(
	basis: TierBasis,
	amount: number,
	language: string,
	currency: string
): string {
	if (basis === 'spend') return formatMoney(amount, language, currency);
	if (basis === 'purchases') return t('loyalty.purchasesCount', { count: amount });
	return t('loyalty.pointsCount', { count: amount });
}

const KIND_KEYS = {
	earn: 'loyalty.kind.earn',
	redeem: 'loyalty.kind.redeem',
	adjust: 'loyalty.kind.adjust',
	reverse: 'loyalty.kind.reverse',
	bonus: 'loyalty.kind.bonus'
} as const satisfies Record<EntryKind, string>;

/** What an entry was, in words: "Earned on a purchase", "Reversed: purchase deleted"… */
export function entryText(entry: Pick<PointsEntry, 'kind' | 'ofKind'>): string {
	if (entry.kind === 'reverse') {
		return entry.ofKind === 'redeem' ? t('loyalty.kind.refund') : t(KIND_KEYS.reverse);
	}
	return t(KIND_KEYS[entry.kind]);
}

/** Signed points, with a plus for what was added. */
export function signedPoints(points: number, language: string): string {
	const text = new Intl.NumberFormat(language).format(Math.abs(points));
	return points > 0 ? `+${text}` : points < 0 ? `−${text}` : text;
}
