import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import {
	createDeal,
	createPipeline,
	deletePipeline,
	moveDeal,
	updateDeal,
	updatePipeline,
	winDeal
} from '../../src/lib/features/deals/deal-commands';
import {
	DEALS_ROOT,
	DEAL_MOVES_ROOT,
	readDeal,
	readDealMove,
	readPipeline
} from '../../src/lib/features/deals/kinds';
import {
	columnTotals,
	dealsByStage,
	changedDealFields,
	columnOrder,
	closedShownSince,
	dealFieldsOf,
	onBoard,
	probabilityOf,
	staleDays,
	validateDeal,
	type DealFields,
	type DealRow
} from '../../src/lib/features/deals/rules/deal';
import {
	closeMonths,
	filterDeals,
	NO_DATE,
	NOBODY,
	sortDeals,
	type DealFilter,
	type DealSort
} from '../../src/lib/features/deals/rules/deal-filters';
import { staleDeals } from '../../src/lib/features/deals/rules/stale-deals';
import { pipelineFunnel } from '../../src/lib/features/deals/rules/funnel';
import { matchingCustomers } from '../../src/lib/features/customers/ui/customer-choice';
import { readBoardDeals } from '../../src/lib/features/deals/ui/board-deals';
import { ProjectionDb } from '../../src/lib/projection/db';
import {
	DEFAULT_STAGES,
	defaultStages,
	readStages,
	validatePipeline,
	type PipelineFields,
	type PipelineStage
} from '../../src/lib/features/deals/rules/pipeline';
import { entityOf, type RecordMap } from '../../src/lib/crdt/workspace-doc';
import type { CommandContext } from '../../src/lib/core/command-context';
import { customer, memberContext } from './helpers';

const STAGES: PipelineStage[] = [
	{ id: 's-new', name: 'New', kind: 'open', probability: 10, staleAfterDays: 7 },
	{ id: 's-offer', name: 'Proposal', kind: 'open', probability: 50, staleAfterDays: 0 },
	{ id: 's-won', name: 'Won', kind: 'won', probability: 100, staleAfterDays: 0 },
	{ id: 's-lost', name: 'Lost', kind: 'lost', probability: 0, staleAfterDays: 0 }
];

const pipeline = (over: Partial<PipelineFields> = {}): PipelineFields => ({
	name: 'Furniture',
	stages: STAGES,
	lostReasons: ['Price', 'Chose another shop'],
	...over
});

const dealFields = (over: Partial<DealFields> = {}): DealFields => ({
	title: 'Sofa set',
	customerId: 'c1',
	valueCents: 1_250_000,
	lines: [],
	pipelineId: 'p1',
	stageId: 's-new',
	probability: null,
	closeDate: '',
	ownerId: '',
	source: '',
	nextStep: '',
	nextStepDate: '',
	notes: '',
	...over
});

const DAY = 86_400_000;

describe('pipeline rules', () => {
	it('needs a name and an open, a won and a lost stage', () => {
		expect(validatePipeline(pipeline())).toEqual({});
		expect(validatePipeline(pipeline({ name: ' ' })).name).toBe('deals.errors.nameRequired');
		expect(
			validatePipeline(pipeline({ stages: STAGES.filter((s) => s.kind !== 'won') })).stages
		).toBe('deals.errors.needsWonStage');
		expect(
			validatePipeline(pipeline({ stages: STAGES.filter((s) => s.kind !== 'lost') })).stages
		).toBe('deals.errors.needsLostStage');
	});

	it('refuses a stage without a name, a name twice and a probability outside 0–100', () => {
		const stages = STAGES.map((stage) => ({ ...stage }));
		stages[1]!.name = 'new';
		expect(validatePipeline(pipeline({ stages }))['stage.1']).toBe('deals.errors.stageNameTwice');
		stages[1]!.name = 'Proposal';
		stages[1]!.probability = 101;
		expect(validatePipeline(pipeline({ stages }))['stage.1']).toBe('deals.errors.probability');
		stages[1]!.probability = 50;
		stages[0]!.name = '';
		expect(validatePipeline(pipeline({ stages }))['stage.0']).toBe(
			'deals.errors.stageNameRequired'
		);
	});

	it('starts a new pipeline with the usual stages, named in the shop’s language', () => {
		let n = 0;
		const names = Object.fromEntries(DEFAULT_STAGES.map((s) => [s.key, `名${s.key}`])) as Record<
			(typeof DEFAULT_STAGES)[number]['key'],
			string
		>;
		const stages = defaultStages(names, () => `id${n++}`);
		expect(stages.map((s) => s.probability)).toEqual([10, 25, 50, 75, 90, 100, 0]);
		expect(stages.map((s) => s.kind)).toEqual([
			'open',
			'open',
			'open',
			'open',
			'open',
			'won',
			'lost'
		]);
		expect(new Set(stages.map((s) => s.id)).size).toBe(7);
		expect(validatePipeline({ name: 'Sales', stages, lostReasons: [] })).toEqual({});
	});

	it('reads what a stranger stored without throwing, keeping the well-formed stages', () => {
		expect(readStages('not json')).toEqual([]);
		expect(readStages(42)).toEqual([]);
		const read = readStages(
			JSON.stringify([
				{ id: 'a', name: 'A', kind: 'open', probability: 30, staleAfterDays: 5 },
				{ id: 'a', name: 'Again', kind: 'open', probability: 30, staleAfterDays: 5 },
				{ id: 'b', name: 'B', kind: 'bogus' },
				{ id: 'c', name: 'C', kind: 'won', probability: 'x', staleAfterDays: -1 },
				null
			])
		);
		expect(read).toEqual([
			{ id: 'a', name: 'A', kind: 'open', probability: 30, staleAfterDays: 5 },
			{ id: 'c', name: 'C', kind: 'won', probability: 0, staleAfterDays: 0 }
		]);
	});
});

