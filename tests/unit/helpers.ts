import { afterAll, beforeAll, describe } from 'vitest';
import * as Y from 'yjs';
import {
	commandCalls,
	jobCalls,
	type CommandTransport
} from '../../src/lib/workspace/command-client';
import type { AppCommands } from '../../src/lib/workspace/commands';
import type { WorkspaceCore } from '../../src/lib/workspace/workspace-core';
import { addPurchase } from '../../src/lib/features/activity/activity-commands';
import { createDeal, createPipeline, moveDeal } from '../../src/lib/features/deals/deal-commands';
import type { CommandContext } from '../../src/lib/core/command-context';
import { workspaceDoc } from '../../src/lib/crdt/workspace-doc';
import {
	emptyCustomerFields,
	type CustomerFields
} from '../../src/lib/features/customers/rules/customer';
import type { ListableCustomer } from '../../src/lib/features/customers/rules/customer-list';

export function customer(fields: Partial<CustomerFields>): CustomerFields {
	return { ...emptyCustomerFields(), ...fields };
}

export function memberContext(memberId = 'member-a', doc = new Y.Doc()): CommandContext {
	return { ws: workspaceDoc(doc), memberId, origin: { memberId } };
}

/** Small seeded PRNG (mulberry32) so random tests are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A customer-list row with neutral values, for sort and filter tests. */
export function listRow(fields: Partial<ListableCustomer> = {}): ListableCustomer {
	return {
		id: '',
		sortName: '',
		updatedAt: 0,
		totalSpentCents: 0,
		lastPurchaseAt: null,
		tags: [],
		stage: 'new',
		searchText: '',
		phoneDigits: '',
		phone: '',
		email: '',
		wechat: '',
		...fields
	};
}

/** The app's `t` over one message catalogue, without i18next, for pure-function tests. */
export function translator(messages: unknown): (key: string) => string {
	return (key) => {
		const value = key
			.split('.')
			.reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
		if (typeof value !== 'string') throw new Error(`missing message ${key}`);
		return value;
	};
}

/** Records a one-line cash sale in the shop and returns its id (throws if refused). */
export function buy(
	ctx: CommandContext,
	customerId: string,
	sale: { product?: string; productId?: string; day?: number; unitPriceCents?: number } = {}
): string {
	const result = addPurchase(ctx, {
		customerId,
		at: Date.UTC(2026, 0, sale.day ?? 1),
		lines: [
			{
				product: sale.product ?? 'Oolong',
				...(sale.productId !== undefined ? { productId: sale.productId } : {}),
				quantity: 1,
				unitPriceCents: sale.unitPriceCents ?? 1_000
			}
		],
		discountCents: 0,
		payment: 'cash',
		channel: 'in_store',
		note: ''
	});
	if (!result.ok) throw new Error('purchase refused');
	return result.value;
}

/** A core's commands called as the page calls them (see WorkspaceSession.commands). */
export function commandsOf(core: WorkspaceCore) {
	return commandCalls<AppCommands>(coreTransport(core));
}

/** A core's jobs called as the page calls them. */
export function jobsOf(core: WorkspaceCore) {
	return jobCalls<AppCommands>(coreTransport(core));
}

function coreTransport(core: WorkspaceCore): CommandTransport {
	return {
		runCommand: (name, args) => core.runCommand(name, args),
		runJob: (name, args, { onProgress, signal }) =>
			core.runJob(name, args, { onProgress, signal: signal ?? new AbortController().signal }),
		undoStep: (token) => core.undoStep(token)
	};
}

/** Runs the cases in a zone with daylight saving; Node reads TZ again when it changes. */
export function inZone(zone: string, body: () => void): void {
	describe(`in ${zone}`, () => {
		let before: string | undefined;
		beforeAll(() => {
			before = process.env.TZ;
			process.env.TZ = zone;
		});
		afterAll(() => {
			if (before === undefined) delete process.env.TZ;
			else process.env.TZ = before;
		});
		body();
	});
}

/**
 * A pipeline "Orders" (Enquiry, Quote sent, Won, Lost) and a deal of the customer's in it,
 * moved once from Enquiry to Quote sent: a deal with a stage history, for tests that need one.
 */
export function dealMovedOnce(
	ctx: CommandContext,
	customerId: string,
	deal: { title: string; valueCents: number }
): { pipelineId: string; dealId: string } {
	const pipeline = createPipeline(ctx, {
		name: 'Orders',
		stages: [
			{ id: 's-new', name: 'Enquiry', kind: 'open', probability: 10, staleAfterDays: 0 },
			{ id: 's-offer', name: 'Quote sent', kind: 'open', probability: 50, staleAfterDays: 0 },
			{ id: 's-won', name: 'Won', kind: 'won', probability: 100, staleAfterDays: 0 },
			{ id: 's-lost', name: 'Lost', kind: 'lost', probability: 0, staleAfterDays: 0 }
		],
		lostReasons: ['Price']
	});
	if (!pipeline.ok) throw new Error('pipeline refused');
	const created = createDeal(ctx, {
		...deal,
		customerId,
		lines: [],
		pipelineId: pipeline.value,
		stageId: 's-new',
		probability: null,
		closeDate: '',
		ownerId: '',
		source: '',
		nextStep: '',
		nextStepDate: '',
		notes: ''
	});
	if (!created.ok) throw new Error('deal refused');
	if (!moveDeal(ctx, created.value, 's-offer', '').ok) throw new Error('move refused');
	return { pipelineId: pipeline.value, dealId: created.value };
}
