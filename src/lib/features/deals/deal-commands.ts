import type { CommandContext } from '../../core/command-context';
import { changeEntity, insertEntity, writeChangedFields } from '../../crdt/entity-writes';
import { newId } from '../../crdt/ids';
import { commandTime, stampUpdated } from '../../crdt/stamps';
import { entitiesOf, entityOf, liveCustomer, str, type RecordMap } from '../../crdt/workspace-doc';
import { addPurchase, addTask } from '../activity/activity-commands';
import type { PaymentMethod, PurchaseChannel } from '../activity/rules/activity-fields';
import { createCustomer } from '../customers/customer-commands';
import { emptyCustomerFields } from '../customers/rules/customer';
import {
	DEAL_MOVES_ROOT,
	DEALS_ROOT,
	PIPELINES_ROOT,
	readDeal,
	readDealMove,
	readPipeline
} from './kinds';
import {
	dealFieldsOf,
	dealValueCents,
	MAX_REASON,
	validateDeal,
	type DealErrors,
	type DealFields
} from './rules/deal';
import {
	cleanPipeline,
	validatePipeline,
	type PipelineErrors,
	type PipelineFields
} from './rules/pipeline';

export type PipelineResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; errors: PipelineErrors }
	| { ok: false; reason: 'notFound' | 'hasDeals' };

export type DealResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'invalid'; errors: DealErrors }
	| { ok: false; reason: 'notFound' };

/** A lead typed in with the deal, created with it in one step. */
export interface NewLead {
	name: string;
	phone: string;
}

const pipelines = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(PIPELINES_ROOT);
const deals = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(DEALS_ROOT);
const moves = (ctx: CommandContext) => ctx.ws.doc.getMap<unknown>(DEAL_MOVES_ROOT);

const storedPipeline = (fields: PipelineFields) => {
	const clean = cleanPipeline(fields);
	return {
		name: clean.name,
		stages: JSON.stringify(clean.stages),
		lostReasons: JSON.stringify(clean.lostReasons)
	};
};