describe('deal rules', () => {
	it('needs a title, a customer, whole cents and a stage of its pipeline', () => {
		expect(validateDeal(dealFields(), STAGES)).toEqual({});
		const errors = validateDeal(
			dealFields({ title: '', customerId: '', valueCents: 10.5, stageId: 'elsewhere' }),
			STAGES
		);
		expect(Object.keys(errors).sort()).toEqual(['customerId', 'stageId', 'title', 'valueCents']);
		expect(validateDeal(dealFields({ closeDate: '2026-02-30' }), STAGES).closeDate).toBe(
			'deals.errors.date'
		);
		expect(validateDeal(dealFields({ probability: 120 }), STAGES).probability).toBe(
			'deals.errors.probability'
		);
	});

	it('follows its stage’s probability unless it has its own, which won and lost override', () => {
		expect(probabilityOf({ stageId: 's-offer', probability: null }, STAGES)).toEqual({
			percent: 50,
			own: false
		});
		expect(probabilityOf({ stageId: 's-offer', probability: 65 }, STAGES)).toEqual({
			percent: 65,
			own: true
		});
		expect(probabilityOf({ stageId: 's-won', probability: 65 }, STAGES).percent).toBe(100);
		expect(probabilityOf({ stageId: 's-lost', probability: 65 }, STAGES).percent).toBe(0);
	});

	it('totals a column’s value and its value weighted by probability, in whole cents', () => {
		const totals = columnTotals(
			[
				{ stageId: 's-new', probability: null, valueCents: 999 },
				{ stageId: 's-new', probability: 33, valueCents: 1_001 }
			],
			STAGES
		);
		// 10 % of 9.99 = 0.999 → 1.00; 33 % of 10.01 = 3.3033 → 3.30.
		expect(totals).toEqual({ count: 2, valueCents: 2_000, weightedCents: 100 + 330 });
	});

	it('is stale once idle in an open stage longer than the stage allows, by calendar days', () => {
		const now = new Date(2026, 11, 20, 9).getTime();
		const entered = new Date(2026, 11, 12, 23).getTime();
		const deal = { stageId: 's-new', stageEnteredAt: entered, updatedAt: entered };
		expect(staleDays(deal, STAGES, now)).toBe(8);
		expect(staleDays({ ...deal, updatedAt: now - DAY }, STAGES, now)).toBeNull();
		expect(staleDays({ ...deal, stageId: 's-offer' }, STAGES, now)).toBeNull();
		expect(staleDays({ ...deal, stageId: 's-won' }, STAGES, now)).toBeNull();
		expect(staleDays(deal, STAGES, new Date(2026, 11, 19, 23).getTime())).toBeNull();
	});

	it('puts each deal in its stage’s column, and one whose stage is gone in the first', () => {
		const columns = dealsByStage(
			[
				{ id: 'a', stageId: 's-offer' },
				{ id: 'b', stageId: 'removed' },
				{ id: 'c', stageId: 's-new' }
			],
			STAGES
		);
		expect(columns.get('s-new')!.map((d) => d.id)).toEqual(['b', 'c']);
		expect(columns.get('s-offer')!.map((d) => d.id)).toEqual(['a']);
		expect(columns.get('s-won')).toEqual([]);
	});
});

