import { addPurchase, addTask, logInteraction } from '../activity/activity-commands';
import { createCustomers } from '../customers/customer-commands';
import { inOneStep, type CommandContext } from '../../core/command-context';
import { createProduct } from '../products/product-commands';
import { demoActivity, demoCustomers, demoProducts, type DemoLanguage } from './demo-shop';
import { demoShopStatus } from './demo-records';
import { demoIsPresent } from './demo-size';

export type DemoLoadResult =
	| { ok: true; value: { customers: number; products: number } }
	/** The demo's records are already in the archive: loading again would double them. */
	| { ok: false; reason: 'alreadyLoaded' };

/**
 * Writes the made-up demo shop in `language` through the same commands as the UI, in one
 * transaction (one undo step): customers, the catalogue, and a year of purchases, interactions
 * and tasks. Every record it creates carries the demo mark, so "Remove the demo data" can find
 * exactly them. Refuses while any of the demo's records are still there.
 */
export function createDemoShop(
	ctx: CommandContext,
	customerCount: number,
	language: DemoLanguage
): DemoLoadResult {
	if (demoIsPresent(demoShopStatus(ctx.ws))) return { ok: false, reason: 'alreadyLoaded' };
	const demo: CommandContext = { ...ctx, demo: true };
	return inOneStep(demo, () => {
		const customers = demoCustomers(customerCount, undefined, language);
		const result = createCustomers(demo, customers);
		if (!result.ok) throw new Error(`${result.failures.length} invalid demo rows`);
		const ids = result.value;
		const productIds: Record<string, string> = {};
		for (const [name, priceCents] of demoProducts(language)) {
			const created = createProduct(demo, { name, category: '', priceCents, active: true });
			if (created.ok) productIds[name] = created.value;
		}
		const activity = demoActivity(
			ids.map((id, i) => ({ id, stage: customers[i]!.stage })),
			language
		);
		for (const purchase of activity.purchases) {
			const lines = purchase.lines.map((line) => ({
				...line,
				productId: productIds[line.product]
			}));
			addPurchase(demo, { ...purchase, lines });
		}
		for (const interaction of activity.interactions) logInteraction(demo, interaction);
		for (const task of activity.tasks) addTask(demo, task);
		return {
			ok: true,
			value: { customers: ids.length, products: Object.keys(productIds).length }
		};
	});
}
