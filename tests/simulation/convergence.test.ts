import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addPurchase, logInteraction } from '../../src/lib/features/activity/activity-commands';
import {
	createCustomer,
	deleteCustomer,
	updateCustomer
} from '../../src/lib/features/customers/customer-commands';
import { type CommandContext } from '../../src/lib/core/command-context';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { setMemberProfile } from '../../src/lib/features/shop/member-commands';
import { MEMBER_COLORS } from '../../src/lib/features/shop/rules/member-profile';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { isDeleted, liveCustomer, entityOf, entitiesOf } from '../../src/lib/crdt/workspace-doc';
import { LIFECYCLE_STAGES } from '../../src/lib/features/customers/rules/customer';
import type { ProjectionDb } from '../../src/lib/projection/db';
import { Projector } from '../../src/lib/projection/projector';
import { customer, memberContext, seededRandom } from '../unit/helpers';
import {
	PROJECTION_CONTENTS,
	rebuiltRows,
	rowsByTable,
	useProjectionDbs
} from '../unit/projection-helpers';
import { LossyNetwork } from './lossy-network';
import {
	createDeal,
	createPipeline,
	moveDeal,
	updateDeal,
	winDeal
} from '../../src/lib/features/deals/deal-commands';
import {
	assignFeedback,
	logFeedback,
	setFeedbackStatus
} from '../../src/lib/features/feedback/feedback-commands';
import {
	createSurvey,
	answerAtCounter,
	inviteToSurvey,
	recordResponse
} from '../../src/lib/features/feedback/survey-commands';
import {
	assignLead,
	discardLead,
	reopenLead,
	signUpWalkIn
} from '../../src/lib/features/leads/lead-commands';
import { APP_TABLE_KINDS } from '../../src/lib/workspace/record-kinds';
import { ALL_RECORD_KINDS } from '../../src/lib/workspace/all-record-kinds';
import { eraseCustomer, eraseReturned, erasuresOf } from '../../src/lib/features/privacy/erasure';

/** What an erasure's writes carry (as the core's): never this member's undo step. */
const ERASURE_ORIGIN = { erasure: true };

const freshDb = useProjectionDbs('simulation');

/** Every root the replicas must agree on: the core's, and each table kind's. */
const ROOTS = [
	'customers',
	'erasures',
	'purchases',
	'interactions',
	'eventTombstones',
	'meta',
	...APP_TABLE_KINDS.map((kind) => kind.root)
];
const NAMES = ['张三', '李四', '王小明', 'Anna Lee', 'John Smith', '曾小贤', '=HYPERLINK("x")'];
const CITIES = ['杭州', '上海', 'Beijing', 'Suzhou'];

interface Replica {
	ctx: CommandContext;
	db: ProjectionDb;
	projector: Projector;
	undo: Y.UndoManager;
}

async function replicas(count: number): Promise<Replica[]> {
	const list: Replica[] = [];
	for (let i = 0; i < count; i++) {
		const ctx = memberContext(`member-${i}`, new Y.Doc());
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		list.push({ ctx, db, projector, undo: createUndoManager(ctx.ws, ctx.origin) });
	}
	return list;
}

function liveIds(ctx: CommandContext): string[] {
	return [...entitiesOf(ctx.ws.customers)].filter(([, map]) => !isDeleted(map)).map(([id]) => id);
}