function shop(ctx: CommandContext = memberContext()) {
	const created = createPipeline(ctx, pipeline());
	if (!created.ok) throw new Error('no pipeline');
	const buyer = createCustomer(ctx, customer({ name: 'Li Na', phone: '13800138000' }));
	if (!buyer.ok) throw new Error('no customer');
	return { ctx, pipelineId: created.value, customerId: buyer.value };
}

const dealOf = (ctx: CommandContext, id: string) =>
	readDeal(id, entityOf(ctx.ws.doc.getMap(DEALS_ROOT), id) as RecordMap)!;
const movesOf = (ctx: CommandContext, dealId: string) =>
	[...ctx.ws.doc.getMap(DEAL_MOVES_ROOT).entries()]
		.map(([id, value]) => readDealMove(id, value))
		.filter((move) => move?.dealId === dealId)
		.sort((a, b) => a!.at - b!.at);

describe('deal commands', () => {
	it('create a deal in its stage with its first history entry and its next step’s task', () => {
		const { ctx, pipelineId, customerId } = shop();
		const made = createDeal(
			ctx,
			dealFields({
				pipelineId,
				customerId,
				nextStep: 'Send the offer',
				nextStepDate: '2026-12-10',
				ownerId: 'member-b'
			})
		);
		expect(made.ok).toBe(true);
		const id = made.ok ? made.value : '';
		expect(dealOf(ctx, id)).toMatchObject({ title: 'Sofa set', stageId: 's-new', customerId });
		expect(movesOf(ctx, id).map((m) => [m!.from, m!.to, m!.by])).toEqual([
			['', 's-new', 'member-a']
		]);
		const tasks = [...ctx.ws.tasks.values()] as Y.Map<unknown>[];
		expect(
			tasks.map((task) => [task.get('title'), task.get('due'), task.get('assignedTo')])
		).toEqual([['Send the offer · Sofa set', '2026-12-10', 'member-b']]);
	});

	it('create a lead typed in with the deal in the same step, or neither', () => {
		const { ctx, pipelineId } = shop();
		const made = createDeal(ctx, dealFields({ pipelineId, customerId: '', source: 'walk_in' }), {
			name: 'Zhao Lei',
			phone: '13900139000'
		});
		expect(made.ok).toBe(true);
		const deal = dealOf(ctx, made.ok ? made.value : '');
		const lead = entityOf(ctx.ws.customers, deal.customerId)!;
		expect([lead.get('name'), lead.get('stage'), lead.get('source')]).toEqual([
			'Zhao Lei',
			'lead',
			'walk_in'
		]);
		const customersBefore = ctx.ws.customers.size;
		const refused = createDeal(ctx, dealFields({ pipelineId, customerId: '' }), {
			name: '',
			phone: ''
		});
		expect(refused).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { customerId: 'deals.errors.leadInvalid' }
		});
		expect(ctx.ws.customers.size).toBe(customersBefore);
	});

	it('refuse a deal for a customer who is gone', () => {
		const { ctx, pipelineId } = shop();
		const made = createDeal(ctx, dealFields({ pipelineId, customerId: 'nobody' }));
		expect(made).toMatchObject({ ok: false, errors: { customerId: 'deals.errors.customerGone' } });
	});

	it('move a deal with a history entry, keep a lost reason only while lost', () => {
		const { ctx, pipelineId, customerId } = shop();
		const made = createDeal(ctx, dealFields({ pipelineId, customerId }));
		const id = made.ok ? made.value : '';
		expect(moveDeal(ctx, id, 's-lost', ' Too expensive ').ok).toBe(true);
		expect(dealOf(ctx, id)).toMatchObject({ stageId: 's-lost', lostReason: 'Too expensive' });
		expect(moveDeal(ctx, id, 's-offer', 'ignored').ok).toBe(true);
		expect(dealOf(ctx, id)).toMatchObject({ stageId: 's-offer', lostReason: '' });
		expect(movesOf(ctx, id).map((m) => [m!.from, m!.to, m!.reason])).toEqual([
			['', 's-new', ''],
			['s-new', 's-lost', 'Too expensive'],
			['s-lost', 's-offer', '']
		]);
		expect(moveDeal(ctx, id, 'not-a-stage', '')).toMatchObject({ ok: false, reason: 'invalid' });
		// The same stage again changes nothing and adds no history.
		expect(moveDeal(ctx, id, 's-offer', '').ok).toBe(true);
		expect(movesOf(ctx, id)).toHaveLength(3);
	});

	it('keep a deal’s own probability when it moves, and say which one applies', () => {
		const { ctx, pipelineId, customerId } = shop();
		const made = createDeal(ctx, dealFields({ pipelineId, customerId, probability: 40 }));
		const id = made.ok ? made.value : '';
		moveDeal(ctx, id, 's-offer', '');
		expect(dealOf(ctx, id).probability).toBe(40);
		expect(probabilityOf(dealOf(ctx, id), STAGES)).toEqual({ percent: 40, own: true });
	});

	it('refuse to delete a pipeline that still has deals', () => {
		const { ctx, pipelineId, customerId } = shop();
		createDeal(ctx, dealFields({ pipelineId, customerId }));
		expect(deletePipeline(ctx, pipelineId)).toEqual({ ok: false, reason: 'hasDeals' });
		const empty = createPipeline(ctx, pipeline({ name: 'Wholesale' }));
		expect(deletePipeline(ctx, empty.ok ? empty.value : '').ok).toBe(true);
	});

	it('rename a pipeline’s stages without moving its deals', () => {
		const { ctx, pipelineId, customerId } = shop();
		const made = createDeal(ctx, dealFields({ pipelineId, customerId }));
		const renamed = STAGES.map((stage) => ({ ...stage, name: `${stage.name}!` }));
		expect(updatePipeline(ctx, pipelineId, pipeline({ stages: renamed })).ok).toBe(true);
		const stored = readPipeline(pipelineId, entityOf(ctx.ws.doc.getMap('pipelines'), pipelineId)!)!;
		expect(stored.stages.map((s) => s.name)).toEqual(['New!', 'Proposal!', 'Won!', 'Lost!']);
		expect(dealOf(ctx, made.ok ? made.value : '').stageId).toBe('s-new');
	});
});

