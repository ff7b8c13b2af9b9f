import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import type { CustomerFields } from '$lib/features/customers/rules/customer';
import type { CustomerRow } from '$lib/projection/db';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { toasts } from '$lib/state/toasts.svelte';
import { members } from '$lib/features/shop/ui/members.svelte';
import type { DealErrors, DealFields } from '$lib/features/deals/rules/deal';
import type { PipelineRow } from '$lib/features/deals/rules/pipeline';
import type { InboxLead, NewLeadFields } from '../rules/lead';

export interface Qualifying {
	customer: CustomerRow;
	pipeline: PipelineRow;
	initial: DealFields;
}

/** What the leads inbox does with a lead, and the dialogs that ask first. */
export class LeadActions {
	discarding = $state<CustomerRow | null>(null);
	qualifying = $state<Qualifying | null>(null);
	merging = $state<[CustomerRow, CustomerRow] | null>(null);
	adding = $state(false);

	constructor(private readonly session: WorkspaceSession) {}

	async assign(customer: CustomerRow, ownerId: string): Promise<void> {
		const result = await this.session.commands.assignLead(customer.id, ownerId).catch(failed);
		if (!result?.ok) return this.#refused(customer);
		const name = ownerId ? (members.of(ownerId)?.name ?? t('leads.someone')) : t('leads.nobody');
		toasts.show(t('leads.assigned', { lead: customer.name, owner: name }), this.#undo());
	}

	discard = async (reason: string, note: string): Promise<Record<string, string> | null> => {
		const customer = this.discarding;
		if (!customer) return null;
		const result = await this.session.commands.discardLead(customer.id, reason, note).catch(failed);
		if (result && !result.ok && result.reason === 'invalid') return result.errors;
		this.discarding = null;
		if (!result?.ok) {
			this.#refused(customer);
			return null;
		}
		toasts.show(t('leads.discarded', { lead: customer.name }), this.#undo());
		return null;
	};

	async reopen(customer: CustomerRow): Promise<void> {
		const result = await this.session.commands.reopenLead(customer.id).catch(failed);
		if (!result?.ok) return this.#refused(customer);
		toasts.show(t('leads.reopened', { lead: customer.name }), this.#undo());
	}

	qualify(lead: InboxLead<CustomerRow>, pipeline: PipelineRow): void {
		const first = pipeline.stages.find((stage) => stage.kind === 'open') ?? pipeline.stages[0];
		const own = members.of(this.session.memberId) ? this.session.memberId : '';
		this.qualifying = {
			customer: lead.customer,
			pipeline,
			initial: {
				title: '',
				customerId: lead.customer.id,
				valueCents: 0,
				lines: [],
				pipelineId: pipeline.id,
				stageId: first?.id ?? '',
				probability: null,
				closeDate: '',
				ownerId: lead.state.ownerId || own,
				source: lead.customer.source,
				nextStep: '',
				nextStepDate: '',
				notes: ''
			}
		};
	}

	saveDeal = async (fields: DealFields): Promise<DealErrors | null> => {
		const pending = this.qualifying;
		if (!pending) return null;
		const result = await this.session.commands
			.qualifyLead(pending.customer.id, fields)
			.catch(failed);
		if (result && !result.ok && result.reason === 'invalid') return result.errors;
		this.qualifying = null;
		if (!result?.ok) {
			this.#refused(pending.customer);
			return null;
		}
		toasts.show(
			t('leads.qualified', { lead: pending.customer.name, title: fields.title.trim() }),
			this.#undo()
		);
		return null;
	};

	async keepApart(customer: CustomerRow, twin: CustomerRow): Promise<void> {
		const result = await this.session.commands.keepLeadApart(customer.id, twin.id).catch(failed);
		if (!result?.ok) return this.#refused(customer);
		toasts.show(t('leads.keptApart', { lead: customer.name, other: twin.name }), this.#undo());
	}

	/** The older of the two is kept unless the shopkeeper picks the other in the dialog. */
	offerMerge(customer: CustomerRow, twin: CustomerRow): void {
		this.merging = twin.createdAt <= customer.createdAt ? [twin, customer] : [customer, twin];
	}

	merge = async (keptId: string, mergedId: string, fields: CustomerFields): Promise<void> => {
		const pair = this.merging;
		this.merging = null;
		if (!pair) return;
		const name = (id: string) => pair.find((row) => row.id === id)?.name ?? '';
		const outcome = await this.session.commands
			.mergeCustomers(keptId, mergedId, fields)
			.catch(failed);
		if (!outcome?.result.ok) {
			toasts.show(t('duplicates.failed'), { tone: 'error' });
			return;
		}
		const undoMerge = outcome.undo;
		toasts.show(t('duplicates.merged', { other: name(mergedId), kept: name(keptId) }), {
			action: {
				label: t('common.undo'),
				run: async () => {
					if (!(await undoMerge())) toasts.show(t('undo.nothingToUndo'));
				}
			}
		});
	};

	add = async (fields: NewLeadFields): Promise<Partial<Record<string, string>> | null> => {
		const result = await this.session.commands.addLead(fields).catch(failed);
		if (result && !result.ok && result.reason === 'invalid') return result.errors;
		if (!result?.ok) {
			toasts.show(t('leads.notSaved'), { tone: 'error' });
			return null;
		}
		this.adding = false;
		toasts.show(t('leads.added', { lead: fields.name.trim() }), this.#undo());
		return null;
	};

	#refused(customer: CustomerRow): void {
		toasts.show(t('leads.refused', { lead: customer.name }), { tone: 'error' });
	}

	#undo() {
		return { action: { label: t('common.undo'), run: () => void this.session.undo() } };
	}
}

/** A command that failed outright (storage refused, say): the lead stays as it was. */
function failed(error: unknown): null {
	console.error('Clientbook could not change the lead', error);
	return null;
}

/** A field's error message, in the shopkeeper's language. */
export function errorText(
	errors: Partial<Record<string, string>>,
	field: string
): string | undefined {
	const key = errors[field];
	return key ? t(key as MessageKey) : undefined;
}
