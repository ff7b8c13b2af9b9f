import * as Y from 'yjs';
import { addPurchase, logInteraction } from '../src/lib/features/activity/activity-commands';
import { readPurchase } from '../src/lib/features/activity/activity-records';
import { createCustomers, updateCustomer } from '../src/lib/features/customers/customer-commands';
import { inOneStep, type CommandContext } from '../src/lib/core/command-context';
import { workspaceDoc } from '../src/lib/crdt/workspace-doc';
import { demoCustomers } from '../src/lib/features/demo/demo-shop';
import { INTERACTION_KINDS, PAYMENT_METHODS } from '../src/lib/features/activity/rules/activity';
import { toCsv } from '../src/lib/features/export/csv';
import { createDeal, createPipeline, moveDeal } from '../src/lib/features/deals/deal-commands';
import { readPipeline } from '../src/lib/features/deals/kinds';
import { DEFAULT_STAGES, defaultStages } from '../src/lib/features/deals/rules/pipeline';
import { newId } from '../src/lib/crdt/ids';
import { logFeedback, setFeedbackStatus } from '../src/lib/features/feedback/feedback-commands';
import {
	createSurvey,
	inviteToSurvey,
	recordResponse
} from '../src/lib/features/feedback/survey-commands';
import { FEEDBACK_KINDS, SEVERITIES } from '../src/lib/features/feedback/rules/feedback';
import { seededRandom } from '../tests/unit/helpers';

export interface ArchiveSize {
	name: 'S' | 'M' | 'L';
	customers: number;
	events: number;
}

export const SIZES: ArchiveSize[] = [
	{ name: 'S', customers: 1_000, events: 10_000 },
	{ name: 'M', customers: 10_000, events: 100_000 },
	{ name: 'L', customers: 50_000, events: 500_000 }
];

export interface GeneratedArchive {
	/**
	 * The archive as several updates (customers, then events in chunks), stored as separate
	 * entries the way y-indexeddb keeps them: Chromium refuses one IndexedDB value over ~127 MiB,
	 * which a single update of the L archive exceeds.
	 */
	updates: Uint8Array[];
	bytes: number;
	/** Search queries that exist in this archive, plus one that matches nothing. */
	queries: string[];
	singleEditBytes: number;
	generateMs: number;
	/**
	 * A sales pipeline with 5,000 deals of the archive's customers (1,000 open, the rest won or
	 * lost, each with its stage history), as updates of their own: the sales steps add them to
	 * the stored archive, so no other measurement carries them.
	 */
	salesUpdates: Uint8Array[];
	/**
	 * 5,000 feedback items and 20,000 survey answers, for the feedback steps; they build on the
	 * sales updates, which must be stored before them.
	 */
	feedbackUpdates: Uint8Array[];
}

export const DEALS = { total: 5_000, open: 1_000 };
/** Answers (a tenth of them detractors, whose answers open complaints) and feedback in all. */
export const FEEDBACK = { responses: 20_000, items: 5_000 };

const PRODUCTS: [string, number][] = [
	['乌龙茶', 12_800],
	['西湖龙井', 26_800],
	['普洱茶饼', 35_800],
	['Jasmine green tea', 8_800],
	['Tea sampler', 15_000]
];

/**
 * Builds an archive through the app's own commands (validation included): customers from the
 * demo generator, then purchases (70 %) and interactions (30 %) spread over a year.
 */