describe('editing a deal', () => {
	it('writes only what the form changed: a colleague’s move meanwhile stands', () => {
		const { ctx, pipelineId, customerId } = shop();
		const made = createDeal(ctx, dealFields({ pipelineId, customerId }));
		const id = made.ok ? made.value : '';
		const opened = dealFieldsOf(dealOf(ctx, id));
		// A colleague moves it while the dialog is open; the shopkeeper changes the notes.
		moveDeal(ctx, id, 's-offer', '');
		const patch = changedDealFields(opened, { ...opened, notes: 'Wants it in oak' });
		expect(patch).toEqual({ notes: 'Wants it in oak' });
		expect(updateDeal(ctx, id, patch).ok).toBe(true);
		expect(dealOf(ctx, id)).toMatchObject({ stageId: 's-offer', notes: 'Wants it in oak' });
		expect(movesOf(ctx, id)).toHaveLength(2);
	});

	it('keeps one follow-up task for the next step: moved with it, removed when it is cleared', () => {
		const { ctx, pipelineId, customerId } = shop();
		const made = createDeal(
			ctx,
			dealFields({ pipelineId, customerId, nextStep: 'Call', nextStepDate: '2026-12-10' })
		);
		const id = made.ok ? made.value : '';
		const tasks = () =>
			[...ctx.ws.tasks.values()].map((task) => {
				const map = task as Y.Map<unknown>;
				return [map.get('title'), map.get('due')];
			});
		expect(tasks()).toEqual([['Call · Sofa set', '2026-12-10']]);
		updateDeal(ctx, id, { nextStep: 'Send the offer', nextStepDate: '2026-12-12' });
		expect(tasks()).toEqual([['Send the offer · Sofa set', '2026-12-12']]);
		updateDeal(ctx, id, { notes: 'no change to the step' });
		expect(tasks()).toHaveLength(1);
		updateDeal(ctx, id, { nextStep: '' });
		expect(tasks()).toEqual([]);
	});

	it('takes its value from its lines, and refuses more than a purchase may hold', () => {
		const { ctx, pipelineId, customerId } = shop();
		const lines = [
			{ product: 'Sofa', quantity: 1, unitPriceCents: 1_000_000 },
			{ product: 'Cushion', quantity: 4, unitPriceCents: 12_50 }
		];
		const made = createDeal(ctx, dealFields({ pipelineId, customerId, valueCents: 5, lines }));
		expect(dealOf(ctx, made.ok ? made.value : '').valueCents).toBe(1_005_000);
		const tooMuch = createDeal(ctx, dealFields({ pipelineId, customerId, valueCents: 2e11 }));
		expect(tooMuch).toMatchObject({ ok: false, errors: { valueCents: 'deals.errors.value' } });
	});

	it('keeps a stage that still has deals when the pipeline is edited', () => {
		const { ctx, pipelineId, customerId } = shop();
		createDeal(ctx, dealFields({ pipelineId, customerId }));
		const without = STAGES.filter((stage) => stage.id !== 's-new');
		expect(updatePipeline(ctx, pipelineId, pipeline({ stages: without }))).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { stages: 'deals.errors.stageHasDeals' }
		});
		const withoutEmpty = STAGES.filter((stage) => stage.id !== 's-offer');
		expect(updatePipeline(ctx, pipelineId, pipeline({ stages: withoutEmpty })).ok).toBe(true);
	});

	it('reads a stranger’s impossible moments and sums as nothing, never throwing', () => {
		const map = new Y.Map<unknown>();
		new Y.Doc().getMap('deals').set('d', map);
		for (const [key, value] of Object.entries({
			title: 'Odd',
			pipelineId: 'p',
			stageId: 's',
			createdAt: Number.NaN,
			updatedAt: 1e20,
			stageEnteredAt: Infinity,
			valueCents: -5,
			lines: '[{"product":"x","quantity":1,"unitPriceCents":"a"}]'
		}))
			map.set(key, value);
		expect(readDeal('d', map)).toMatchObject({
			createdAt: 0,
			updatedAt: 0,
			stageEnteredAt: 0,
			valueCents: 0,
			lines: []
		});
		expect(readDealMove('m', { dealId: 'd', to: 's', at: 1e20 })).toBeNull();
	});
});

