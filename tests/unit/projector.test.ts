import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	addPurchase,
	addTask,
	completeTask,
	deleteInteraction,
	deletePurchase,
	editInteraction,
	editPurchase,
	logInteraction,
	restoreInteraction,
	restorePurchase
} from '../../src/lib/features/activity/activity-commands';
import { readInteraction, readPurchase } from '../../src/lib/features/activity/activity-records';
import {
	createCustomer,
	createCustomers,
	deleteCustomer,
	restoreCustomer,
	updateCustomer
} from '../../src/lib/features/customers/customer-commands';
import { type CommandContext } from '../../src/lib/core/command-context';
import {
	createFieldDef,
	liveFieldDefs
} from '../../src/lib/features/custom-fields/custom-field-commands';
import { deleteTag, renameTag, setTagColor } from '../../src/lib/features/tags/tag-commands';
import { setMemberProfile } from '../../src/lib/features/shop/member-commands';
import { createProduct, updateProduct } from '../../src/lib/features/products/product-commands';
import {
	createSegment,
	deleteSegment,
	updateSegment
} from '../../src/lib/features/segments/segment-commands';
import { emptyCondition } from '../../src/lib/features/segments/rules/segment';
import { createCampaign, updateCampaign } from '../../src/lib/features/coupons/coupon-commands';
import { emptyCampaign } from '../../src/lib/features/coupons/rules/coupons';
import { createTemplate, updateTemplate } from '../../src/lib/features/care/care-commands';
import {
	createAutomation,
	updateAutomation
} from '../../src/lib/features/automations/automation-commands';
import {
	createDeal,
	createPipeline,
	moveDeal,
	updatePipeline
} from '../../src/lib/features/deals/deal-commands';
import {
	discardLead,
	reopenLead,
	setKioskSettings,
	signUpWalkIn
} from '../../src/lib/features/leads/lead-commands';
import { defaultKioskSettings } from '../../src/lib/features/leads/rules/kiosk';
import { logFeedback, setFeedbackStatus } from '../../src/lib/features/feedback/feedback-commands';
import {
	createSurvey,
	inviteToSurvey,
	recordResponse
} from '../../src/lib/features/feedback/survey-commands';
import {
	createReport,
	deleteReport,
	updateReport
} from '../../src/lib/features/insights/report-commands';
import { DEFAULT_REPORT } from '../../src/lib/features/insights/rules/report-definition';
import { tombstonedIds } from '../../src/lib/features/activity/event-tombstones';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { isDeleted, liveCustomer, entityOf, entitiesOf } from '../../src/lib/crdt/workspace-doc';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { LIFECYCLE_STAGES } from '../../src/lib/features/customers/rules/customer';
import { eventCounts } from '../../src/lib/projection/activity-queries';
import { EventIndex } from '../../src/lib/projection/event-index';
import { PROJECTION_STATE_KEY } from '../../src/lib/projection/db';
import { Projector } from '../../src/lib/projection/projector';
import { rebuildProjection } from '../../src/lib/projection/rebuild';
import { prefersRebuild } from '../../src/lib/projection/rebuild-decision';
import { customer, memberContext, seededRandom } from './helpers';
import {
	PROJECTION_CONTENTS,
	rebuiltRows,
	rowsByTable,
	useProjectionDbs
} from './projection-helpers';

const freshDb = useProjectionDbs('test-projection');

const NAMES = ['张三', '李四', '王小明', 'Anna Lee', 'John Smith', '曾小贤', '<b>bold</b>'];
const TAGS = ['vip', 'tea', 'wholesale', '老客户'];

/**
 * Random creates, edits, deletes, undos and remote merges, reproducible from the seed. Lets the
 * projector catch up every few steps, as the app does between user actions, so later edits
 * reach customers whose rows already exist.
 */