export function createPipeline(ctx: CommandContext, fields: PipelineFields): PipelineResult {
	const errors = validatePipeline(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	return { ok: true, value: insertEntity(ctx, pipelines(ctx), storedPipeline(fields)) };
}

/**
 * Changes a pipeline's name and stages. Stages keep their ids, so its deals stay where they
 * are; a deal whose stage was taken away shows in the first stage until it is moved.
 */
export function updatePipeline(
	ctx: CommandContext,
	id: string,
	fields: PipelineFields
): PipelineResult {
	const errors = validatePipeline(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	// A stage with deals in it stays until they are moved: they would have nowhere to be.
	const kept = new Set(fields.stages.map((stage) => stage.id));
	for (const [dealId, map] of entitiesOf(deals(ctx))) {
		const deal = readDeal(dealId, map);
		if (deal?.pipelineId === id && !kept.has(deal.stageId))
			return { ok: false, reason: 'invalid', errors: { stages: 'deals.errors.stageHasDeals' } };
	}
	return changeEntity(ctx, pipelines(ctx), id, storedPipeline(fields))
		? { ok: true, value: id }
		: { ok: false, reason: 'notFound' };
}

/** Deletes a pipeline without deals (one with deals would leave them nowhere). */
export function deletePipeline(ctx: CommandContext, id: string): PipelineResult {
	if (!entityOf(pipelines(ctx), id)) return { ok: false, reason: 'notFound' };
	for (const [dealId, map] of entitiesOf(deals(ctx))) {
		if (readDeal(dealId, map)?.pipelineId === id) return { ok: false, reason: 'hasDeals' };
	}
	ctx.ws.doc.transact(() => pipelines(ctx).delete(id), ctx.origin);
	return { ok: true, value: id };
}

function stagesOf(ctx: CommandContext, pipelineId: string) {
	const map = entityOf(pipelines(ctx), pipelineId);
	return map ? (readPipeline(pipelineId, map)?.stages ?? []) : [];
}

const storedDeal = (fields: DealFields) => ({
	title: fields.title.trim(),
	customerId: fields.customerId,
	valueCents: dealValueCents(fields),
	lines: JSON.stringify(fields.lines),
	pipelineId: fields.pipelineId,
	probability: fields.probability,
	closeDate: fields.closeDate,
	ownerId: fields.ownerId,
	source: fields.source,
	nextStep: fields.nextStep.trim(),
	nextStepDate: fields.nextStepDate,
	notes: fields.notes.trim()
});

function recordMove(
	ctx: CommandContext,
	dealId: string,
	from: string,
	to: string,
	at: number,
	reason = ''
) {
	moves(ctx).set(newId(), { dealId, from, to, at, by: ctx.memberId, reason });
}

/**
 * The deal's follow-up task for its next step, for its owner: made when the deal gets a step
 * and a day, moved or retitled when they change, taken away when the step is cleared. One
 * task per deal, remembered on it (`nextStepTaskId`); one already done is left as it was.
 */
function scheduleNextStep(ctx: CommandContext, deal: RecordMap, fields: DealFields) {
	const step = fields.nextStep.trim();
	const taskId = str(deal, 'nextStepTaskId');
	const task = taskId ? entityOf(ctx.ws.tasks, taskId) : undefined;
	const open = task && task.get('status') === 'open' ? task : undefined;
	if (!step || !fields.nextStepDate) {
		if (open) ctx.ws.tasks.delete(taskId);
		return;
	}
	const title = `${step} · ${fields.title.trim()}`.slice(0, 200);
	if (open) {
		writeChangedFields(open, {
			title,
			due: fields.nextStepDate,
			customerId: fields.customerId,
			assignedTo: fields.ownerId
		});
		stampUpdated(open, ctx, commandTime(ctx));
		return;
	}
	const made = addTask(ctx, {
		customerId: fields.customerId,
		title,
		due: fields.nextStepDate,
		dueTime: '',
		repeatAfterPurchaseDays: 0
	});
	if (!made.ok) return;
	if (fields.ownerId) entityOf(ctx.ws.tasks, made.value)?.set('assignedTo', fields.ownerId);
	deal.set('nextStepTaskId', made.value);
}

/**
 * A new deal in its pipeline's stage, with its first history entry and, with a next step on a
 * day, a follow-up task; a lead typed in with it is created in the same step.
 */
export function createDeal(
	ctx: CommandContext,
	input: DealFields,
	lead: NewLead | null = null
): DealResult {
	const stages = stagesOf(ctx, input.pipelineId);
	const fields = lead ? { ...input, customerId: 'new' } : input;
	const errors = validateDeal(fields, stages);
	if (!lead && input.customerId && !liveCustomer(ctx.ws, input.customerId))
		errors.customerId = 'deals.errors.customerGone';
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	let id = '';
	let leadErrors: DealErrors | null = null;
	ctx.ws.doc.transact(() => {
		let customerId = input.customerId;
		if (lead) {
			const created = createCustomer(ctx, {
				...emptyCustomerFields(),
				name: lead.name,
				phone: lead.phone,
				stage: 'lead',
				source: input.source
			});
			if (!created.ok) {
				leadErrors = { customerId: 'deals.errors.leadInvalid' };
				return;
			}
			customerId = created.value;
		}
		const at = commandTime(ctx);
		const deal = { ...input, customerId };
		id = insertEntity(ctx, deals(ctx), {
			...storedDeal(deal),
			stageId: input.stageId,
			stageEnteredAt: at
		});
		recordMove(ctx, id, '', input.stageId, at);
		const map = entityOf(deals(ctx), id);
		if (map) scheduleNextStep(ctx, map, deal);
	}, ctx.origin);
	if (leadErrors) return { ok: false, reason: 'invalid', errors: leadErrors };
	return { ok: true, value: id };
}

/**
 * Changes the fields the shopkeeper changed (`patch`: what differs from the deal as the form
 * opened it), so a colleague's change of another field meanwhile stands, their move of the deal
 * too; a new stage is a move (with its history entry), a new next step moves its task.
 */
export function updateDeal(
	ctx: CommandContext,
	id: string,
	patch: Partial<DealFields>
): DealResult {
	const map = entityOf(deals(ctx), id);
	const before = map ? readDeal(id, map) : null;
	if (!map || !before) return { ok: false, reason: 'notFound' };
	if (Object.keys(patch).length === 0) return { ok: true, value: id };
	const merged: DealFields = { ...dealFieldsOf(before), ...patch, pipelineId: before.pipelineId };
	const stages = stagesOf(ctx, before.pipelineId);
	const errors = validateDeal(merged, stages);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	const stored = storedDeal(merged);
	const written = Object.keys(patch).filter((key): key is keyof typeof stored => key in stored);
	// The value follows the lines: both are written when either changed.
	if (written.includes('lines') || written.includes('valueCents'))
		written.push('lines', 'valueCents');
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		writeChangedFields(map, Object.fromEntries(written.map((key) => [key, stored[key]])));
		if (merged.stageId !== before.stageId) {
			const lostReason = '';
			map.set('stageId', merged.stageId);
			map.set('stageEnteredAt', at);
			map.set('lostReason', lostReason);
			recordMove(ctx, id, before.stageId, merged.stageId, at);
		}
		if ('nextStep' in patch || 'nextStepDate' in patch) scheduleNextStep(ctx, map, merged);
		stampUpdated(map, ctx, at);
	}, ctx.origin);
	return { ok: true, value: id };
}