describe('two devices working on the same deal offline', () => {
	function twoDevices() {
		const a = memberContext('member-a');
		const { pipelineId, customerId } = shop(a);
		const made = createDeal(a, dealFields({ pipelineId, customerId }));
		const b = memberContext('member-b');
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		const sync = () => {
			Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
			Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		};
		return { a, b, sync, id: made.ok ? made.value : '', pipelineId, customerId };
	}

	it('keep both edits of different fields: the value from one, the close date from the other', () => {
		const { a, b, sync, id, pipelineId, customerId } = twoDevices();
		const base = { pipelineId, customerId };
		void base;
		expect(updateDeal(a, id, { valueCents: 1_500_000 }).ok).toBe(true);
		expect(updateDeal(b, id, { closeDate: '2027-01-15' }).ok).toBe(true);
		sync();
		for (const device of [a, b]) {
			expect(dealOf(device, id)).toMatchObject({ valueCents: 1_500_000, closeDate: '2027-01-15' });
		}
	});

	it('agree on one stage after both moved it, and keep both moves in its history', () => {
		const { a, b, sync, id } = twoDevices();
		moveDeal(a, id, 's-offer', '');
		moveDeal(b, id, 's-won', '');
		sync();
		expect(dealOf(a, id).stageId).toBe(dealOf(b, id).stageId);
		expect(
			movesOf(a, id)
				.map((m) => m!.to)
				.sort()
		).toEqual(['s-new', 's-offer', 's-won']);
		expect(movesOf(b, id)).toHaveLength(3);
	});
});

describe('winning a deal with its purchase', () => {
	const sale = {
		at: Date.UTC(2026, 11, 7),
		payment: 'cash' as const,
		channel: 'in_store' as const
	};

	it('records one purchase when two devices win it apart, and names it on the deal', () => {
		const a = memberContext('member-a');
		const { pipelineId, customerId } = shop(a);
		const made = createDeal(a, dealFields({ pipelineId, customerId }));
		if (!made.ok) throw new Error('no deal');
		const b = memberContext('member-b');
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		expect(winDeal(a, made.value, 's-won', sale).ok).toBe(true);
		expect(winDeal(b, made.value, 's-won', sale).ok).toBe(true);
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		for (const device of [a, b]) {
			expect([...device.ws.purchases.keys()]).toEqual([`${made.value}.won.0`]);
			expect(dealOf(device, made.value).purchaseId).toBe(`${made.value}.won.0`);
		}
	});

	it('records its lines with the catalogue products they name', () => {
		const { ctx, pipelineId, customerId } = shop();
		const lines = [
			{ product: 'Oak table', quantity: 1, unitPriceCents: 450_000, productId: 'prod-oak' },
			{ product: 'Delivery', quantity: 1, unitPriceCents: 20_000 }
		];
		const made = createDeal(ctx, dealFields({ pipelineId, customerId, lines }));
		if (!made.ok) throw new Error('no deal');
		expect(dealOf(ctx, made.value).lines).toEqual(lines);
		winDeal(ctx, made.value, 's-won', sale);
		const stored = JSON.parse(ctx.ws.purchases.get(`${made.value}.won.0`) as string) as {
			lines: unknown[];
		};
		expect(stored.lines).toEqual(lines);
	});

	it('records a second purchase when a reopened deal is won again', () => {
		const { ctx, pipelineId, customerId } = shop();
		const made = createDeal(ctx, dealFields({ pipelineId, customerId }));
		if (!made.ok) throw new Error('no deal');
		winDeal(ctx, made.value, 's-won', sale);
		moveDeal(ctx, made.value, 's-offer', '');
		expect(dealOf(ctx, made.value).purchaseId).toBe(`${made.value}.won.0`);
		winDeal(ctx, made.value, 's-won', sale);
		expect(ctx.ws.purchases.size).toBe(2);
		expect(dealOf(ctx, made.value).purchaseId).toBe(`${made.value}.won.1`);
		// Won without its purchase: nothing more is recorded.
		moveDeal(ctx, made.value, 's-offer', '');
		winDeal(ctx, made.value, 's-won', null);
		expect(ctx.ws.purchases.size).toBe(2);
	});
});