export function generateArchive(size: ArchiveSize, seed = 7): GeneratedArchive {
	const started = performance.now();
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const ctx: CommandContext = { ws: workspaceDoc(new Y.Doc()), memberId: 'bench', origin: {} };
	const fields = demoCustomers(size.customers, seed);
	const now = Date.UTC(2026, 10, 1);
	const updates: Uint8Array[] = [];
	const collect = (update: Uint8Array) => updates.push(update);
	ctx.ws.doc.on('update', collect);
	const ids = inOneStep(ctx, () => {
		const created = createCustomers(ctx, fields);
		if (!created.ok) throw new Error(`invalid generated customers: ${created.failures.length}`);
		return created.value;
	});
	/** Purchases a survey can be about (the first few thousand made). */
	const purchaseIds: string[] = [];
	const EVENTS_PER_UPDATE = 50_000;
	for (let start = 0; start < size.events; start += EVENTS_PER_UPDATE) {
		inOneStep(ctx, () => {
			for (let i = start; i < Math.min(size.events, start + EVENTS_PER_UPDATE); i++) {
				addEvent(ids);
			}
		});
	}
	ctx.ws.doc.off('update', collect);

	/** One purchase (70 %) or interaction (30 %) of a random customer within the last year. */
	function addEvent(customerIds: string[]) {
		const customerId = pick(customerIds);
		const at = now - Math.floor(random() * 365 * 86_400_000);
		const result =
			random() < 0.7
				? addPurchase(ctx, {
						customerId,
						at,
						lines: [
							{
								product: pick(PRODUCTS)[0],
								quantity: 1 + Math.floor(random() * 3),
								unitPriceCents: pick(PRODUCTS)[1]
							}
						],
						discountCents: 0,
						payment: pick(PAYMENT_METHODS),
						channel: 'in_store',
						note: ''
					})
				: logInteraction(ctx, {
						customerId,
						at,
						kind: pick(INTERACTION_KINDS),
						direction: random() < 0.5 ? 'in' : 'out',
						summary: `Asked about ${pick(PRODUCTS)[0]}`,
						outcome: '',
						nextStep: '',
						followUpDate: '',
						products: []
					});
		if (!result.ok) throw new Error(`generated event refused: ${JSON.stringify(result)}`);
		if (random() < 0.7 && purchaseIds.length < 5_000 && typeof result.value === 'string')
			purchaseIds.push(result.value);
	}

	// The sales steps' updates start with this edit: left out, it would hold the deals that
	// follow back as pending in the app's doc (they build on the same client's clock).
	const salesUpdates: Uint8Array[] = [];
	const collectSales = (update: Uint8Array) => salesUpdates.push(update);
	ctx.ws.doc.on('update', collectSales);
	// The size of what a colleague receives when one field of one customer changes, edited by
	// another member than the one who made it, with a member id as long as the app's.
	let singleEditBytes = 0;
	const capture = (edit: Uint8Array) => (singleEditBytes += edit.byteLength);
	ctx.ws.doc.on('update', capture);
	updateCustomer({ ...ctx, memberId: 'colleague0123456' }, ids[Math.floor(ids.length / 2)]!, {
		city: '苏州市'
	});
	ctx.ws.doc.off('update', capture);
	addDeals(ctx, ids, random, now);
	ctx.ws.doc.off('update', collectSales);
	// The feedback steps' updates build on the sales steps' (the same client's clock): that step
	// stores both.
	const feedbackUpdates: Uint8Array[] = [];
	const collectFeedback = (update: Uint8Array) => feedbackUpdates.push(update);
	ctx.ws.doc.on('update', collectFeedback);
	addFeedback(ctx, ids, purchaseIds, random, now);
	ctx.ws.doc.off('update', collectFeedback);

	const chinese = fields.find((f) => /\p{Script=Han}/u.test(f.name))!;
	const english = fields.find((f) => !/\p{Script=Han}/u.test(f.name))!;
	const phone = fields.find((f) => f.phone)!.phone.replace(/\D/g, '');
	return {
		updates,
		bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
		queries: [
			chinese.name.slice(0, 1),
			chinese.name,
			english.name.split(' ')[0]!.toLowerCase(),
			'zh',
			'wang',
			phone.slice(3, 7),
			phone.slice(-4),
			'zzqxv'
		],
		singleEditBytes,
		generateMs: performance.now() - started,
		salesUpdates,
		feedbackUpdates
	};
}

/**
 * The sales steps' deals, through the app's own commands: the usual seven stages, open deals
 * spread over the five open ones, the others won or lost within the last year.
 */
function addDeals(ctx: CommandContext, customerIds: string[], random: () => number, now: number) {
	const names = Object.fromEntries(DEFAULT_STAGES.map((stage) => [stage.key, stage.key]));
	const made = createPipeline(ctx, {
		name: 'Sales',
		stages: defaultStages(names as Record<(typeof DEFAULT_STAGES)[number]['key'], string>, newId),
		lostReasons: ['Price', 'Timing']
	});
	if (!made.ok) throw new Error('the bench pipeline was refused');
	const pipeline = readPipeline(
		made.value,
		ctx.ws.doc.getMap('pipelines').get(made.value) as Y.Map<unknown>
	)!;
	const open = pipeline.stages.filter((stage) => stage.kind === 'open');
	const won = pipeline.stages.find((stage) => stage.kind === 'won')!;
	const lost = pipeline.stages.find((stage) => stage.kind === 'lost')!;
	for (let start = 0; start < DEALS.total; start += 1_000) {
		inOneStep(ctx, () => {
			for (let i = start; i < start + 1_000; i++) {
				const at = now - Math.floor(random() * 365 * 86_400_000);
				const deal = createDeal(
					{ ...ctx, now: () => at },
					{
						title: `Deal ${i}`,
						customerId: customerIds[Math.floor(random() * customerIds.length)]!,
						valueCents: 1_000 + Math.floor(random() * 5_000_000),
						lines: [],
						pipelineId: pipeline.id,
						stageId: open[0]!.id,
						probability: null,
						closeDate: '',
						ownerId: '',
						source: 'walk_in',
						nextStep: '',
						nextStepDate: '',
						notes: ''
					}
				);
				if (!deal.ok) throw new Error(`a bench deal was refused: ${JSON.stringify(deal)}`);
				const later = { ...ctx, now: () => at + 86_400_000 };
				if (i < DEALS.open) {
					const stage = open[i % open.length]!;
					if (stage.id !== open[0]!.id) moveDeal(later, deal.value, stage.id, '');
				} else if (random() < 0.4) {
					moveDeal(later, deal.value, open[1]!.id, '');
					moveDeal({ ...ctx, now: () => at + 3 * 86_400_000 }, deal.value, won.id, '');
				} else moveDeal(later, deal.value, lost.id, random() < 0.5 ? 'Price' : 'Timing');
			}
		});
	}
}

