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
			const session = workspace();
			const created = await session.loadDemoShop(DEMO_CUSTOMER_COUNT);
			toasts.show(t('settings.demoLoaded', { count: created }), {
				action: { label: t('common.undo'), run: () => void session.undo() }
			});
		} catch (error) {
			toasts.show(t('settings.demoFailed', { reason: String(error) }), { tone: 'error' });
		} finally {
			this.running = false;
		}
	}
}

export const loadDemoShop = new DemoShopLoader();
