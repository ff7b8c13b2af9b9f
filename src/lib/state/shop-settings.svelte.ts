import { DEFAULT_CURRENCY, readCurrency, type ShopCurrency } from '../crdt/shop-settings';
import type { WorkspaceDoc } from '../crdt/workspace-doc';
import { formatMoney } from '../domain/money';
import { locale } from '../i18n/i18n.svelte';

/**
 * Shop-wide settings. They are a handful of values in the doc's meta map, so they are read from
 * the doc directly rather than through the projection; until the doc has loaded the defaults show.
 */
class ShopSettingsState {
	currency = $state<ShopCurrency>(DEFAULT_CURRENCY);
	#connected = false;

	connect(ws: WorkspaceDoc): void {
		if (this.#connected) return;
		this.#connected = true;
		const update = () => (this.currency = readCurrency(ws));
		ws.meta.observe(update);
		update();
	}
}

export const shopSettings = new ShopSettingsState();

/** An amount in cents, in the shop's currency and the user's language: ¥1,200.50. */
export function money(cents: number): string {
	return formatMoney(cents, locale.current, shopSettings.currency);
}