/**
 * The feedback steps' records, through the app's own commands: one survey (NPS, satisfaction,
 * a written reason) answered 20,000 times over the last year — a quarter through links sent
 * after a purchase, the rest on paper — a tenth by detractors, whose answers open complaints;
 * and the rest of the 5,000 feedback items logged by hand, many answered and resolved.
 */
function addFeedback(
	ctx: CommandContext,
	customerIds: string[],
	purchaseIds: string[],
	random: () => number,
	now: number
) {
	const text = (en: string) => ({ en, 'zh-CN': '' });
	const survey = createSurvey(ctx, {
		name: 'After a visit',
		questions: [
			{ id: 'nps', type: 'nps', text: text('Recommend us?'), options: [], required: true },
			{ id: 'csat', type: 'csat', text: text('Satisfied?'), options: [], required: false },
			{ id: 'why', type: 'text', text: text('Why?'), options: [], required: false }
		]
	});
	if (!survey.ok) throw new Error('the bench survey was refused');
	const words = { nps: 'NPS', csat: 'CSAT' };
	const REASONS = ['Friendly staff', 'Tea was cold', 'Good prices', 'Long wait', 'Great oolong'];
	for (let start = 0; start < FEEDBACK.responses; start += 1_000) {
		inOneStep(ctx, () => {
			for (let i = start; i < start + 1_000; i++) {
				const at = now - Math.floor(random() * 365 * 86_400_000);
				const when = { ...ctx, now: () => at };
				const nps = i % 10 === 0 ? Math.floor(random() * 7) : 7 + Math.floor(random() * 4);
				const answers = {
					nps,
					// A satisfaction of 1–2 opens a complaint too: only detractors give one here, so
					// their answers are the complaints (one each).
					...(random() < 0.6
						? { csat: nps <= 6 ? 1 + Math.floor(random() * 5) : 3 + Math.floor(random() * 3) }
						: {}),
					...(random() < 0.3 ? { why: REASONS[i % REASONS.length]! } : {})
				};
				let customerId = customerIds[Math.floor(random() * customerIds.length)]!;
				let invitationId = '';
				if (i % 4 === 0 && purchaseIds.length > 0) {
					const purchaseId = purchaseIds[Math.floor(random() * purchaseIds.length)]!;
					const bought = readPurchase(purchaseId, ctx.ws.purchases.get(purchaseId));
					if (bought) customerId = bought.customerId;
					const invited = inviteToSurvey(when, survey.value, customerId, purchaseId);
					if (invited.ok) invitationId = invited.value.invitationId;
				}
				const channel = invitationId ? 'link' : 'paper';
				const recorded = recordResponse(
					when,
					survey.value,
					customerId,
					answers,
					channel,
					invitationId,
					words
				);
				if (!recorded.ok)
					throw new Error(`a bench answer was refused: ${JSON.stringify(recorded)}`);
			}
		});
	}
	const logged = FEEDBACK.items - FEEDBACK.responses / 10;
	for (let start = 0; start < logged; start += 1_000) {
		inOneStep(ctx, () => {
			for (let i = start; i < Math.min(logged, start + 1_000); i++) {
				const at = now - Math.floor(random() * 365 * 86_400_000);
				const item = logFeedback(
					{ ...ctx, now: () => at },
					{
						kind: FEEDBACK_KINDS[i % FEEDBACK_KINDS.length]!,
						channel: 'in_store',
						customerId: customerIds[Math.floor(random() * customerIds.length)]!,
						purchaseId: '',
						products: [],
						severity: SEVERITIES[i % SEVERITIES.length]!,
						description: `Feedback ${i}`,
						ownerId: '',
						receivedAt: at
					}
				);
				if (!item.ok) throw new Error(`a bench feedback item was refused: ${JSON.stringify(item)}`);
				if (random() < 0.7)
					setFeedbackStatus({ ...ctx, now: () => at + 3_600_000 }, item.value, 'acknowledged', '');
				if (random() < 0.5)
					setFeedbackStatus(
						{ ...ctx, now: () => at + 30 * 3_600_000 },
						item.value,
						'resolved',
						'Done'
					);
			}
		});
	}
}

/** A customer file as a shop would bring it (Chinese headers, UTF-8 with BOM), for the import. */
export function generateImportCsv(count: number, seed = 11): string {
	const rows = demoCustomers(count, seed).map((c) => [
		c.name,
		c.phone,
		c.email,
		c.birthday,
		c.city,
		c.tags.join('、'),
		c.notes
	]);
	return toCsv([['姓名', '手机号', '邮箱', '生日', '城市', '标签', '备注'], ...rows]);
}
