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
			const { demoCustomers } = await import('../demo/demo-shop');
			const session = workspace();
			const result = await session.createCustomers(demoCustomers(DEMO_CUSTOMER_COUNT));
			if (!result.ok) throw new Error(`${result.failures.length} invalid demo rows`);
			toasts.show(t('settings.demoLoaded', { count: result.value.length }), {
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
