import { t } from '$lib/i18n/i18n.svelte';
import { toasts } from '$lib/state/toasts.svelte';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { money } from '$lib/features/shop/ui/shop-settings.svelte';
import { members } from '$lib/features/shop/ui/members.svelte';
import { newId } from '$lib/crdt/ids';
import { suggestStage } from '$lib/features/customers/rules/customer-metrics';
import type { PaymentMethod } from '$lib/features/activity/rules/activity-fields';
import {
	changedDealFields,
	dealFieldsOf,
	type DealErrors,
	type DealFields,
	type DealRow
} from '../rules/deal';
import {
	DEFAULT_LOST_REASON_KEYS,
	DEFAULT_STAGES,
	defaultStages,
	type PipelineRow,
	type PipelineStage
} from '../rules/pipeline';
import { salesView } from './sales-view.svelte';

/** A drop on a won or lost stage waits for the question it asks. */
interface PendingMove {
	deal: DealRow;
	stage: PipelineStage;
	customerName: string;
	/** The pipeline's reasons a deal is lost, to choose from. */
	reasons: readonly string[];
	settle: (moved: boolean) => void;
}

/** The deal dialog: a new deal's starting values, or the deal being changed. */
export type DealDialog = { pipeline: PipelineRow; initial: DealFields; deal: DealRow | null };

/**
 * What the sales screens do with deals: the deal dialog, and moves, which ask why a deal was lost and whether to record the purchase of one won.
 */
export class DealActions {
	dialog = $state<DealDialog | null>(null);
	lost = $state<PendingMove | null>(null);
	won = $state<PendingMove | null>(null);
	creatingPipeline = $state(false);

	constructor(
		private readonly session: WorkspaceSession,
		private readonly pipelines: () => readonly PipelineRow[]
	) {}

	newDeal(pipeline: PipelineRow, customerId = ''): void {
		const first = pipeline.stages.find((stage) => stage.kind === 'open') ?? pipeline.stages[0];
		this.dialog = {
			pipeline,
			deal: null,
			initial: {
				title: '',
				customerId,
				valueCents: 0,
				lines: [],
				pipelineId: pipeline.id,
				stageId: first?.id ?? '',
				probability: null,
				closeDate: '',
				// The one adding it owns it, once they have named themselves to the team.
				ownerId: members.of(this.session.memberId) ? this.session.memberId : '',
				source: '',
				nextStep: '',
				nextStepDate: '',
				notes: ''
			}
		};
	}

	/** A deal's own address (`?deal=<id>`, a card opened in a new tab): its dialog, once. */
	openFromAddress(url: URL, deals: readonly DealRow[]): boolean {
		const wanted = url.searchParams.get('deal');
		if (wanted === null) return false;
		const deal = deals.find((row) => row.id === wanted);
		if (deal) this.edit(deal);
		// One the board does not hold (closed long ago) is read on its own.
		else
			void this.session.db.deals
				.get(wanted)
				.then((row) => row && this.edit(row))
				.catch((error: unknown) => console.warn('Clientbook could not open the deal', error));
		return true;
	}

	edit(deal: DealRow): void {
		const pipeline = this.pipelines().find((row) => row.id === deal.pipelineId);
		if (pipeline) this.dialog = { pipeline, deal, initial: dealFieldsOf(deal) };
	}

	/** Saves the dialog's deal; the form's errors when refused, null when saved. */
	save = async (
		fields: DealFields,
		lead: { name: string; phone: string } | null
	): Promise<DealErrors | null> => {
		const editing = this.dialog?.deal ?? null;
		const initial = this.dialog?.initial;
		const result =
			editing && initial
				? await this.session.commands.updateDeal(editing.id, changedDealFields(initial, fields))
				: await this.session.commands.createDeal(fields, lead);
		if (!result.ok) {
			return result.reason === 'invalid'
				? result.errors
				: { title: 'deals.errors.gone' satisfies string };
		}
		this.dialog = null;
		toasts.show(
			t(editing ? 'deals.saved' : 'deals.created', { title: fields.title.trim() }),
			this.#undo()
		);
		return null;
	};