/** One random action by one member, through the app's own commands. */
function act(replica: Replica, random: () => number, step: number): void {
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const { ctx } = replica;
	const ids = liveIds(ctx);
	const roll = random();
	if (roll < 0.25 || ids.length === 0) {
		createCustomer(
			ctx,
			customer({ name: pick(NAMES), phone: `1380013${String(step).padStart(4, '0')}` })
		);
		return;
	}
	const id = pick(ids);
	if (roll < 0.5) {
		const field = random();
		if (field < 0.25) updateCustomer(ctx, id, { city: pick(CITIES) });
		else if (field < 0.5) updateCustomer(ctx, id, { notes: `note ${step} by ${ctx.memberId}` });
		else if (field < 0.75) updateCustomer(ctx, id, { stage: pick(LIFECYCLE_STAGES) });
		else updateCustomer(ctx, id, { tags: ['vip', 'tea', '老客户'].filter(() => random() < 0.5) });
	} else if (roll < 0.58) {
		deleteCustomer(ctx, id);
	} else if (roll < 0.75) {
		addPurchase(ctx, {
			customerId: id,
			at: Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * 86_400_000,
			lines: [{ product: 'Tea', quantity: 1 + Math.floor(random() * 3), unitPriceCents: 1_000 }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		});
	} else if (roll < 0.85) {
		logInteraction(ctx, {
			customerId: id,
			at: Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * 86_400_000,
			kind: 'call',
			direction: 'out',
			summary: `call ${step}`,
			outcome: '',
			nextStep: '',
			followUpDate: random() < 0.2 ? '2026-12-01' : '',
			products: []
		});
	} else if (roll < 0.92) {
		replica.undo.undo();
	} else if (roll < 0.94) {
		setMemberProfile(ctx, { name: `${pick(NAMES)} ${step}`, color: pick(MEMBER_COLORS) });
	} else if (roll < 0.96) {
		dealAction(ctx, id, random, step);
	} else if (roll < 0.98) {
		leadAction(ctx, id, random, step);
	} else if (roll < 0.99) {
		feedbackAction(ctx, id, random, step);
	} else if (roll < 0.995) {
		// Erased for good, as the app does it: the undo history goes too (it would restore them).
		eraseCustomer(ctx.ws, ALL_RECORD_KINDS, id, {
			at: Date.UTC(2026, 11, 1) + step,
			by: ctx.memberId,
			origin: ERASURE_ORIGIN
		});
		replica.undo.clear();
	} else {
		const other = pick(ids);
		const kept = liveCustomer(ctx.ws, id);
		if (kept && other !== id) mergeCustomers(ctx, id, other, { ...kept, notes: `merged ${step}` });
	}
}

const SIM_STAGES = [
	{ id: 'open', name: 'Open', kind: 'open' as const, probability: 30, staleAfterDays: 7 },
	{ id: 'won', name: 'Won', kind: 'won' as const, probability: 100, staleAfterDays: 0 },
	{ id: 'lost', name: 'Lost', kind: 'lost' as const, probability: 0, staleAfterDays: 0 }
];

/** A pipeline made, a deal added for a customer, moved, or one of its fields changed. */
function dealAction(ctx: CommandContext, customerId: string, random: () => number, step: number) {
	const pipelines = [...ctx.ws.doc.getMap('pipelines').keys()];
	if (pipelines.length === 0) {
		createPipeline(ctx, { name: `Sales ${step}`, stages: SIM_STAGES, lostReasons: ['Price'] });
		return;
	}
	const deals = [...ctx.ws.doc.getMap('deals').keys()];
	const dealId = deals[Math.floor(random() * deals.length)];
	const roll = random();
	if (roll < 0.4 || !dealId) {
		createDeal(ctx, {
			title: `Deal ${step}`,
			customerId,
			valueCents: 1_000 * step,
			lines: [],
			pipelineId: pipelines[0]!,
			stageId: 'open',
			probability: null,
			closeDate: '',
			ownerId: '',
			source: '',
			nextStep: roll < 0.1 ? `Call ${step}` : '',
			nextStepDate: roll < 0.1 ? '2026-12-20' : '',
			notes: ''
		});
	} else if (roll < 0.6) {
		moveDeal(ctx, dealId, SIM_STAGES[Math.floor(random() * 3)]!.id, 'Price');
	} else if (roll < 0.68) {
		// Won with its purchase: two replicas winning it apart must agree on one purchase.
		winDeal(ctx, dealId, 'won', { at: Date.UTC(2026, 5, 1), payment: 'cash', channel: 'in_store' });
	} else if (roll < 0.85) {
		updateDeal(ctx, dealId, { valueCents: 500 * step });
	} else
		updateDeal(ctx, dealId, { closeDate: `2027-01-${String(1 + (step % 28)).padStart(2, '0')}` });
}

/** A lead discarded, reopened or assigned, or a walk-in signed up at the kiosk. */
function leadAction(ctx: CommandContext, customerId: string, random: () => number, step: number) {
	const roll = random();
	if (roll < 0.25) discardLead(ctx, customerId, 'unreachable', '');
	else if (roll < 0.45) reopenLead(ctx, customerId);
	else if (roll < 0.65) assignLead(ctx, customerId, ctx.memberId);
	else
		signUpWalkIn(ctx, {
			name: `Walk-in ${step}`,
			phone: `137${String(step).padStart(8, '0')}`,
			fields: {},
			custom: {},
			consents: { sms: random() < 0.5, wechat: false, email: true },
			language: 'zh-CN',
			welcomeNote: ''
		});
}

/** Feedback logged, assigned or moved on, or a survey answered (the same code on two replicas is one response). */
function feedbackAction(
	ctx: CommandContext,
	customerId: string,
	random: () => number,
	step: number
) {
	const items = [...ctx.ws.doc.getMap('feedback').keys()];
	const itemId = items[Math.floor(random() * items.length)];
	const roll = random();
	if (roll < 0.4 || !itemId)
		logFeedback(ctx, {
			kind: 'complaint',
			channel: 'phone',
			customerId,
			purchaseId: '',
			products: [],
			severity: 'high',
			description: `Complaint ${step}`,
			ownerId: '',
			receivedAt: Date.UTC(2026, 5, 1)
		});
	else if (roll < 0.6) assignFeedback(ctx, itemId, ctx.memberId);
	else if (roll < 0.8) setFeedbackStatus(ctx, itemId, random() < 0.5 ? 'acknowledged' : 'resolved');
	else {
		const surveyId =
			[...ctx.ws.doc.getMap('surveys').keys()][0] ??
			(() => {
				const made = createSurvey(ctx, {
					name: 'After a visit',
					questions: [
						{
							id: 'q-nps',
							type: 'nps',
							text: { en: 'Recommend us?', 'zh-CN': '' },
							options: [],
							required: true
						}
					]
				});
				return made.ok ? made.value : '';
			})();
		// At the counter, by phone: replicas apart answer for the same few numbers, some of them
		// new to the shop (each then signs the person up as a lead of its own).
		if (random() < 0.5) {
			answerAtCounter(
				ctx,
				surveyId,
				{ phone: `1370000${1000 + (step % 4)}`, name: `Walk-in ${step % 4}` },
				{ 'q-nps': step % 11 },
				{ nps: 'NPS', csat: 'CSAT' }
			);
			return;
		}
		const invited = inviteToSurvey(ctx, surveyId, customerId, '');
		if (invited.ok)
			recordResponse(
				ctx,
				surveyId,
				customerId,
				{ 'q-nps': step % 11 },
				'link',
				invited.value.invitationId,
				{
					nps: 'NPS',
					csat: 'CSAT'
				}
			);
	}
}

async function expectConverged(list: Replica[]): Promise<void> {
	const [first, ...rest] = list;
	for (const replica of rest) {
		for (const root of ROOTS) {
			const of = (r: Replica) => r.ctx.ws.doc.getMap(root).toJSON();
			expect(of(replica), root).toEqual(of(first!));
		}
	}
	for (const replica of list) {
		await replica.projector.idle();
		const expected = await rebuiltRows(replica.ctx.ws, freshDb());
		const actual = await rowsByTable(replica.db);
		for (const table of PROJECTION_CONTENTS) {
			expect(actual[table], `${replica.ctx.memberId} ${table}`).toEqual(expected[table]);
		}
	}
}

describe('replicas over a lossy network', () => {
	it.each([1, 2])(
		'4 members, 1,200 random steps with drops, delays, duplicates and partitions converge (seed %i)',
		async (seed) => {
			const random = seededRandom(seed);
			const list = await replicas(4);
			const network = new LossyNetwork(
				list.map((replica) => replica.ctx.ws.doc),
				random,
				{ drop: 0.15, duplicate: 0.1, maxDelay: 5 }
			);
			for (let step = 0; step < 1_200; step++) {
				act(list[Math.floor(random() * list.length)]!, random, step);
				network.step();
				// Each device removes data of erased customers that arrived (the core does so after
				// every change from elsewhere; looked at every few steps here, reading every root).
				if (step % 25 === 0) {
					for (const replica of list)
						eraseReturned(replica.ctx.ws, ALL_RECORD_KINDS, ERASURE_ORIGIN);
				}
				const event = random();
				if (event < 0.02)
					network.partition([
						[0, 1],
						[2, 3]
					]);
				else if (event < 0.03) network.partition([[0], [1, 2, 3]]);
				else if (event < 0.06) network.heal();
				else if (event < 0.1) network.requestSync(Math.floor(random() * list.length));
				if (step % 100 === 0) await Promise.all(list.map((replica) => replica.projector.idle()));
			}
			network.heal();
			network.settle();
			// What arrived last is looked at too, and the removals reach everyone.
			for (const replica of list) eraseReturned(replica.ctx.ws, ALL_RECORD_KINDS, ERASURE_ORIGIN);
			network.settle();
			expect(network.stats.dropped).toBeGreaterThan(0);
			expect(network.stats.duplicated).toBeGreaterThan(0);
			await expectConverged(list);
			// Customers were erased, and no replica holds a record of theirs.
			const erased = erasuresOf(list[0]!.ctx.ws);
			expect(erased.size).toBeGreaterThan(0);
			for (const replica of list) {
				expect(eraseReturned(replica.ctx.ws, ALL_RECORD_KINDS, ERASURE_ORIGIN)).toBe(0);
				for (const id of erased.keys())
					expect(entityOf(replica.ctx.ws.customers, id)).toBeUndefined();
			}
			// The run did real work: customers, purchases and deletions all happened.
			expect(liveIds(list[0]!.ctx).length).toBeGreaterThan(10);
			expect(list[0]!.ctx.ws.purchases.size).toBeGreaterThan(10);
			expect(list[0]!.ctx.ws.doc.getMap('deals').size).toBeGreaterThan(3);
			expect(list[0]!.ctx.ws.doc.getMap('leadEvents').size).toBeGreaterThan(3);
			expect(list[0]!.ctx.ws.doc.getMap('consents').size).toBeGreaterThan(0);
			expect(list[0]!.ctx.ws.doc.getMap('feedback').size).toBeGreaterThan(0);
		},
		60_000
	);
});

describe('merge semantics', () => {
	async function pair() {
		const list = await replicas(2);
		const network = new LossyNetwork(
			list.map((replica) => replica.ctx.ws.doc),
			seededRandom(9),
			{ drop: 0, duplicate: 0, maxDelay: 0 }
		);
		const created = createCustomer(
			list[0]!.ctx,
			customer({ name: '王秀英', phone: '13800138001' })
		);
		if (!created.ok) throw new Error('setup');
		network.settle();
		return { list, network, id: created.value };
	}

	it('concurrent edits of different fields of one customer both survive', async () => {
		const { list, network, id } = await pair();
		network.partition([[0], [1]]);
		updateCustomer(list[0]!.ctx, id, { city: '杭州' });
		updateCustomer(list[1]!.ctx, id, { phone: '13900139002' });
		network.heal();
		network.settle();
		for (const replica of list) {
			expect(liveCustomer(replica.ctx.ws, id)).toMatchObject({
				city: '杭州',
				phone: '13900139002'
			});
		}
		await expectConverged(list);
	});

	it('concurrent edits of the same field converge to one value everywhere', async () => {
		const { list, network, id } = await pair();
		network.partition([[0], [1]]);
		updateCustomer(list[0]!.ctx, id, { city: '杭州' });
		updateCustomer(list[1]!.ctx, id, { city: '上海' });
		network.heal();
		network.settle();
		const cities = list.map((replica) => liveCustomer(replica.ctx.ws, id)!.city);
		expect(['杭州', '上海']).toContain(cities[0]);
		expect(cities[1]).toBe(cities[0]);
	});

	it('an edit to a customer someone else deleted does not bring it back', async () => {
		const { list, network, id } = await pair();
		network.partition([[0], [1]]);
		deleteCustomer(list[0]!.ctx, id);
		updateCustomer(list[1]!.ctx, id, { notes: 'edited offline' });
		network.heal();
		network.settle();
		for (const replica of list) {
			expect(liveCustomer(replica.ctx.ws, id)).toBeNull();
			// The edit is not lost: it sits in the deleted record, for an undo of the delete.
			expect(entityOf(replica.ctx.ws.customers, id)!.get('notes')).toBe('edited offline');
		}
		await expectConverged(list);
	});

	it('undo only undoes your own changes', async () => {
		const { list, network, id } = await pair();
		updateCustomer(list[0]!.ctx, id, { notes: 'mine' });
		network.settle();
		updateCustomer(list[1]!.ctx, id, { city: '杭州' });
		network.settle();
		// Member 0's last step is the note; member 1's later city edit is not member 0's to undo.
		list[0]!.undo.undo();
		network.settle();
		for (const replica of list) {
			expect(liveCustomer(replica.ctx.ws, id)).toMatchObject({ notes: '', city: '杭州' });
		}
		expect(list[1]!.undo.undoStack).toHaveLength(1);
		await expectConverged(list);
	});
});