async function randomEdits(
	ctx: CommandContext,
	remote: CommandContext,
	seed: number,
	steps: number,
	projector: Projector
) {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const undo = createUndoManager(ctx.ws, ctx.origin);
	// Mostly live customers, sometimes a deleted one (commands must refuse it cleanly).
	const ids = () =>
		[...entitiesOf(ctx.ws.customers)]
			.filter(([, map]) => !isDeleted(map) || random() < 0.1)
			.map(([id]) => id);
	for (let step = 0; step < steps; step++) {
		// Coupon campaigns, a shared layout too, every so often (without drawing from `random`,
		// so the other kinds' steps stay what their seeds made them).
		if (step % 40 === 7 || step % 40 === 27) {
			const campaignIds = [...ctx.ws.doc.getMap('couponCampaigns').keys()];
			const campaign = { ...emptyCampaign(), name: `C${step}`, amountCents: 100 + step };
			if (step % 40 === 7 || campaignIds.length === 0) createCampaign(ctx, campaign);
			else updateCampaign(ctx, campaignIds[step % campaignIds.length]!, campaign);
			// Greeting templates likewise.
			const templateIds = [...ctx.ws.doc.getMap('messageTemplates').keys()];
			const template = {
				name: `T${step}`,
				occasion: 'any' as const,
				textEn: `Hi {name} ${step}`,
				textZh: ''
			};
			if (step % 40 === 7 || templateIds.length === 0) createTemplate(ctx, template);
			else updateTemplate(ctx, templateIds[step % templateIds.length]!, template);
			// And automation rules.
			const ruleIds = [...ctx.ws.doc.getMap('automations').keys()];
			const rule = {
				name: `A${step}`,
				enabled: step % 2 === 0,
				trigger: { kind: 'afterPurchase' as const, days: step % 9, tierId: '' },
				segmentId: '',
				actions: [{ kind: 'task' as const, text: `Call ${step}`, ref: '', points: 0 }]
			};
			if (step % 40 === 7 || ruleIds.length === 0) createAutomation(ctx, rule);
			else updateAutomation(ctx, ruleIds[step % ruleIds.length]!, rule);
			// And a sales pipeline with a deal that moves (its history is a table too).
			const pipelineIds = [...ctx.ws.doc.getMap('pipelines').keys()];
			const stages = [
				{
					id: 'open',
					name: `Open ${step}`,
					kind: 'open' as const,
					probability: 20,
					staleAfterDays: 7
				},
				{ id: 'won', name: 'Won', kind: 'won' as const, probability: 100, staleAfterDays: 0 },
				{ id: 'lost', name: 'Lost', kind: 'lost' as const, probability: 0, staleAfterDays: 0 }
			];
			const pipeline = { name: `P${step}`, stages, lostReasons: ['Price'] };
			let pipelineId = pipelineIds[step % Math.max(1, pipelineIds.length)];
			if (step % 40 === 7 || !pipelineId) {
				const made = createPipeline(ctx, pipeline);
				pipelineId = made.ok ? made.value : '';
			} else updatePipeline(ctx, pipelineId, pipeline);
			const buyer = [...entitiesOf(ctx.ws.customers)].find(([, map]) => !isDeleted(map))?.[0];
			if (buyer && pipelineId) {
				const deal = createDeal(ctx, {
					title: `Deal ${step}`,
					customerId: buyer,
					valueCents: 1000 * step,
					lines: [],
					pipelineId,
					stageId: 'open',
					probability: step % 3 === 0 ? 35 : null,
					closeDate: '',
					ownerId: '',
					source: '',
					nextStep: '',
					nextStepDate: '',
					notes: ''
				});
				if (deal.ok && step % 40 === 27) moveDeal(ctx, deal.value, 'lost', 'Price');
				// Leads' decisions and kiosk consents are tables too.
				if (step % 40 === 7) discardLead(ctx, buyer, 'spam', '');
				if (step % 80 === 27) reopenLead(ctx, buyer);
				// Feedback items and their history are tables too.
				const logged = logFeedback(ctx, {
					kind: 'complaint',
					channel: 'phone',
					customerId: buyer,
					purchaseId: '',
					products: [`Tea ${step}`],
					severity: 'high',
					description: `Complaint ${step}`,
					ownerId: '',
					receivedAt: Date.UTC(2026, 0, 1) + step * 60_000
				});
				if (logged.ok && step % 40 === 27) setFeedbackStatus(ctx, logged.value, 'acknowledged');
				// Surveys, invitations and responses are tables too.
				const surveyIds = [...ctx.ws.doc.getMap('surveys').keys()];
				const surveyId =
					surveyIds[0] ??
					(() => {
						const made = createSurvey(ctx, {
							name: `Survey ${step}`,
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
				const invited = inviteToSurvey(ctx, surveyId, buyer, '');
				if (invited.ok)
					recordResponse(
						ctx,
						surveyId,
						buyer,
						{ 'q-nps': step % 11 },
						'link',
						invited.value.invitationId,
						{ nps: 'NPS', csat: 'CSAT' }
					);
			}
			if (step % 40 === 27) {
				setKioskSettings(ctx, { ...defaultKioskSettings(), fields: ['email'] });
				signUpWalkIn(ctx, {
					name: `Walk-in ${step}`,
					phone: `137${String(step).padStart(8, '0')}`,
					fields: {},
					custom: {},
					consents: { sms: step % 2 === 0, wechat: true, email: false },
					language: 'en',
					welcomeNote: 'Welcome'
				});
			}
		}
		if (random() < 0.2) await projector.idle();
		const roll = random();
		const id = ids().length > 0 ? pick(ids()) : null;
		if (roll < 0.35 || !id) {
			createCustomer(
				ctx,
				customer({ name: pick(NAMES), phone: `138${String(step).padStart(8, '0')}` })
			);
		} else if (roll < 0.45) {
			addPurchase(ctx, {
				customerId: id,
				at: Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * 86_400_000,
				lines: [
					{
						product: pick(['乌龙茶', 'Green tea']),
						quantity: 1 + Math.floor(random() * 3),
						unitPriceCents: 1 + Math.floor(random() * 20_000)
					}
				],
				discountCents: 0,
				payment: 'cash',
				channel: 'in_store',
				note: ''
			});
		} else if (roll < 0.5) {
			const purchaseIds = eventIds(ctx, 'purchases');
			if (purchaseIds.length > 0) {
				// Deleted, restored and edited purchases: metrics must follow each.
				const target = pick(purchaseIds);
				const action = random();
				const current = readPurchase(target, ctx.ws.purchases.get(target));
				if (action < 0.4) deletePurchase(ctx, target);
				else if (action < 0.6) restorePurchase(ctx, target);
				else if (action < 0.7) removeKey(ctx, 'purchases', target);
				else if (current) {
					editPurchase(ctx, target, {
						...current,
						at: current.at + 3_600_000,
						lines: [{ ...current.lines[0]!, unitPriceCents: 1 + Math.floor(random() * 20_000) }]
					});
				}
			}
		} else if (roll < 0.55) {
			logInteraction(ctx, {
				customerId: id,
				at: Date.UTC(2026, 0, 1) + step * 3_600_000,
				kind: 'call',
				direction: 'out',
				summary: `call ${step}`,
				outcome: '',
				nextStep: '',
				followUpDate: random() < 0.5 ? '2026-07-01' : '',
				products: []
			});
		} else if (roll < 0.57) {
			const interactionIds = eventIds(ctx, 'interactions');
			if (interactionIds.length > 0) {
				const target = pick(interactionIds);
				const action = random();
				const current = readInteraction(target, ctx.ws.interactions.get(target));
				if (action < 0.35) deleteInteraction(ctx, target);
				else if (action < 0.6) restoreInteraction(ctx, target);
				else if (action < 0.7) removeKey(ctx, 'interactions', target);
				else if (current) {
					editInteraction(ctx, target, { ...current, at: current.at - 86_400_000 });
				}
			}
		} else if (roll < 0.6) {
			const taskIds = [...ctx.ws.tasks.keys()];
			if (random() < 0.5 || taskIds.length === 0) {
				addTask(ctx, {
					customerId: id,
					title: `task ${step}`,
					due: '2026-07-02',
					dueTime: '',
					repeatAfterPurchaseDays: random() < 0.3 ? 30 : 0
				});
			} else {
				completeTask(ctx, pick(taskIds));
			}
		} else if (roll < 0.62) {
			const productIds = [...ctx.ws.products.keys()];
			if (productIds.length === 0 || random() < 0.5) {
				createProduct(ctx, {
					name: pick(['乌龙茶', 'Green tea']),
					category: '',
					priceCents: step,
					active: true
				});
			} else {
				updateProduct(ctx, pick(productIds), {
					name: `P${step}`,
					category: 'x',
					priceCents: step,
					active: random() < 0.5
				});
			}
		} else if (roll < 0.64) {
			const action = random();
			const segmentIds = [...ctx.ws.doc.getMap('segments').keys()];
			const segment = {
				name: `S${step}`,
				color: pick(['teal', 'red'] as const),
				definition: {
					join: 'all' as const,
					items: [{ ...emptyCondition(), value: String(step) }]
				}
			};
			if (action < 0.45) setTagColor(ctx, pick(TAGS), pick(['red', 'green', 'blue'] as const));
			else if (action < 0.55) renameTag(ctx, pick(TAGS), pick(TAGS));
			else if (action < 0.6) deleteTag(ctx, pick(TAGS));
			else {
				// Saved segments and saved reports: both shared layouts the projector keeps.
				const reportIds = [...ctx.ws.doc.getMap('reports').keys()];
				const report = {
					name: `R${step}`,
					definition: {
						...DEFAULT_REPORT,
						colour: random() < 0.5,
						sortBy: step % 2 ? 'label' : `col:2026-0${step % 9}`
					}
				};
				const which = random();
				if (which < 0.3 || reportIds.length === 0) createReport(ctx, report);
				else if (which < 0.4) updateReport(ctx, pick(reportIds), report);
				else if (which < 0.43) deleteReport(ctx, pick(reportIds));
				else if (which < 0.8 || segmentIds.length === 0) createSegment(ctx, segment);
				else if (which < 0.92) updateSegment(ctx, pick(segmentIds), segment);
				else deleteSegment(ctx, pick(segmentIds));
			}
		} else if (roll < 0.67) {
			const defs = liveFieldDefs(ctx.ws);
			if (defs.length < 2)
				createFieldDef(ctx, {
					labelEn: `F${step}`,
					labelZh: '',
					type: 'choice',
					options: ['A', 'B'],
					showInList: true
				});
			else updateCustomer(ctx, id, { custom: { [pick(defs).id]: pick(['A', 'B']) } });
		} else if (roll < 0.7) {
			updateCustomer(ctx, id, {
				stage: pick(LIFECYCLE_STAGES),
				tags: TAGS.filter(() => random() < 0.4),
				notes: `note ${step}`
			});
		} else if (roll < 0.77) {
			if (isDeleted(entityOf(ctx.ws.customers, id)!) && random() < 0.5) restoreCustomer(ctx, id);
			else deleteCustomer(ctx, id);
		} else if (roll < 0.8) {
			// Merge another live customer into this one: its events, tasks and history move.
			const other = pick(ids());
			const kept = liveCustomer(ctx.ws, id);
			if (kept) mergeCustomers(ctx, id, other, { ...kept, notes: `merged ${step}` });
		} else if (roll < 0.9) {
			undo.undo();
		} else {
			// A colleague edits, and their update arrives through the same doc.
			Y.applyUpdate(remote.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));
			updateCustomer(remote, id, { company: `Co ${step}` });
			// …and renames themselves now and then: history shows the name of the moment.
			if (step % 3 === 0) setMemberProfile(remote, { name: `Wang ${step}`, color: 'teal' });
			// Races: the colleague deletes or edits a purchase that this device edits, deletes or
			// merges away before either hears of the other.
			const purchaseIds = [...remote.ws.purchases.keys()];
			if (random() < 0.6 && purchaseIds.length > 0) {
				const target = pick(purchaseIds);
				const theirs = readPurchase(target, remote.ws.purchases.get(target));
				if (random() < 0.5) deletePurchase(remote, target);
				else if (theirs) editPurchase(remote, target, { ...theirs, note: `remote ${step}` });
				const ours = readPurchase(target, ctx.ws.purchases.get(target));
				const action = random();
				if (action < 0.35 && ours) editPurchase(ctx, target, { ...ours, discountCents: 1 });
				else if (action < 0.6) deletePurchase(ctx, target);
				else if (ours) {
					const keptId = pick(ids());
					const kept = liveCustomer(ctx.ws, keptId);
					if (kept && keptId !== ours.customerId) {
						mergeCustomers(ctx, keptId, ours.customerId, { ...kept, notes: `race ${step}` });
					}
				}
			}
			Y.applyUpdate(ctx.ws.doc, Y.encodeStateAsUpdate(remote.ws.doc), 'remote');
		}
	}
}

/** Events of one kind with a key or a tombstone: delete, restore and edit each pick one. */
function eventIds(ctx: CommandContext, root: 'purchases' | 'interactions'): string[] {
	const tombstoned = tombstonedIds(ctx.ws)[root];
	// In the order they were written, so a seed picks the same events every run.
	return [...new Set([...ctx.ws[root].keys(), ...tombstoned])];
}

/** Removes an event's key, as an app older than v8 deletes it, and the demo's removal does. */
function removeKey(ctx: CommandContext, root: 'purchases' | 'interactions', id: string) {
	ctx.ws.doc.transact(() => ctx.ws[root].delete(id), ctx.origin);
}

describe('projector', () => {
	it('keeps rows for live customers with search keys, and removes deleted ones', async () => {
		const ctx = memberContext();
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		const a = createCustomer(ctx, customer({ name: '张三', phone: '138 0013 8000' }));
		const b = createCustomer(ctx, customer({ name: 'Anna' }));
		if (!a.ok || !b.ok) throw new Error('create failed');
		deleteCustomer(ctx, b.value);
		await projector.idle();
		const rows = await db.customers.toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ id: a.value, name: '张三', phoneDigits: '13800138000' });
		expect(rows[0]!.searchText).toContain('zhangsan');
	});

	it.each([1, 2, 3, 42, 1337])(
		'rebuildProjection() produces exactly the rows the projector maintained (seed %i)',
		async (seed) => {
			const ctx = memberContext('local');
			const remote = memberContext('remote');
			const incremental = freshDb();
			const projector = new Projector(ctx.ws, incremental);
			await projector.start();
			await randomEdits(ctx, remote, seed, 500, projector);
			await projector.idle();

			const expected = await rebuiltRows(ctx.ws, freshDb());
			const actual = await rowsByTable(incremental);
			for (const table of PROJECTION_CONTENTS) {
				expect(actual[table]!.length, table).toBeGreaterThan(0);
				expect(actual[table], table).toEqual(expected[table]);
			}
			const withPurchases = await incremental.customers
				.filter((row) => (row.totalSpentCents ?? 0) > 0)
				.count();
			expect(withPurchases).toBeGreaterThan(0);
			// The event index kept in step with every edit equals one built from the doc now.
			const fresh = new EventIndex(ctx.ws);
			const now = Date.now();
			let deletedEvents = 0;
			for (const id of ctx.ws.customers.keys()) {
				expect(projector.eventsOf(id), id).toEqual(fresh.eventsOf(id));
				const deleted = projector.deletedEventsOf(id, now);
				expect(deleted, id).toEqual(fresh.deletedEventsOf(id, now));
				deletedEvents += deleted.purchases.length + deleted.interactions.length;
			}
			// The run deleted (and edited) events, so the equality above covered them.
			expect(deletedEvents).toBeGreaterThan(0);
			expect(projector.allPurchases()).toEqual(fresh.allPurchases());
			expect(projector.allInteractions()).toEqual(fresh.allInteractions());
			// Deletes are key removals with tombstones, and some raced an edit (key back, still deleted).
			const tombstoned = tombstonedIds(ctx.ws).purchases;
			expect(tombstoned.size).toBeGreaterThan(0);
			expect([...tombstoned].some((id) => ctx.ws.purchases.has(id))).toBe(true);
		},
		// 500 random steps, each seed a second or two; more on a busy machine.
		30_000
	);

	it('catches up on start when the stored projection is behind the doc', async () => {
		const ctx = memberContext();
		const db = freshDb();
		const first = new Projector(ctx.ws, db);
		await first.start();
		createCustomer(ctx, customer({ name: 'Seen' }));
		await first.idle();
		first.stop();
		// Changes made while no projector ran (e.g. the tab closed before Dexie committed).
		createCustomer(ctx, customer({ name: 'Missed' }));

		const second = new Projector(ctx.ws, db);
		expect(await second.start()).toEqual({ rebuilt: true });
		expect((await db.customers.toArray()).map((row) => row.name).sort()).toEqual([
			'Missed',
			'Seen'
		]);
		expect(await new Projector(ctx.ws, db).start()).toEqual({ rebuilt: false });
	});
});

describe('rebuild progress', () => {
	it('reports progress while rebuilding, then null when done', async () => {
		const ctx = memberContext();
		for (let i = 0; i < 1200; i++) createCustomer(ctx, customer({ name: `C${i}` }));
		const reports: Array<{ done: number; total: number } | null> = [];
		const projector = new Projector(ctx.ws, freshDb(), {
			onRebuildProgress: (p) => reports.push(p)
		});
		expect(await projector.start()).toEqual({ rebuilt: true });
		// Computing 1,200 customers and writing their 1,200 rows, a chunk of 500 at a time.
		expect(reports[0]).toEqual({ done: 0, total: 1200 });
		expect(reports[1]).toEqual({ done: 500, total: 2400 });
		expect(reports).toContainEqual({ done: 1200 + 1000, total: 2400 });
		expect(reports.at(-2)).toEqual({ done: 2400, total: 2400 });
		expect(reports.at(-1)).toBeNull();
		const dones = reports.slice(0, -1).map((report) => report!.done);
		expect(dones).toEqual([...dones].sort((a, b) => a - b));
	});

	it('builds the projection of an empty archive without a progress screen', async () => {
		const reports: unknown[] = [];
		const db = freshDb();
		const projector = new Projector(memberContext().ws, db, {
			onRebuildProgress: (p) => reports.push(p)
		});
		expect(await projector.start()).toEqual({ rebuilt: true });
		await projector.idle();
		expect(reports).toEqual([]);
		expect(await db.projectionState.count()).toBe(1);
	});
});

describe('rebuild writes', () => {
	/** `db.customers.bulkPut`, watched: how many writes were ever in flight at once. */
	function watchWrites(db: ReturnType<typeof freshDb>, failOnCall?: number) {
		const seen = { calls: 0, inFlight: 0, mostInFlight: 0 };
		const bulkPut = db.customers.bulkPut.bind(db.customers);
		db.customers.bulkPut = ((rows: Parameters<typeof bulkPut>[0]) => {
			seen.calls++;
			if (seen.calls === failOnCall) throw new Error('the disk is full');
			seen.inFlight++;
			seen.mostInFlight = Math.max(seen.mostInFlight, seen.inFlight);
			return bulkPut(rows).finally(() => seen.inFlight--);
		}) as typeof bulkPut;
		return seen;
	}

	it('keeps several chunks in flight while computing the next, and writes every row', async () => {
		const ctx = memberContext();
		createCustomers(
			ctx,
			Array.from({ length: 3_200 }, (_, i) => customer({ name: `C${i}` }))
		);
		const db = freshDb();
		const seen = watchWrites(db);
		await rebuildProjection(ctx.ws, db);
		// Seven chunks of 500: one write behind (as before) never had more than two in flight.
		expect(seen.calls).toBe(7);
		expect(seen.mostInFlight).toBeGreaterThan(2);
		expect(await db.customers.count()).toBe(3_200);
	});

	it('fails as a whole when one chunk cannot be written, writing nothing', async () => {
		const ctx = memberContext();
		createCustomers(
			ctx,
			Array.from({ length: 3_200 }, (_, i) => customer({ name: `C${i}` }))
		);
		const db = freshDb();
		watchWrites(db, 3);
		await expect(rebuildProjection(ctx.ws, db)).rejects.toThrow('the disk is full');
		expect(await db.customers.count()).toBe(0);
		expect(await db.projectionState.count()).toBe(0);
	});
});

/**
 * A colleague's 5,200 customers (one update) and a purchase (a second), and a device of our own
 * with one customer: the colleague's archive is most of what we will hold.
 */
function colleagueWithMostOfTheArchive() {
	const colleague = memberContext('member-a');
	const parts: Uint8Array[] = [];
	colleague.ws.doc.on('update', (update: Uint8Array) => parts.push(update));
	const created = createCustomers(
		colleague,
		Array.from({ length: 5_200 }, (_, i) => customer({ name: `Customer ${i}` }))
	);
	if (!created.ok) throw new Error('setup');
	addPurchase(colleague, {
		customerId: created.value[7]!,
		at: Date.UTC(2026, 0, 2),
		lines: [{ product: 'Tea', quantity: 1, unitPriceCents: 3_000 }],
		discountCents: 0,
		payment: 'cash',
		channel: 'in_store',
		note: ''
	});
	const me = memberContext('member-b');
	createCustomer(me, customer({ name: 'Already here' }));
	return { colleague, parts, created, me };
}

/** A started projector of `me`'s archive, and the rebuild progress it reports from now on. */
async function startedWithProgress(me: ReturnType<typeof memberContext>) {
	const reports: unknown[] = [];
	const db = freshDb();
	const projector = new Projector(me.ws, db, { onRebuildProgress: (p) => reports.push(p) });
	await projector.start();
	reports.length = 0;
	return { db, projector, reports };
}

describe('a change that touches most of the archive', () => {
	it('is rebuilt when large and most of the archive, else projected incrementally', () => {
		expect(prefersRebuild(5_000, 5_000)).toBe(false);
		expect(prefersRebuild(5_001, 5_001)).toBe(true);
		expect(prefersRebuild(6_000, 11_999)).toBe(true);
		expect(prefersRebuild(6_000, 12_000)).toBe(false);
		expect(prefersRebuild(100, 100)).toBe(false);
	});

	it('arriving in one update, is rebuilt with progress, and equals a rebuild', async () => {
		const { colleague, created, me } = colleagueWithMostOfTheArchive();
		const { db, projector, reports } = await startedWithProgress(me);
		Y.applyUpdate(me.ws.doc, Y.encodeStateAsUpdate(colleague.ws.doc), 'remote');
		await projector.idle();
		expect(reports[0]).toEqual({ done: 0, total: 5_201 });
		expect(reports.at(-1)).toBeNull();
		expect(await db.customers.get(created.value[7]!)).toMatchObject({ purchaseCount: 1 });
		const projected = await rowsByTable(db);
		expect(projected).toEqual(await rebuiltRows(me.ws, freshDb()));

		// A small edit afterwards is incremental again: no progress screen.
		reports.length = 0;
		updateCustomer(me, created.value[0]!, { city: 'Xiamen' });
		await projector.idle();
		expect(reports).toEqual([]);
		expect((await db.customers.get(created.value[0]!))?.city).toBe('Xiamen');
	});

	it('arriving in parts while rebuilds are held, is rebuilt once, after the release', async () => {
		const { parts, created, me } = colleagueWithMostOfTheArchive();
		const { db, projector, reports } = await startedWithProgress(me);

		const release = projector.holdRebuilds();
		let idle = false;
		Y.applyUpdate(me.ws.doc, parts[0]!, 'remote');
		const projected = projector.idle().then(() => (idle = true));
		await new Promise((resolve) => setTimeout(resolve, 50));
		Y.applyUpdate(me.ws.doc, parts[1]!, 'remote');
		await new Promise((resolve) => setTimeout(resolve, 50));
		// Nothing is written while held, and "idle" still means "projected".
		expect(await db.customers.count()).toBe(1);
		expect(idle).toBe(false);
		expect(reports).toEqual([]);

		release();
		release();
		await projected;
		await projector.idle();
		expect(reports.filter((report) => report !== null)[0]).toEqual({ done: 0, total: 5_201 });
		expect(reports.filter((report) => (report as { done?: number })?.done === 0)).toHaveLength(1);
		expect(await db.customers.get(created.value[7]!)).toMatchObject({ purchaseCount: 1 });
		expect(await rowsByTable(db)).toEqual(await rebuiltRows(me.ws, freshDb()));
	});

	it('is not itemised once a rebuild is certain, and the event index is read again after it', async () => {
		const { colleague, created, me } = colleagueWithMostOfTheArchive();
		const { db, projector } = await startedWithProgress(me);
		// The index is built before the archive arrives, as when a customer's page was open.
		projector.prepareForBulk();
		const itemised = vi.spyOn(Y.YEvent.prototype, 'changes', 'get');
		try {
			Y.applyUpdate(me.ws.doc, Y.encodeStateAsUpdate(colleague.ws.doc), 'remote');
			await projector.idle();
			expect(itemised).not.toHaveBeenCalled();
			expect(await rowsByTable(db)).toEqual(await rebuiltRows(me.ws, freshDb()));
			const buyer = created.value[7]!;
			expect(projector.eventsOf(buyer).purchases).toHaveLength(1);
			expect(projector.eventsOf(buyer)).toEqual(new EventIndex(me.ws).eventsOf(buyer));

			// A small change afterwards is itemised again, and the index keeps up with it.
			const moved = projector.eventsOf(buyer).purchases[0]!.id;
			const other = created.value[8]!;
			const kept = liveCustomer(me.ws, other)!;
			expect(mergeCustomers(me, other, buyer, kept).ok).toBe(true);
			await projector.idle();
			expect(itemised).toHaveBeenCalled();
			expect(projector.eventsOf(other).purchases.map((row) => row.id)).toEqual([moved]);
			expect(await rowsByTable(db)).toEqual(await rebuiltRows(me.ws, freshDb()));
		} finally {
			itemised.mockRestore();
		}
	});

	it('is the only kind of change for which the archive is counted', async () => {
		const me = memberContext('member-b');
		const id = createCustomer(me, customer({ name: 'Walk-in' }));
		if (!id.ok) throw new Error('setup');
		const db = freshDb();
		const projector = new Projector(me.ws, db);
		await projector.start();
		const counted = vi.spyOn(Y.Map.prototype, 'size', 'get');
		try {
			updateCustomer(me, id.value, { city: 'Xiamen' });
			await projector.idle();
			expect((await db.customers.get(id.value))?.city).toBe('Xiamen');
			expect(counted).not.toHaveBeenCalled();
		} finally {
			counted.mockRestore();
		}
	});

	it('while held, still projects a small change at once', async () => {
		const me = memberContext('member-b');
		const db = freshDb();
		const projector = new Projector(me.ws, db);
		await projector.start();
		const release = projector.holdRebuilds();
		const id = createCustomer(me, customer({ name: 'Walk-in' }));
		if (!id.ok) throw new Error('setup');
		await projector.idle();
		expect(await db.customers.get(id.value)).toMatchObject({ name: 'Walk-in' });
		release();
	});
});

describe('the archive’s event counts', () => {
	it('stay right without reading every event when a change touches no customer or event', async () => {
		const me = memberContext('member-b');
		const created = createCustomers(me, [customer({ name: 'Li' }), customer({ name: 'Wang' })]);
		if (!created.ok) throw new Error('setup');
		const sale = {
			at: Date.UTC(2026, 0, 2),
			lines: [{ product: 'Tea', quantity: 1, unitPriceCents: 3_000 }],
			discountCents: 0,
			payment: 'cash' as const,
			channel: 'in_store' as const,
			note: ''
		};
		addPurchase(me, { customerId: created.value[0]!, ...sale });
		const db = freshDb();
		await new Projector(me.ws, db).start();
		// A later session: the stored projection is up to date, and its counts are known.
		const projector = new Projector(me.ws, db);
		expect(await projector.start()).toEqual({ rebuilt: false });
		const eventsRead = vi.spyOn(me.ws.purchases, 'keys');

		setTagColor(me, 'vip', 'red');
		setMemberProfile(memberContext('member-c'), { name: 'Zhao', color: 'teal' });
		Y.applyUpdate(me.ws.doc, Y.encodeStateAsUpdate(memberContext('member-c').ws.doc));
		await projector.idle();
		expect(eventsRead).not.toHaveBeenCalled();
		expect(await db.projectionState.get(PROJECTION_STATE_KEY)).toMatchObject({
			purchaseCount: 1,
			interactionCount: 0
		});

		// A sale is an event: now the counts are read from the events.
		addPurchase(me, { customerId: created.value[1]!, ...sale });
		await projector.idle();
		expect(eventsRead).toHaveBeenCalled();
		expect(await db.projectionState.get(PROJECTION_STATE_KEY)).toMatchObject({
			purchaseCount: 2
		});
		setTagColor(me, 'tea', 'green');
		await projector.idle();
		expect(await db.projectionState.get(PROJECTION_STATE_KEY)).toMatchObject({
			purchaseCount: 2,
			interactionCount: 0
		});
		expect((await db.tagColors.toArray()).map((row) => row.tag).sort()).toEqual(['tea', 'vip']);
	});
});

/**
 * Member A adds 300 customers; member B, synced with A, then records one purchase of
 * `unitPriceCents` for customer number `buyerIndex`. Returns what device C would hear from each.
 */
function purchaseAheadOfItsCustomer(buyerIndex: number, unitPriceCents: number) {
	const a = memberContext('member-a');
	const created = createCustomers(
		a,
		Array.from({ length: 300 }, (_, i) => customer({ name: `Customer ${i}` }))
	);
	if (!created.ok) throw new Error('setup');
	const buyer = created.value[buyerIndex]!;
	const b = memberContext('member-b');
	Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
	const before = Y.encodeStateVector(b.ws.doc);
	addPurchase(b, {
		customerId: buyer,
		at: Date.UTC(2026, 0, 2),
		lines: [{ product: 'Tea', quantity: 1, unitPriceCents }],
		discountCents: 0,
		payment: 'cash',
		channel: 'in_store',
		note: ''
	});
	return {
		buyer,
		purchaseUpdate: Y.encodeStateAsUpdate(b.ws.doc, before),
		customersUpdate: Y.encodeStateAsUpdate(a.ws.doc)
	};
}

describe('projector with large batches', () => {
	it('gives customers arriving in bulk the metrics of purchases that arrived before them', async () => {
		const { buyer, purchaseUpdate, customersUpdate } = purchaseAheadOfItsCustomer(123, 10_000);
		// Device C hears from B before it hears from A: the purchase lands before its customer.
		const c = memberContext('member-c');
		const db = freshDb();
		const projector = new Projector(c.ws, db);
		await projector.start();
		Y.applyUpdate(c.ws.doc, purchaseUpdate, 'remote');
		await projector.idle();
		expect(await eventCounts(db)).toEqual({ purchases: 1, interactions: 0 });
		expect(projector.eventsOf(buyer).purchases).toHaveLength(1);
		Y.applyUpdate(c.ws.doc, customersUpdate, 'remote');
		await projector.idle();
		expect(await db.customers.count()).toBe(300);
		expect(await db.customers.get(buyer)).toMatchObject({
			purchaseCount: 1,
			totalSpentCents: 10_000
		});
	});

	it('indexes who has events ahead of a bulk arrival, and keeps the index in step with later changes', async () => {
		const { buyer, purchaseUpdate, customersUpdate } = purchaseAheadOfItsCustomer(42, 7_000);
		const c = memberContext('member-c');
		const db = freshDb();
		const projector = new Projector(c.ws, db);
		await projector.start();
		const keyReads = vi.spyOn(c.ws.purchases, 'keys');

		// The index is built while the user still maps columns, before anything arrives...
		projector.prepareForBulk();
		expect(keyReads).toHaveBeenCalledTimes(1);
		// ...then a purchase lands ahead of its customer, and the customers arrive in bulk.
		Y.applyUpdate(c.ws.doc, purchaseUpdate, 'remote');
		await projector.idle();
		Y.applyUpdate(c.ws.doc, customersUpdate, 'remote');
		await projector.idle();

		expect(keyReads).toHaveBeenCalledTimes(1);
		expect(await db.customers.get(buyer)).toMatchObject({
			purchaseCount: 1,
			totalSpentCents: 7_000
		});
		expect(projector.eventsOf(buyer)).toEqual(new EventIndex(c.ws).eventsOf(buyer));
		expect(await rowsByTable(db)).toEqual(await rebuiltRows(c.ws, freshDb()));
	});
});

describe('when a customer was last changed', () => {
	it('is their newest field edit, through undo, a colleague’s edit and a merge, as a rebuild says', async () => {
		let clock = 1_000;
		const ctx = { ...memberContext('local'), now: () => clock };
		const db = freshDb();
		const projector = new Projector(ctx.ws, db);
		await projector.start();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		const id = createdId(createCustomer(ctx, customer({ name: 'Ann' })));
		const other = createdId(createCustomer(ctx, customer({ name: 'Ann L.', city: '杭州' })));
		const updatedAt = async (customerId: string) => {
			await projector.idle();
			return (await db.customers.get(customerId))?.updatedAt;
		};
		expect(await updatedAt(id)).toBe(1_000);

		clock = 2_000;
		undo.stopCapturing();
		updateCustomer(ctx, id, { city: '上海' });
		expect(await updatedAt(id)).toBe(2_000);
		undo.undo();
		expect(await updatedAt(id)).toBe(1_000);

		// A colleague's edit arrives from another doc.
		const remote = { ...memberContext('remote'), now: () => 3_000 };
		Y.applyUpdate(remote.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));
		updateCustomer(remote, other, { city: '苏州' });
		Y.applyUpdate(
			ctx.ws.doc,
			Y.encodeStateAsUpdate(remote.ws.doc, Y.encodeStateVector(ctx.ws.doc))
		);
		expect(await updatedAt(other)).toBe(3_000);

		// Merging moves the other's history, and with it its last change, to the one kept.
		clock = 2_500;
		const kept = liveCustomer(ctx.ws, id)!;
		mergeCustomers(ctx, id, other, kept);
		expect(await updatedAt(id)).toBe(3_000);

		const expected = await rebuiltRows(ctx.ws, freshDb());
		expect(await rowsByTable(db)).toEqual(expected);
	});
});

function createdId(result: { ok: boolean; value?: unknown }): string {
	if (!result.ok || typeof result.value !== 'string') throw new Error('create failed');
	return result.value;
}
