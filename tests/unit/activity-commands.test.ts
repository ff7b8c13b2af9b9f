import { describe, expect, it } from 'vitest';
import { entityOf, entitiesOf } from '../../src/lib/crdt/workspace-doc';
import {
	addPurchase,
	addTask,
	completeTask,
	logInteraction,
	snoozeTask
} from '../../src/lib/features/activity/activity-commands';
import { readPurchase, readTask } from '../../src/lib/features/activity/activity-records';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import type {
	InteractionFields,
	PurchaseFields
} from '../../src/lib/features/activity/rules/activity';
import {
	followUpsAfterPurchase,
	todayBucket
} from '../../src/lib/features/activity/rules/follow-ups';
import { customer, memberContext } from './helpers';

const AT = new Date(2026, 5, 1, 10, 30).getTime();

function setup() {
	const ctx = memberContext();
	const created = createCustomer(ctx, customer({ name: '张三' }));
	if (!created.ok) throw new Error('no customer');
	return { ctx, customerId: created.value };
}

const purchase = (customerId: string, over: Partial<PurchaseFields> = {}): PurchaseFields => ({
	customerId,
	at: AT,
	lines: [{ product: '乌龙茶', quantity: 2, unitPriceCents: 6025 }],
	discountCents: 0,
	payment: 'wechat_pay',
	channel: 'in_store',
	note: '',
	...over
});

const interaction = (
	customerId: string,
	over: Partial<InteractionFields> = {}
): InteractionFields => ({
	customerId,
	at: AT,
	kind: 'call',
	direction: 'out',
	summary: 'Asked about new oolong',
	outcome: '',
	nextStep: 'Call back with prices',
	followUpDate: '',
	products: [],
	...over
});

describe('purchases', () => {
	it('records a purchase as a plain value with exact lines', () => {
		const { ctx, customerId } = setup();
		const result = addPurchase(ctx, purchase(customerId, { discountCents: 50 }));
		if (!result.ok) throw new Error('not added');
		expect(readPurchase(result.value, ctx.ws.purchases.get(result.value))).toMatchObject({
			customerId,
			lines: [{ product: '乌龙茶', quantity: 2, unitPriceCents: 6025 }],
			discountCents: 50
		});
	});

	it('rejects what cannot be a purchase and writes nothing', () => {
		const { ctx, customerId } = setup();
		expect(addPurchase(ctx, purchase(customerId, { lines: [] }))).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { lines: 'validation.linesRequired' }
		});
		expect(addPurchase(ctx, purchase(customerId, { discountCents: 999_999 }))).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { discountCents: 'validation.discountTooLarge' }
		});
		expect(
			addPurchase(
				ctx,
				purchase(customerId, { lines: [{ product: 'x', quantity: 1.5, unitPriceCents: 1 }] })
			)
		).toMatchObject({ ok: false, errors: { lines: 'validation.quantityInvalid' } });
		expect(addPurchase(ctx, purchase('nobody'))).toEqual({ ok: false, reason: 'notFound' });
		expect(ctx.ws.purchases.size).toBe(0);
	});
});

describe('interactions and follow-ups', () => {
	it('creates the follow-up task with the interaction, as one undo step', () => {
		const { ctx, customerId } = setup();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		const result = logInteraction(ctx, interaction(customerId, { followUpDate: '2026-06-03' }));
		if (!result.ok || !result.value.taskId) throw new Error('no task');
		const task = readTask(result.value.taskId, entityOf(ctx.ws.tasks, result.value.taskId)!);
		expect(task).toMatchObject({
			customerId,
			title: 'Call back with prices',
			due: '2026-06-03',
			status: 'open',
			sourceId: result.value.interactionId
		});
		undo.undo();
		expect(ctx.ws.tasks.size).toBe(0);
		expect(ctx.ws.interactions.size).toBe(0);
	});

	it('completes and snoozes tasks', () => {
		const { ctx, customerId } = setup();
		const added = addTask(ctx, {
			customerId,
			title: '回访',
			due: '2026-06-01',
			dueTime: '',
			repeatAfterPurchaseDays: 0
		});
		if (!added.ok) throw new Error('no task');
		snoozeTask(ctx, added.value, '2026-06-05');
		const snoozed = readTask(added.value, entityOf(ctx.ws.tasks, added.value)!);
		expect(todayBucket(snoozed, '2026-06-02')).toBe('later');
		expect(todayBucket(snoozed, '2026-06-06')).toBe('overdue');
		completeTask(ctx, added.value);
		expect(readTask(added.value, entityOf(ctx.ws.tasks, added.value)!)).toMatchObject({
			status: 'done'
		});
	});

	it('a repeating follow-up moves with each purchase and comes back after it is done', () => {
		const { ctx, customerId } = setup();
		const added = addTask(ctx, {
			customerId,
			title: '回访',
			due: '2026-06-01',
			dueTime: '',
			repeatAfterPurchaseDays: 30
		});
		if (!added.ok) throw new Error('no task');
		addPurchase(ctx, purchase(customerId, { at: new Date(2026, 5, 10).getTime() }));
		expect(readTask(added.value, entityOf(ctx.ws.tasks, added.value)!).due).toBe('2026-07-10');

		completeTask(ctx, added.value);
		addPurchase(ctx, purchase(customerId, { at: new Date(2026, 6, 20).getTime() }));
		const tasks = [...entitiesOf(ctx.ws.tasks)].map(([id, map]) => readTask(id, map));
		const next = tasks.find((task) => task.id !== added.value);
		expect(tasks).toHaveLength(2);
		expect(next).toMatchObject({
			status: 'open',
			due: '2026-08-19',
			seriesId: added.value,
			title: '回访'
		});
	});

	it('followUpsAfterPurchase follows only the latest occurrence of each series', () => {
		const base = {
			customerId: 'c',
			snoozedUntil: '',
			due: '2026-01-01',
			repeatAfterPurchaseDays: 7
		};
		const changes = followUpsAfterPurchase(
			[
				{ ...base, id: 'a', seriesId: 'a', status: 'done', createdAt: 1 },
				{ ...base, id: 'b', seriesId: 'a', status: 'open', createdAt: 2 },
				{
					...base,
					id: 'c',
					seriesId: 'c',
					status: 'open',
					createdAt: 3,
					repeatAfterPurchaseDays: 0
				}
			],
			'2026-02-01'
		);
		expect(changes).toEqual([{ kind: 'reschedule', taskId: 'b', due: '2026-02-08' }]);
	});
});
