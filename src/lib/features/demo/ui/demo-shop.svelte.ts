import type { DemoRemovalPlan } from '../demo-records';
import { DEMO_CUSTOMER_COUNT, demoIsPresent, type DemoShopStatus } from '../demo-size';
import { locale, t } from '../../../i18n/i18n.svelte';
import { toasts } from '../../../state/toasts.svelte';
import { workspace } from '../../../state/workspace.svelte';

/**
 * "Load demo shop" and "Remove the demo data". The demo goes straight into an empty archive;
 * beside the shop's own customers it is added only after the user agrees, and never twice. Its
 * records are marked, so removing it takes out exactly them, after naming the demo customers the
 * user has worked with. Both are one undo step, offered in the notice.
 */
class DemoShop {
	/** What the worker last said about the archive; null until asked. */
	status = $state<DemoShopStatus | null>(null);
	/** The demo is being written (the name the Customers page's empty state reads). */
	running = $state(false);
	removing = $state(false);
	/** The archive has customers of its own: the load waits for the user's yes. */
	confirmingLoad = $state(false);
	/** What a removal would take, while its dialog asks. */
	removal = $state<DemoRemovalPlan | null>(null);

	/** Whether the demo's records are in the archive (then it offers removal, not loading). */
	get present(): boolean {
		return this.status !== null && demoIsPresent(this.status);
	}

	/**
	 * Asks the worker again. Never throws: a workspace that failed to open says so on its own,
	 * and the section then keeps what it knew.
	 */
	async refresh(): Promise<DemoShopStatus | null> {
		try {
			this.status = await workspace().demoShopStatus();
		} catch (error) {
			console.error('Clientbook demo status', error);
		}
		return this.status;
	}

	/** The "Load demo shop" button: an empty archive gets the demo at once, others are asked. */
	async run(): Promise<void> {
		if (this.running || this.removing) return;
		const status = await this.refresh();
		// Unknown (the archive is not open): the worker still refuses a second demo, so ask.
		if (status && demoIsPresent(status)) toasts.show(t('settings.demoAlreadyLoaded'));
		else if (status?.customers === 0) await this.load();
		else this.confirmingLoad = true;
	}

	/** Writes the demo in the UI's language; the worker refuses if it is already there. */
	async load(): Promise<void> {
		this.confirmingLoad = false;
		if (this.running) return;
		this.running = true;
		try {
			const session = workspace();
			const { result, undo } = await session.commands.loadDemoShop(
				DEMO_CUSTOMER_COUNT,
				locale.current
			);
			if (!result.ok) {
				toasts.show(t('settings.demoAlreadyLoaded'));
			} else {
				toasts.show(t('settings.demoLoaded', { count: result.value.customers }), {
					action: { label: t('common.undo'), run: () => void undo().then(() => this.refresh()) }
				});
			}
		} catch (error) {
			toasts.show(t('settings.demoFailed', { reason: String(error) }), { tone: 'error' });
		} finally {
			this.running = false;
			void this.refresh();
		}
	}

	/** Opens the removal's dialog with what it would remove. */
	async askRemoval(): Promise<void> {
		if (this.running || this.removing) return;
		try {
			const plan = await workspace().demoRemovalPlan();
			if (plan.customers + plan.products + plan.keptProducts.length === 0) {
				toasts.show(t('settings.demoNothingToRemove'));
				void this.refresh();
			} else {
				this.removal = plan;
			}
		} catch (error) {
			toasts.show(t('settings.demoRemoveFailed', { reason: String(error) }), { tone: 'error' });
		}
	}

	async remove(): Promise<void> {
		this.removal = null;
		if (this.removing) return;
		this.removing = true;
		try {
			const { result, undo } = await workspace().commands.removeDemoShop();
			if (!result.ok) {
				toasts.show(t('settings.demoNothingToRemove'));
			} else {
				toasts.show(t('settings.demoRemoved', { count: result.value.customers }), {
					action: { label: t('common.undo'), run: () => void undo().then(() => this.refresh()) }
				});
			}
		} catch (error) {
			toasts.show(t('settings.demoRemoveFailed', { reason: String(error) }), { tone: 'error' });
		} finally {
			this.removing = false;
			void this.refresh();
		}
	}
}

/** The one demo-shop state of the page (named for the button it began as). */
export const loadDemoShop = new DemoShop();
