import { addPurchase, addTask, logInteraction } from '../crdt/activity-commands';
import { createCustomers, type CommandContext } from '../crdt/customer-commands';
import { createProduct } from '../crdt/product-commands';
import { DEMO_PRODUCTS, demoActivity, demoCustomers } from './demo-shop';

/**
 * Writes the made-up demo shop through the same commands as the UI: customers, the catalogue,
 * and a year of purchases, interactions and tasks. Returns how many customers it created.
 */
export function createDemoShop(ctx: CommandContext, customerCount: number): number {
	const customers = demoCustomers(customerCount);
	const result = createCustomers(ctx, customers);
	if (!result.ok) throw new Error(`${result.failures.length} invalid demo rows`);
	const ids = result.value;
	const productIds: Record<string, string> = {};
	for (const [name, priceCents] of DEMO_PRODUCTS) {
		const created = createProduct(ctx, { name, category: '', priceCents, active: true });
		if (created.ok) productIds[name] = created.value;
	}
	const activity = demoActivity(ids.map((id, i) => ({ id, stage: customers[i]!.stage })));
	for (const purchase of activity.purchases) {
		const lines = purchase.lines.map((line) => ({ ...line, productId: productIds[line.product] }));
		addPurchase(ctx, { ...purchase, lines });
	}
	for (const interaction of activity.interactions) logInteraction(ctx, interaction);
	for (const task of activity.tasks) addTask(ctx, task);
	return ids.length;
}
