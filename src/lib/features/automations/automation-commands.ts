import * as Y from 'yjs';
import type { CommandContext } from '../../core/command-context';
import { changeEntity, insertEntity, removeRecord } from '../../crdt/entity-writes';
import { commandTime, stampCreated } from '../../crdt/stamps';
import { liveCustomer } from '../../crdt/workspace-doc';
import { encodeEventValue } from '../activity/event-values';
import { updateCustomer } from '../customers/customer-commands';
import { derivedCouponCode } from '../coupons/rules/derived-code';
import { campaignOf, issuedCodes } from '../coupons/coupon-records';
import { loyaltyIndexOf } from '../loyalty/loyalty-index';
import { encodePointsEntry } from '../loyalty/points-entries';
import { AUTOMATIONS_ROOT } from './kinds';
import { automationRules } from './automation-reads';
import {
	resultId,
	validateAutomation,
	type Action,
	type AutomationErrors,
	type AutomationFields
} from './rules/automations';

type RuleResult<T> =
	| { ok: true; value: T }
	| { ok: false; reason: 'invalid'; errors: AutomationErrors }
	| { ok: false; reason: 'notFound' };

const stored = (fields: AutomationFields) => ({
	name: fields.name.trim(),
	enabled: fields.enabled,
	trigger: JSON.stringify(fields.trigger),
	segmentId: fields.segmentId,
	actions: JSON.stringify(fields.actions.map((action) => ({ ...action, text: action.text.trim() })))
});

