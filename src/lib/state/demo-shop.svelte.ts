import { addPurchase, addTask, logInteraction } from '../crdt/activity-commands';
import { createCustomers } from '../crdt/customer-commands';
import { createProduct } from '../crdt/product-commands';
import { DEMO_CUSTOMER_COUNT } from '../demo/demo-size';
import { t } from '../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';
import { workspace } from './workspace.svelte';

/** "Load demo shop": made-up customers created through the same commands as the UI, undoable. */
class DemoShopLoader {
	running = $state(false);

	async run(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			const { DEMO_PRODUCTS, demoActivity, demoCustomers } = await import('../demo/demo-shop');
			const session = workspace();
			const customers = demoCustomers(DEMO_CUSTOMER_COUNT);
			// Customers and their year of activity go in through the commands, as one undo step.
			const created = await session.inOneStep((ctx) => {
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
					const lines = purchase.lines.map((line) => ({
						...line,
						productId: productIds[line.product]
					}));
					addPurchase(ctx, { ...purchase, lines });
				}
				for (const interaction of activity.interactions) logInteraction(ctx, interaction);
				for (const task of activity.tasks) addTask(ctx, task);
				return ids.length;
			});
			toasts.show(t('settings.demoLoaded', { count: created }), {
				action: { label: t('common.undo'), run: () => session.undo() }
			});
		} catch (error) {
			toasts.show(t('settings.demoFailed', { reason: String(error) }), { tone: 'error' });
		} finally {
			this.running = false;
		}
	}
}

export const loadDemoShop = new DemoShopLoader();
