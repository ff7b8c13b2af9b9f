import { DEFAULT_CURRENCY } from '../shop-settings';
import { formatMoney } from '../../../domain/money';
import { locale } from '../../../i18n/i18n.svelte';
import type { WorkspaceSession } from '../../../state/workspace.svelte';

/**
 * Shop-wide settings. They are a handful of values in the doc's meta map, which the workspace
 * reports as they change; until the doc has loaded the defaults show.
 */
class ShopSettingsState {
	#session: WorkspaceSession | null = null;

	get currency() {
		return this.#session?.currency ?? DEFAULT_CURRENCY;
	}

	connect(session: WorkspaceSession): void {
		this.#session = session;
	}
}

export const shopSettings = new ShopSettingsState();

/** An amount in cents, in the shop's currency and the user's language: ¥1,200.50. */
export function money(cents: number): string {
	return formatMoney(cents, locale.current, shopSettings.currency);
}
