import type { WorkspaceDoc } from '../../crdt/workspace-doc';

/** Currencies a shop can keep its books in; amounts are always stored in 1/100 units. */
export const SHOP_CURRENCIES = [
	'CNY',
	'HKD',
	'TWD',
	'MOP',
	'SGD',
	'MYR',
	'USD',
	'EUR',
	'GBP',
	'AUD',
	'CAD'
] as const;
export type ShopCurrency = (typeof SHOP_CURRENCIES)[number];

export const DEFAULT_CURRENCY: ShopCurrency = 'CNY';

/** The shop's currency, kept in the doc's meta map so every colleague shows the same. */
export function readCurrency(ws: WorkspaceDoc): ShopCurrency {
	const value = ws.meta.get('currency');
	return (SHOP_CURRENCIES as readonly unknown[]).includes(value)
		? (value as ShopCurrency)
		: DEFAULT_CURRENCY;
}