describe('the board’s and list’s filters and order', () => {
	const row = (over: Partial<DealRow>): DealRow => ({
		...dealFields(),
		purchaseId: '',
		id: over.title ?? 'x',
		pipelineId: 'p1',
		stageEnteredAt: 0,
		lostReason: '',
		createdAt: 0,
		updatedAt: 0,
		...over
	});
	const deals = [
		row({ title: 'Sofa', ownerId: 'm1', closeDate: '2026-12-20', valueCents: 100, updatedAt: 3 }),
		row({ title: 'Bed', ownerId: '', closeDate: '', valueCents: 300, updatedAt: 1 }),
		row({
			title: 'Chair',
			ownerId: 'm2',
			closeDate: '2027-01-05',
			valueCents: 200,
			stageId: 's-offer',
			updatedAt: 2
		}),
		row({ title: 'Lamp', pipelineId: 'p2', valueCents: 999 })
	];

	it('keep a pipeline’s deals by owner, nobody, close month or no date', () => {
		const titles = (filter: DealFilter) =>
			filterDeals(deals, 'p1', filter).map((deal) => deal.title);
		expect(titles({ ownerId: '', closeMonth: '' })).toEqual(['Sofa', 'Bed', 'Chair']);
		expect(titles({ ownerId: 'm1', closeMonth: '' })).toEqual(['Sofa']);
		expect(titles({ ownerId: NOBODY, closeMonth: '' })).toEqual(['Bed']);
		expect(titles({ ownerId: '', closeMonth: '2027-01' })).toEqual(['Chair']);
		expect(titles({ ownerId: '', closeMonth: NO_DATE })).toEqual(['Bed']);
		expect(closeMonths(deals)).toEqual(['2026-12', '2027-01']);
	});

	it('sort by value, weighted value, soonest close (no date last), latest change or title', () => {
		const order = (sort: DealSort) =>
			sortDeals(deals.slice(0, 3), sort, STAGES, 'en').map((deal) => deal.title);
		expect(order('value')).toEqual(['Bed', 'Chair', 'Sofa']);
		// Chair: 200 × 50 % = 100; Bed: 300 × 10 % = 30; Sofa: 100 × 10 % = 10.
		expect(order('weighted')).toEqual(['Chair', 'Bed', 'Sofa']);
		expect(order('closeDate')).toEqual(['Sofa', 'Chair', 'Bed']);
		expect(order('updated')).toEqual(['Sofa', 'Chair', 'Bed']);
		expect(order('title')).toEqual(['Bed', 'Chair', 'Sofa']);
	});

	it('list the deals idle past their stage’s limit, longest first, for Today', () => {
		const now = new Date(2026, 11, 20, 12).getTime();
		const at = (day: number) => new Date(2026, 11, day, 10).getTime();
		const pipelines = [{ id: 'p1', name: 'Sales', stages: STAGES, lostReasons: [], createdAt: 0 }];
		const found = staleDeals(
			[
				row({ title: 'Nine days', stageEnteredAt: at(11), updatedAt: at(11) }),
				row({ title: 'Twelve days', stageEnteredAt: at(8), updatedAt: at(8) }),
				row({ title: 'Fresh', stageEnteredAt: at(18), updatedAt: at(18) }),
				row({ title: 'Won long ago', stageId: 's-won', stageEnteredAt: at(1), updatedAt: at(1) }),
				row({ title: 'No pipeline', pipelineId: 'gone', stageEnteredAt: at(1), updatedAt: at(1) })
			],
			pipelines,
			now
		);
		expect(found.map((item) => [item.deal.title, item.idleDays, item.stage.name])).toEqual([
			['Twelve days', 12, 'New'],
			['Nine days', 9, 'New']
		]);
	});
});