/**
 * Moves a deal to another stage of its pipeline (a drop on the board), with its history entry;
 * into a lost stage with the reason, which a move elsewhere clears.
 */
export function moveDeal(
	ctx: CommandContext,
	id: string,
	stageId: string,
	reason: string
): DealResult {
	const map = entityOf(deals(ctx), id);
	const deal = map ? readDeal(id, map) : null;
	if (!map || !deal) return { ok: false, reason: 'notFound' };
	const stage = stagesOf(ctx, deal.pipelineId).find((candidate) => candidate.id === stageId);
	if (!stage) return { ok: false, reason: 'invalid', errors: { stageId: 'deals.errors.stage' } };
	if (stageId === deal.stageId) return { ok: true, value: id };
	const lostReason = stage.kind === 'lost' ? reason.trim().slice(0, MAX_REASON) : '';
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		map.set('stageId', stageId);
		map.set('stageEnteredAt', at);
		// Written with the stage, even unchanged: a merge keeps both from the same device.
		map.set('lostReason', lostReason);
		recordMove(ctx, id, deal.stageId, stageId, at, lostReason);
		stampUpdated(map, ctx, at);
	}, ctx.origin);
	return { ok: true, value: id };
}

/** How the purchase of a deal won is recorded with it. */
export interface WonPurchase {
	at: number;
	payment: PaymentMethod;
	channel: PurchaseChannel;
}

export type WinResult =
	| { ok: true; value: { dealId: string; purchaseId: string | null } }
	| { ok: false; reason: 'invalid'; errors: DealErrors }
	| { ok: false; reason: 'notFound' | 'notWon' | 'purchaseRefused' };

/**
 * Moves a deal to a won stage and, when asked, records its purchase (its lines, or one line of
 * its value) for its customer in the same step: the customer's metrics and lifecycle stage then
 * follow from the purchase as from any other.
 */
export function winDeal(
	ctx: CommandContext,
	id: string,
	stageId: string,
	purchase: WonPurchase | null
): WinResult {
	const map = entityOf(deals(ctx), id);
	const deal = map ? readDeal(id, map) : null;
	if (!deal) return { ok: false, reason: 'notFound' };
	const stage = stagesOf(ctx, deal.pipelineId).find((candidate) => candidate.id === stageId);
	if (stage?.kind !== 'won') return { ok: false, reason: 'notWon' };
	let result: WinResult = { ok: false, reason: 'purchaseRefused' };
	const wonStages = new Set(
		stagesOf(ctx, deal.pipelineId)
			.filter((candidate) => candidate.kind === 'won')
			.map((candidate) => candidate.id)
	);
	ctx.ws.doc.transact(() => {
		let purchaseId: string | null = null;
		if (purchase) {
			// The nth win of this deal records the nth won purchase: a device that won it too,
			// apart, wrote the same key, and after syncing there is one purchase.
			const wins = [...moves(ctx).values()].filter((stored) => {
				const move = readDealMove('', stored);
				return move?.dealId === id && wonStages.has(move.to);
			}).length;
			const lines =
				deal.lines.length > 0
					? deal.lines
					: [{ product: deal.title, quantity: 1, unitPriceCents: deal.valueCents }];
			const added = addPurchase(
				ctx,
				{
					customerId: deal.customerId,
					at: purchase.at,
					lines,
					discountCents: 0,
					payment: purchase.payment,
					channel: purchase.channel,
					note: deal.title
				},
				`${id}.won.${wins}`
			);
			// Refused (the customer is gone, say): nothing is written, the deal stays where it was.
			if (!added.ok) return;
			purchaseId = added.value;
			map!.set('purchaseId', purchaseId);
		}
		const moved = moveDeal(ctx, id, stageId, '');
		result = moved.ok ? { ok: true, value: { dealId: id, purchaseId } } : moved;
	}, ctx.origin);
	return result;
}

/** Deletes a deal; its history stays for the funnel of the time it was open. */
export function deleteDeal(ctx: CommandContext, id: string): DealResult {
	if (!deals(ctx).has(id)) return { ok: false, reason: 'notFound' };
	ctx.ws.doc.transact(() => deals(ctx).delete(id), ctx.origin);
	return { ok: true, value: id };
}
