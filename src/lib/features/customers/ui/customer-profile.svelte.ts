import type { ActivityErrors, InteractionKind } from '$lib/features/activity/rules/activity';
import type { CustomerActivityState } from '$lib/features/activity/ui/customer-activity.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import type { CustomerRow, InteractionRow, PurchaseRow } from '$lib/projection/db';
import { stillHere } from '$lib/state/still-here';
import { toasts } from '$lib/state/toasts.svelte';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';

export type ProfileDialog =
	'purchase' | 'interaction' | 'task' | 'delete' | 'editPurchase' | 'editInteraction';

type FormResult<F> =
	| { ok: true }
	| { ok: false; reason: 'invalid'; errors: ActivityErrors<F> }
	| { ok: false; reason: 'notFound' };

/**
 * What the customer profile's buttons do: which dialog is open, what it edits, and how each
 * action ends (its notice, its Undo). The page lays the cards out and hands this the clicks.
 */
export class CustomerProfileActions {
	dialog = $state<ProfileDialog | null>(null);
	editingPurchase = $state.raw<PurchaseRow | null>(null);
	editingInteraction = $state.raw<InteractionRow | null>(null);
	interactionKind = $state<InteractionKind>('call');
	/** Product names the purchase form suggests, read when it opens. */
	knownProducts = $state.raw<string[]>([]);
	deleting = $state(false);

	constructor(
		private readonly session: WorkspaceSession,
		private readonly customer: () => CustomerRow | null | undefined,
		private readonly activity: () => CustomerActivityState | null,
		/** Where the page goes once the customer is deleted (the list). */
		private readonly leave: () => Promise<void>
	) {}

	/** What goes with the customer, for the question before deleting. */
	readonly goesWith = $derived.by(() => deleteQuestion(this.activity()));

	closeDialog = () => {
		this.dialog = null;
	};

	openInteraction = (kind: InteractionKind) => {
		this.interactionKind = kind;
		this.dialog = 'interaction';
	};

	openPurchase = async () => {
		this.knownProducts = await this.session.recentProductNames();
		this.dialog = 'purchase';
	};

	editPurchase = async (purchase: PurchaseRow) => {
		this.knownProducts = await this.session.recentProductNames();
		this.editingPurchase = purchase;
		this.dialog = 'editPurchase';
	};

	editInteraction = (interaction: InteractionRow) => {
		this.editingInteraction = interaction;
		this.dialog = 'editInteraction';
	};

	/** After a quick action, offer to record it; the kind is filled in already. */
	offerToLog = (kind: InteractionKind, message: string) => {
		toasts.show(message, {
			durationMs: 15000,
			action: { label: t('detail.logIt'), run: () => this.openInteraction(kind) }
		});
	};

	copyWechat = async (id: string) => {
		try {
			await navigator.clipboard.writeText(id);
			this.offerToLog(
				'wechat',
				`${t('detail.wechatCopied', { id })} ${t('detail.logWechatOffer')}`
			);
		} catch {
			toasts.show(t('detail.copyFailed', { id }), { tone: 'error' });
		}
	};

	/** Shared ending of every activity form: field errors stay in the form, success closes it. */
	finish = <F>(result: FormResult<F>, message: string): ActivityErrors<F> | null => {
		if (result.ok) {
			this.dialog = null;
			this.undoable(message);
			return null;
		}
		if (result.reason === 'notFound') {
			this.dialog = null;
			toasts.show(t('activity.customerGone'), { tone: 'error' });
			return null;
		}
		return result.errors;
	};

	/** An edit saved with nothing changed wrote nothing: there is nothing to undo either. */
	nothingChanged = (): null => {
		this.dialog = null;
		toasts.show(t('activity.nothingChanged'));
		return null;
	};

	undoable = (message: string) => {
		toasts.show(message, { action: { label: t('common.undo'), run: () => this.session.undo() } });
	};

	remove = async () => {
		const customer = this.customer();
		if (!customer || this.deleting) return;
		this.deleting = true;
		this.dialog = null;
		const name = customer.name;
		const here = stillHere();
		const { result, undo } = await this.session.commands.deleteCustomer(customer.id);
		this.deleting = false;
		if (!result.ok) return;
		if (here()) await this.leave();
		toasts.show(t('customers.deletedWithRestore', { name }), {
			durationMs: 10000,
			action: {
				label: t('common.undo'),
				run: () => {
					void undo();
					toasts.show(t('customers.restored', { name }));
				}
			}
		});
	};
}

function deleteQuestion(activity: CustomerActivityState | null): string {
	// Until the events are read, counting them would say "nothing else" of a busy customer.
	if (!activity || activity.eventsLoading) return t('customers.deleteCounting');
	if (activity.eventsFailed) return t('customers.deleteGoesWithAll');
	const openTasks = activity.tasks.filter((task) => task.status === 'open').length;
	const parts = [
		activity.purchases.length > 0
			? t('customers.deletePurchases', { count: activity.purchases.length })
			: '',
		activity.interactions.length > 0
			? t('customers.deleteInteractions', { count: activity.interactions.length })
			: '',
		openTasks > 0 ? t('customers.deleteTasks', { count: openTasks }) : ''
	].filter(Boolean);
	if (parts.length === 0) return t('customers.deleteNothingElse');
	const list =
		parts.length === 1
			? parts[0]!
			: t('customers.deleteListJoin', {
					first: parts.slice(0, -1).join(t('customers.deleteListComma')),
					last: parts.at(-1)!
				});
	return t('customers.deleteGoesWith', { list });
}
