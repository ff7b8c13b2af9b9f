import { formatMoney } from '../../../domain/money';
import type { SeriesUnit } from '../dashboard';

/**
 * How the insights' numbers are written: money in the shop's currency, counts and shares in the
 * language's digits; `formatTick` briefly, for a chart's axis.
 */
export function unitFormats(locale: string, currency: string) {
	const counts = new Intl.NumberFormat(locale);
	const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
	const compactMoney = new Intl.NumberFormat(locale, {
		style: 'currency',
		currency,
		currencyDisplay: 'narrowSymbol',
		notation: 'compact'
	});
	const money = (cents: number) => formatMoney(cents, locale, currency);
	return {
		counts,
		percents,
		money,
		/** A value of a series; a `percent` series holds 0–100. */
		format: (value: number, unit: SeriesUnit) =>
			unit === 'cents'
				? money(value)
				: unit === 'percent'
					? percents.format(value / 100)
					: counts.format(value),
		formatTick: (value: number, unit: SeriesUnit) =>
			unit === 'cents'
				? compactMoney.format(value / 100)
				: unit === 'percent'
					? percents.format(value / 100)
					: counts.format(value)
	};
}
