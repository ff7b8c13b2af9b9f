import type { CommandContext } from '../../core/command-context';
import type { ShopCurrency } from './shop-settings';

/** Sets the shop's currency for every colleague (see `readCurrency`). */
export function setCurrency(ctx: CommandContext, currency: ShopCurrency): void {
	ctx.ws.doc.transact(() => ctx.ws.meta.set('currency', currency), ctx.origin);
}