	remove = async (): Promise<void> => {
		const deal = this.dialog?.deal;
		if (!deal) return;
		this.dialog = null;
		const result = await this.session.commands.deleteDeal(deal.id);
		if (result.ok) toasts.show(t('deals.deleted', { title: deal.title }), this.#undo());
	};

	/**
	 * A deal dropped on another stage: moved at once to an open stage; to a lost one after the
	 * reason, to a won one after asking about its purchase. False leaves it where it was.
	 */
	move(deal: DealRow, stage: PipelineStage, customerName: string): Promise<boolean> {
		if (stage.kind === 'open') return this.#moveTo(deal, stage, '');
		return new Promise((settle) => {
			const reasons = this.pipelines().find((row) => row.id === deal.pipelineId)?.lostReasons ?? [];
			const pending = { deal, stage, customerName, reasons, settle };
			if (stage.kind === 'lost') this.lost = pending;
			else this.won = pending;
		});
	}

	confirmLost = async (reason: string): Promise<void> => {
		const pending = this.lost;
		if (!pending) return;
		this.lost = null;
		pending.settle(await this.#moveTo(pending.deal, pending.stage, reason));
	};

	confirmWon = async (recordPurchase: boolean, payment: PaymentMethod): Promise<void> => {
		const pending = this.won;
		if (!pending) return;
		this.won = null;
		const { deal, stage } = pending;
		const result = await this.session.commands
			.winDeal(
				deal.id,
				stage.id,
				recordPurchase ? { at: Date.now(), payment, channel: 'in_store' } : null
			)
			.catch(failed);
		if (!result?.ok) {
			toasts.show(t('deals.winRefused', { title: deal.title }), { tone: 'error' });
			pending.settle(false);
			return;
		}
		pending.settle(true);
		if (!result.value.purchaseId) {
			toasts.show(t('deals.won', { title: deal.title }), this.#undo());
			return;
		}
		toasts.show(
			t('deals.wonWithPurchase', {
				title: deal.title,
				amount: money(deal.valueCents),
				name: pending.customerName
			}),
			this.#undo()
		);
		await this.#offerStage(deal.customerId, pending.customerName);
	};

	cancelPending = (): void => {
		const pending = this.lost ?? this.won;
		this.lost = null;
		this.won = null;
		pending?.settle(false);
	};

	async createStandardPipeline(): Promise<void> {
		if (this.creatingPipeline) return;
		this.creatingPipeline = true;
		try {
			const names = Object.fromEntries(
				DEFAULT_STAGES.map((stage) => [stage.key, t(`deals.defaultStages.${stage.key}`)])
			) as Record<(typeof DEFAULT_STAGES)[number]['key'], string>;
			const result = await this.session.commands.createPipeline({
				name: t('deals.defaultPipeline'),
				stages: defaultStages(names, newId),
				lostReasons: DEFAULT_LOST_REASON_KEYS.map((key) => t(`deals.defaultReasons.${key}`))
			});
			if (result.ok) {
				salesView.pipelineId = result.value;
				toasts.show(t('deals.pipelineCreated'), this.#undo());
			}
		} finally {
			this.creatingPipeline = false;
		}
	}

	async #moveTo(deal: DealRow, stage: PipelineStage, reason: string): Promise<boolean> {
		const result = await this.session.commands.moveDeal(deal.id, stage.id, reason).catch(failed);
		if (!result?.ok) {
			toasts.show(t('deals.moveRefused', { title: deal.title }), { tone: 'error' });
			return false;
		}
		toasts.show(t('deals.moved', { title: deal.title, stage: stage.name }), this.#undo());
		return true;
	}

	/** After a purchase, the stage the customer's numbers now suggest, offered if it differs. */
	async #offerStage(customerId: string, name: string): Promise<void> {
		const row = await this.session.db.customers.get(customerId);
		if (!row) return;
		const suggestion = suggestStage(row, Date.now());
		if (suggestion.stage === row.stage) return;
		const stage = t(`stage.${suggestion.stage}`);
		toasts.show(t('deals.stageSuggested', { name, stage }), {
			action: {
				label: t('deals.setStage', { stage }),
				run: () =>
					void this.session.commands.updateCustomer(customerId, { stage: suggestion.stage })
			}
		});
	}

	#undo() {
		return { action: { label: t('common.undo'), run: () => void this.session.undo() } };
	}
}

/** A command that failed outright (storage refused, say): told, and the deal stays put. */
function failed(error: unknown): null {
	console.error('Clientbook could not move the deal', error);
	return null;
}