describe('choosing a deal’s customer', () => {
	const people = [
		{
			id: 'a',
			name: '欧阳娜娜',
			phone: '186 1234 5678',
			phoneDigits: '18612345678',
			searchText: '欧阳娜娜 ouyangnana oynn'
		},
		{ id: 'b', name: 'Li Na', phone: '', phoneDigits: '', searchText: 'li na ln' }
	];
	it('finds by name, pinyin or three digits of a phone, and nothing for nothing typed', () => {
		expect(matchingCustomers(people, '欧阳').map((row) => row.id)).toEqual(['a']);
		expect(matchingCustomers(people, 'ouyang').map((row) => row.id)).toEqual(['a']);
		expect(matchingCustomers(people, '5678').map((row) => row.id)).toEqual(['a']);
		expect(matchingCustomers(people, '56')).toEqual([]);
		expect(matchingCustomers(people, 'NA').map((row) => row.id)).toEqual(['a', 'b']);
		expect(matchingCustomers(people, '  ')).toEqual([]);
	});
});

describe('the funnel', () => {
	const at = (day: number) => new Date(2026, 10, day, 10).getTime();
	const move = (dealId: string, from: string, to: string, day: number, reason = '') => ({
		id: `${dealId}-${day}-${to}`,
		dealId,
		from,
		to,
		at: at(day),
		by: 'm1',
		reason
	});
	const deal = (over: Partial<DealRow>): DealRow => ({
		...dealFields(),
		purchaseId: '',
		id: 'x',
		stageEnteredAt: 0,
		lostReason: '',
		createdAt: 0,
		updatedAt: 0,
		...over
	});
	const deals = [
		deal({
			id: 'sofa',
			stageId: 's-won',
			valueCents: 12_000_00,
			source: 'referral',
			ownerId: 'm1'
		}),
		deal({
			id: 'table',
			stageId: 's-lost',
			valueCents: 4_500_50,
			lostReason: 'Price',
			ownerId: 'm1'
		}),
		deal({ id: 'bed', stageId: 's-offer', valueCents: 8_000_00, closeDate: '2026-12-20' }),
		deal({ id: 'lamp', stageId: 's-new', valueCents: 99_00, probability: 60 })
	];
	const moves = [
		move('sofa', '', 's-new', 1),
		move('sofa', 's-new', 's-offer', 3),
		move('sofa', 's-offer', 's-won', 10),
		move('table', '', 's-new', 2),
		move('table', 's-new', 's-lost', 4, 'Price'),
		move('bed', '', 's-new', 5),
		move('bed', 's-new', 's-offer', 6),
		move('lamp', '', 's-new', 8),
		// A deal deleted since: its history is left out.
		move('gone', '', 's-new', 1)
	];
	const funnel = pipelineFunnel(STAGES, deals, moves, at(12));

	it('counts deals reaching each stage, and those in it now, as the board does', () => {
		expect(
			funnel.steps.map((step) => [step.stage.name, step.reached, step.now, step.onward])
		).toEqual([
			['New', 4, 1, 50],
			['Proposal', 2, 1, 50],
			['Won', 1, 1, null]
		]);
		// By value: 12,000 + 8,000 of 12,000 + 4,500.50 + 8,000 + 99.
		expect(funnel.steps[0]!.reachedCents).toBe(24_599_50);
		expect(funnel.steps[0]!.onwardByValue).toBe(81.3);
	});

	it('averages days in a stage over every stay, the current one until now', () => {
		// New: sofa 2, table 2, bed 1, lamp 4 (still there) → 9 / 4; Proposal: sofa 7, bed 6.
		expect(funnel.steps.map((step) => step.averageDays)).toEqual([2.3, 6.5, null]);
	});

	it('gives win rates by source and owner, lost reasons and the weighted forecast by month', () => {
		expect(funnel.bySource).toEqual([
			{ key: '', won: 0, closed: 1, rate: 0, wonCents: 0 },
			{ key: 'referral', won: 1, closed: 1, rate: 100, wonCents: 12_000_00 }
		]);
		expect(funnel.byOwner).toEqual([
			{ key: 'm1', won: 1, closed: 2, rate: 50, wonCents: 12_000_00 }
		]);
		expect(funnel.lostReasons).toEqual([{ reason: 'Price', count: 1, cents: 4_500_50 }]);
		expect(funnel.forecast).toEqual([
			{ month: '2026-12', count: 1, valueCents: 8_000_00, weightedCents: 4_000_00 },
			{ month: '', count: 1, valueCents: 99_00, weightedCents: 59_40 }
		]);
	});
});

