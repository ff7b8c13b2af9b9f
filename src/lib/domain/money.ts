/**
 * Money is integer cents (分) everywhere: sums are exact, and only formatting divides by 100.
 */

const MONEY_TEXT = /^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;

/** "120.50", "¥1,200.5", "80" → cents; null when it is not an amount (or has fractions of a cent). */
export function parseMoney(text: string): number | null {
	const cleaned = text
		.trim()
		.replace(/^[¥￥]|^cny\s*|^rmb\s*/i, '')
		.trim();
	if (!MONEY_TEXT.test(cleaned)) return null;
	const [whole = '0', fraction = ''] = cleaned.replace(/,/g, '').split('.');
	const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
	return Number.isSafeInteger(cents) ? cents : null;
}

export function sumCents(amounts: readonly number[]): number {
	let total = 0;
	for (const amount of amounts) total += amount;
	return total;
}

/** Cents as a plain decimal string for form fields: 12050 → "120.50". */
export function centsToDecimal(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

// Building an Intl.NumberFormat costs far more than formatting with one, and every list row
// formats an amount, so one formatter per language and currency is kept.
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number, locale: string, currency = 'CNY'): string {
	const key = `${locale}|${currency}`;
	let format = moneyFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, {
			style: 'currency',
			currency,
			currencyDisplay: 'narrowSymbol'
		});
		moneyFormats.set(key, format);
	}
	return format.format(cents / 100);
}

/**
 * Splits `totalCents` over parts in proportion to `weights`, in whole cents that add up to the
 * total exactly: each part gets its share rounded down, and the cents left over go to the
 * largest remainders (the first such part on a tie). With no weight at all, the first part
 * takes everything.
 */
export function shareOutCents(totalCents: number, weights: readonly number[]): number[] {
	if (weights.length === 0) return [];
	let sum = 0;
	for (const weight of weights) sum += Math.max(0, weight);
	if (sum === 0) return weights.map((_, i) => (i === 0 ? totalCents : 0));
	const sign = totalCents < 0 ? -1 : 1;
	const whole = Math.abs(totalCents);
	const exact = weights.map((weight) => (whole * Math.max(0, weight)) / sum);
	const shares = exact.map(Math.floor);
	let left = whole - shares.reduce((a, b) => a + b, 0);
	const order = exact
		.map((value, i) => ({ i, remainder: value - shares[i]! }))
		.sort((a, b) => b.remainder - a.remainder || a.i - b.i);
	for (let k = 0; left > 0; k = (k + 1) % order.length, left--) shares[order[k]!.i]!++;
	return shares.map((share) => (share === 0 ? 0 : share * sign));
}