export function createAutomation(
	ctx: CommandContext,
	fields: AutomationFields
): RuleResult<string> {
	const errors = validateAutomation(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	return {
		ok: true,
		value: insertEntity(ctx, ctx.ws.doc.getMap(AUTOMATIONS_ROOT), stored(fields))
	};
}

export function updateAutomation(
	ctx: CommandContext,
	id: string,
	fields: AutomationFields
): RuleResult<true> {
	const errors = validateAutomation(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	return changeEntity(ctx, ctx.ws.doc.getMap(AUTOMATIONS_ROOT), id, stored(fields))
		? { ok: true, value: true }
		: { ok: false, reason: 'notFound' };
}

export function setAutomationEnabled(ctx: CommandContext, id: string, enabled: boolean): boolean {
	return changeEntity(ctx, ctx.ws.doc.getMap(AUTOMATIONS_ROOT), id, { enabled });
}

export function deleteAutomation(ctx: CommandContext, id: string): boolean {
	return removeRecord(ctx, ctx.ws.doc.getMap(AUTOMATIONS_ROOT), id);
}

/** What a run found to do: a rule's actions for a customer on an occasion. */
export interface PlannedResult {
	ruleId: string;
	ruleName: string;
	customerId: string;
	occasion: string;
	actions: Action[];
}

/**
 * The code for `key` (see `derivedCouponCode`), another if a different record holds it.
 * `taken` is every issued code, read once per run and kept up to date by it.
 */
function unusedDerivedCode(ctx: CommandContext, key: string, taken: { codes?: Set<string> }) {
	taken.codes ??= new Set([...issuedCodes(ctx.ws)].map((issued) => issued.code));
	let attempt = 0;
	let code = derivedCouponCode(key);
	while (taken.codes.has(code)) code = derivedCouponCode(key, ++attempt);
	taken.codes.add(code);
	return code;
}

function act(
	ctx: CommandContext,
	id: string,
	planned: PlannedResult,
	at: number,
	today: string,
	taken: { codes?: Set<string> }
): string[] {
	const { customerId } = planned;
	const done: string[] = [];
	planned.actions.forEach((action, i) => {
		if (actOne(action, i)) done.push(action.kind);
	});
	return done;

	/** Whether the action is done (now, or by an earlier run); false when it could not be. */
	function actOne(action: Action, i: number): boolean {
		const key = `${id}.${i}`;
		switch (action.kind) {
			case 'task': {
				if (ctx.ws.tasks.has(key)) return true;
				const map = new Y.Map<unknown>();
				ctx.ws.tasks.set(key, map);
				map.set('customerId', customerId);
				map.set('title', action.text.slice(0, 200));
				map.set('due', today);
				map.set('status', 'open');
				map.set('seriesId', key);
				map.set('sourceId', id);
				if (action.ref) map.set('assignedTo', action.ref);
				stampCreated(map, ctx, at);
				return true;
			}
			case 'addTag':
			case 'removeTag': {
				const customer = liveCustomer(ctx.ws, customerId);
				if (!customer) return false;
				const tag = action.text.trim();
				const has = customer.tags.includes(tag);
				// A customer whose record no longer passes the checks (an old import) keeps their
				// tags: the log then leaves the action out rather than call it done.
				if (action.kind === 'addTag' && !has) {
					return updateCustomer(ctx, customerId, { tags: [...customer.tags, tag] }).ok;
				} else if (action.kind === 'removeTag' && has) {
					return updateCustomer(ctx, customerId, {
						tags: customer.tags.filter((t) => t !== tag)
					}).ok;
				}
				return true;
			}
			case 'coupon': {
				const campaign = campaignOf(ctx.ws, action.ref);
				if (ctx.ws.couponCodes.has(key)) return true;
				if (!campaign || campaign.codeMode !== 'exclusive') return false;
				ctx.ws.couponCodes.set(
					key,
					encodeEventValue({
						campaignId: campaign.id,
						code: unusedDerivedCode(ctx, `${campaign.id}:${key}`, taken),
						customerId,
						issuedAt: at,
						issuedBy: ctx.memberId
					})
				);
				return true;
			}
			case 'points': {
				if (ctx.ws.pointsLedger.has(key)) return true;
				ctx.ws.pointsLedger.set(
					key,
					encodePointsEntry(
						{ customerId, at, kind: 'bonus', points: action.points, reason: planned.ruleName },
						{ createdAt: at, createdBy: ctx.memberId }
					)
				);
				loyaltyIndexOf(ctx.ws).noteEntry(key);
				return true;
			}
			case 'greeting': {
				if (ctx.ws.greetingQueue.has(key)) return true;
				ctx.ws.greetingQueue.set(
					key,
					encodeEventValue({
						customerId,
						templateId: action.text,
						ruleId: planned.ruleId,
						occasion: planned.occasion,
						at
					})
				);
				return true;
			}
		}
	}
}

/**
 * Writes what a run found, skipping what was done already (on this device or, synced, on
 * another): every record's id follows from rule, customer and occasion. Returns how many
 * results were new.
 */
export function applyAutomations(
	ctx: CommandContext,
	plan: PlannedResult[],
	today: string
): number {
	let applied = 0;
	ctx.ws.doc.transact(() => {
		const at = commandTime(ctx);
		const taken: { codes?: Set<string> } = {};
		// The rules as they are now: one changed or turned off since the plan acts as it says.
		const rules = new Map(automationRules(ctx.ws).map((rule) => [rule.id, rule]));
		for (const planned of plan) {
			const rule = rules.get(planned.ruleId);
			if (!rule?.enabled) continue;
			const result = { ...planned, ruleName: rule.name, actions: rule.actions };
			const id = resultId(result.ruleId, result.customerId, result.occasion);
			if (ctx.ws.automationLog.has(id) || !liveCustomer(ctx.ws, result.customerId)) continue;
			const done = act(ctx, id, result, at, today, taken);
			ctx.ws.automationLog.set(
				id,
				encodeEventValue({
					ruleId: result.ruleId,
					customerId: result.customerId,
					occasion: result.occasion,
					at,
					by: ctx.memberId,
					actions: done
				})
			);
			applied++;
		}
	}, ctx.origin);
	return applied;
}

/** Marks a queued greeting as sent (or dismissed). */
export function finishQueuedGreeting(ctx: CommandContext, id: string): boolean {
	const value = ctx.ws.greetingQueue.get(id);
	if (typeof value !== 'string') return false;
	try {
		const entry = JSON.parse(value) as Record<string, unknown>;
		ctx.ws.doc.transact(
			() => ctx.ws.greetingQueue.set(id, encodeEventValue({ ...entry, doneAt: commandTime(ctx) })),
			ctx.origin
		);
		return true;
	} catch {
		return false;
	}
}