describe('the board', () => {
	it('shows every open deal and those won or lost in the last 30 calendar days', () => {
		const now = new Date(2026, 11, 31, 9).getTime();
		const entered = (month: number, day: number) => new Date(2026, month - 1, day, 20).getTime();
		const { shown, closedEarlier } = onBoard(
			[
				{ id: 'open-old', stageId: 's-new', stageEnteredAt: entered(1, 1) },
				{ id: 'won-29', stageId: 's-won', stageEnteredAt: entered(12, 2) },
				{ id: 'won-30', stageId: 's-won', stageEnteredAt: entered(12, 1) },
				{ id: 'lost-old', stageId: 's-lost', stageEnteredAt: entered(6, 1) }
			],
			STAGES,
			now
		);
		expect(shown.map((deal) => deal.id)).toEqual(['open-old', 'won-29']);
		expect(closedEarlier).toBe(2);
	});
});

describe('the board’s read of the projection', () => {
	const day = (d: number, h = 12) => new Date(2026, 11, d, h).getTime();
	const now = day(7, 9);
	const stored = (id: string, stageId: string, stageEnteredAt: number, pipelineId = 'p1') => ({
		...dealFields({ pipelineId, stageId, title: id }),
		id,
		purchaseId: '',
		stageEnteredAt,
		lostReason: '',
		createdAt: 0,
		updatedAt: 0
	});
	const pipelineRow = { id: 'p1', name: 'Sales', stages: STAGES, lostReasons: [], createdAt: 0 };

	it('starts the closed window at local midnight 29 days back, where onBoard does', () => {
		const since = closedShownSince(now);
		expect(since).toBe(new Date(2026, 10, 8).getTime());
		const edge = [stored('in', 's-won', since), stored('out', 's-won', since - 1)];
		const { shown, closedEarlier } = onBoard(edge, STAGES, now);
		expect(shown.map((deal) => deal.id)).toEqual(['in']);
		expect(closedEarlier).toBe(1);
	});

	it('reads what onBoard would keep of the whole table, and counts the rest', async () => {
		const db = new ProjectionDb(`board-${Math.random()}`);
		const rows = [
			stored('open-old', 's-new', day(1, 0) - 400 * DAY),
			stored('offer', 's-offer', day(6)),
			stored('won-lately', 's-won', day(2)),
			stored('won-long-ago', 's-won', day(1) - 90 * DAY),
			stored('lost-long-ago', 's-lost', day(1) - 40 * DAY),
			stored('other-pipeline', 's-new', day(6), 'p2')
		];
		await db.deals.bulkPut(rows);
		const board = await readBoardDeals(db, pipelineRow, closedShownSince(now));
		const whole = onBoard(
			rows.filter((row) => row.pipelineId === 'p1'),
			STAGES,
			now
		);
		expect(board.deals.map((deal) => deal.id).sort()).toEqual(
			whole.shown.map((deal) => deal.id).sort()
		);
		expect(board.closedEarlier).toBe(whole.closedEarlier);
		expect(board.total).toBe(5);

		// A deal left in a stage the pipeline no longer has is still read (shown in the first).
		await db.deals.put(stored('orphan', 's-gone', day(6)));
		const again = await readBoardDeals(db, pipelineRow, closedShownSince(now));
		expect(again.deals.map((deal) => deal.id)).toContain('orphan');
		expect(again.deals).toHaveLength(board.deals.length + 1);
		db.close();
	});
});

describe('a board column', () => {
	it('puts the soonest expected close first, deals without a date last, then the largest', () => {
		const row = (title: string, closeDate: string, valueCents: number) =>
			({ ...dealFields({ title, closeDate, valueCents }), id: title }) as DealRow;
		const order = [
			row('undated small', '', 100),
			row('january', '2027-01-10', 100),
			row('december big', '2026-12-20', 900),
			row('december small', '2026-12-20', 100),
			row('undated big', '', 900)
		]
			.sort(columnOrder)
			.map((deal) => deal.title);
		expect(order).toEqual([
			'december big',
			'december small',
			'january',
			'undated big',
			'undated small'
		]);
	});
});
