import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	createCustomer,
	createCustomers
} from '../../src/lib/features/customers/customer-commands';
import { planInWorker } from '../../src/lib/features/automations/automation-run';
import { settleResurrectedTasks } from '../../src/lib/features/automations/automation-repair';
import { completeTask, deleteTask } from '../../src/lib/features/activity/activity-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { createCampaign } from '../../src/lib/features/coupons/coupon-commands';
import { emptyCampaign } from '../../src/lib/features/coupons/rules/coupons';
import { issuedCodes } from '../../src/lib/features/coupons/coupon-records';
import { derivedCouponCode } from '../../src/lib/features/coupons/rules/derived-code';
import {
	applyAutomations,
	finishQueuedGreeting,
	setAutomationEnabled,
	createAutomation
} from '../../src/lib/features/automations/automation-commands';
import { planAutomations } from '../../src/lib/features/automations/automation-plan';
import {
	automationLog,
	automationRules
} from '../../src/lib/features/automations/automation-reads';
import {
	validateAutomation,
	type AutomationFields
} from '../../src/lib/features/automations/rules/automations';
import {
	triggerOccasion,
	type AutomationFacts
} from '../../src/lib/features/automations/rules/triggers';
import { entitiesOf } from '../../src/lib/crdt/workspace-doc';
import { readTask } from '../../src/lib/features/activity/activity-records';
import { readCustomer } from '../../src/lib/crdt/workspace-doc';
import { EMPTY_METRICS } from '../../src/lib/features/customers/rules/customer-metrics';
import type { SegmentCustomer } from '../../src/lib/features/segments/rules/segment-match';
import type { CommandContext } from '../../src/lib/core/command-context';
import { customer, memberContext } from './helpers';

const facts = (over: Partial<AutomationFacts> = {}): AutomationFacts => ({
	id: 'c1',
	createdAt: 0,
	birthday: '',
	birthdayCalendar: '',
	lastPurchaseAt: null,
	...over
});
const at = (day: string) => Date.parse(`${day}T15:00:00`);

describe('triggers', () => {
	it('fires N days before a birthday, lunar ones on their Gregorian day, catching up a week', () => {
		const trigger = { kind: 'birthdayIn' as const, days: 3, tierId: '' };
		expect(triggerOccasion(trigger, facts({ birthday: '1990-12-10' }), '2026-12-07')).toBe(
			'2026-12-10'
		);
		// Missed while the shop was closed: still caught up within the week.
		expect(triggerOccasion(trigger, facts({ birthday: '1990-12-05' }), '2026-12-07')).toBe(
			'2026-12-05'
		);
		expect(triggerOccasion(trigger, facts({ birthday: '1990-11-20' }), '2026-12-07')).toBeNull();
		expect(
			triggerOccasion(
				trigger,
				facts({ birthday: '1990-08-15', birthdayCalendar: 'lunar' }),
				'2027-09-12'
			)
		).toBe('2027-09-15');
	});

	it('fires N days after the last purchase, and once per lapse without a purchase', () => {
		const after = { kind: 'afterPurchase' as const, days: 3, tierId: '' };
		expect(triggerOccasion(after, facts({ lastPurchaseAt: at('2026-12-04') }), '2026-12-07')).toBe(
			'2026-12-04'
		);
		expect(
			triggerOccasion(after, facts({ lastPurchaseAt: at('2026-12-06') }), '2026-12-07')
		).toBeNull();
		const lapse = { kind: 'noPurchaseFor' as const, days: 90, tierId: '' };
		expect(triggerOccasion(lapse, facts({ lastPurchaseAt: at('2026-08-01') }), '2026-12-07')).toBe(
			'2026-08-01'
		);
		expect(
			triggerOccasion(lapse, facts({ lastPurchaseAt: at('2026-11-01') }), '2026-12-07')
		).toBeNull();
	});

	it('fires on reaching a tier, on points about to expire, and for new customers', () => {
		const tier = { kind: 'reachedTier' as const, days: 0, tierId: 'gold' };
		const changes = [{ at: at('2026-12-05'), from: 0, to: 1 }];
		expect(triggerOccasion(tier, facts({ tierChanges: changes }), '2026-12-07', 1)).toBe(
			'2026-12-05'
		);
		expect(triggerOccasion(tier, facts({ tierChanges: changes }), '2026-12-07', -1)).toBeNull();
		const expiring = { kind: 'pointsExpiring' as const, days: 30, tierId: '' };
		const lots = [{ at: new Date(2027, 0, 1).getTime(), points: 50 }];
		expect(triggerOccasion(expiring, facts({ expiring: lots }), '2026-12-07')).toBe('2026-12-31');
		expect(triggerOccasion(expiring, facts({ expiring: lots }), '2026-11-20')).toBeNull();
		const fresh = { kind: 'newCustomer' as const, days: 0, tierId: '' };
		expect(triggerOccasion(fresh, facts({ createdAt: at('2026-12-06') }), '2026-12-07')).toBe(
			'2026-12-06'
		);
		const imported = facts({ createdAt: at('2026-12-06'), broughtIn: true });
		expect(triggerOccasion(fresh, imported, '2026-12-07')).toBeNull();
	});

	it('validates a rule', () => {
		const rule: AutomationFields = {
			name: '',
			enabled: false,
			trigger: { kind: 'birthdayIn', days: -1, tierId: '' },
			segmentId: '',
			actions: []
		};
		expect(validateAutomation(rule)).toEqual({
			name: 'validation.required',
			trigger: 'automations.errors.days',
			actions: 'automations.errors.noAction'
		});
		expect(
			validateAutomation({ ...rule, trigger: { kind: 'pointsExpiring', days: 60, tierId: '' } })
				.trigger
		).toBe('automations.errors.expiringDays');
	});
});

const BIRTHDAY_CALL: AutomationFields = {
	name: '3 days before the birthday',
	enabled: true,
	trigger: { kind: 'birthdayIn', days: 3, tierId: '' },
	segmentId: '',
	actions: [
		{ kind: 'task', text: 'Call about their birthday', ref: '', points: 0 },
		{ kind: 'addTag', text: 'birthday-week', ref: '', points: 0 }
	]
};

function rows(ws: CommandContext['ws']): SegmentCustomer[] {
	return [...entitiesOf(ws.customers)].map(([id, map]) => ({
		...readCustomer(id, map),
		...EMPTY_METRICS
	}));
}

function run(ctx: CommandContext, today: string) {
	const plan = planAutomations(automationRules(ctx.ws), rows(ctx.ws), {
		today,
		segmentTest: () => null,
		loyalty: null,
		tierIndex: () => -1
	});
	return applyAutomations(ctx, plan, today);
}

describe('running automations', () => {
	it('two devices running the same rule on the same day make one task, on both', () => {
		const a: CommandContext = memberContext('member-a', new Y.Doc());
		const made = createCustomer(a, customer({ name: '王芳', birthday: '1990-12-10' }));
		if (!made.ok) throw new Error();
		createAutomation(a, BIRTHDAY_CALL);
		const b: CommandContext = memberContext('member-b', new Y.Doc());
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		expect(run(a, '2026-12-07')).toBe(1);
		expect(run(b, '2026-12-07')).toBe(1);
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		for (const device of [a, b]) {
			expect(device.ws.tasks.size).toBe(1);
			expect(device.ws.automationLog.size).toBe(1);
			expect(
				readCustomer(made.value, device.ws.customers.get(made.value) as Y.Map<unknown>).tags
			).toEqual(['birthday-week']);
		}
		// Running again (the next day, or after a reload) does nothing more.
		expect(run(a, '2026-12-08')).toBe(0);
		const log = automationLog(a.ws);
		expect(Object.values(log)[0]!.count).toBe(1);
	});

	it('welcomes a customer added by hand, not the ones an import or the demo brought in', async () => {
		const ctx: CommandContext = memberContext('member-a', new Y.Doc());
		const walkedIn = createCustomer(ctx, customer({ name: 'Li Na' }));
		const imported = createCustomers({ ...ctx, imported: true }, [customer({ name: 'Zhou Min' })]);
		const demo = createCustomers({ ...ctx, demo: true }, [customer({ name: 'Demo Wu' })]);
		if (!walkedIn.ok || !imported.ok || !demo.ok) throw new Error('not created');
		expect(ctx.ws.customers.get(imported.value[0]!)).toBeInstanceOf(Y.Map);
		expect((ctx.ws.customers.get(imported.value[0]!) as Y.Map<unknown>).get('imported')).toBe(true);
		createAutomation(ctx, {
			name: 'Welcome',
			enabled: true,
			trigger: { kind: 'newCustomer', days: 0, tierId: '' },
			segmentId: '',
			actions: [{ kind: 'task', text: 'Say hello', ref: '', points: 0 }]
		});
		const plan = await planInWorker(
			ctx.ws,
			undefined,
			async () => rows(ctx.ws),
			() => Promise.reject(new Error('no segment asked for'))
		);
		expect(plan.map((result) => result.customerId)).toEqual([walkedIn.value]);
	});

	it('issues the same coupon code for one result on two offline devices, so no copy stops working', () => {
		const a: CommandContext = memberContext('member-a', new Y.Doc());
		const made = createCustomer(a, customer({ name: '王芳', birthday: '1990-12-10' }));
		const campaign = createCampaign(a, {
			...emptyCampaign(),
			name: 'Birthday treat',
			kind: 'amount',
			amountCents: 2_000,
			validFrom: '2026-12-01',
			validTo: '2027-01-31',
			codeMode: 'exclusive'
		});
		if (!made.ok || !campaign.ok) throw new Error('not created');
		createAutomation(a, {
			...BIRTHDAY_CALL,
			actions: [{ kind: 'coupon', text: '', ref: campaign.value, points: 0 }]
		});
		const b: CommandContext = memberContext('member-b', new Y.Doc());
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		run(a, '2026-12-07');
		run(b, '2026-12-07');
		const codeOn = (device: CommandContext) => [...issuedCodes(device.ws)].map((c) => c.code);
		const shownOnA = codeOn(a);
		expect(shownOnA).toHaveLength(1);
		expect(shownOnA[0]).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
		expect(codeOn(b)).toEqual(shownOnA);
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		expect(codeOn(a)).toEqual(shownOnA);
		expect(codeOn(b)).toEqual(shownOnA);
		// Another result's code is another code.
		expect(derivedCouponCode('rule.other.2026-12-10.0')).not.toBe(shownOnA[0]);
	});

	describe('a task done or deleted on one device while the other, apart, made it too', () => {
		const REPAIR = { repair: true };
		/** Which copy Yjs keeps follows the devices' client ids: each test runs both ways. */
		const doc = (clientID: number) => Object.assign(new Y.Doc(), { clientID });
		function twoDevicesRan(aWins: boolean) {
			const a: CommandContext = memberContext('member-a', doc(aWins ? 2 : 1));
			const made = createCustomer(a, customer({ name: '王芳', birthday: '1990-12-10' }));
			if (!made.ok) throw new Error('not created');
			createAutomation(a, { ...BIRTHDAY_CALL, actions: [BIRTHDAY_CALL.actions[0]!] });
			const b: CommandContext = memberContext('member-b', doc(aWins ? 1 : 2));
			Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
			run(a, '2026-12-07');
			run(b, '2026-12-07');
			for (const device of [a, b]) settleResurrectedTasks(device.ws, REPAIR);
			const key = [...a.ws.tasks.keys()][0]!;
			return { a, b, key };
		}
		const meet = async (a: CommandContext, b: CommandContext) => {
			for (let round = 0; round < 2; round++) {
				Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
				Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
				await Promise.resolve();
			}
		};
		const statusOn = (device: CommandContext, key: string) =>
			(device.ws.tasks.get(key) as Y.Map<unknown> | undefined)?.get('status');

		it('stays done on both, whichever copy Yjs keeps', async () => {
			for (const [doneOn, aWins] of [
				['a', true],
				['a', false],
				['b', true],
				['b', false]
			] as const) {
				const { a, b, key } = twoDevicesRan(aWins);
				completeTask(doneOn === 'a' ? a : b, key);
				await meet(a, b);
				expect(statusOn(a, key)).toBe('done');
				expect(statusOn(b, key)).toBe('done');
			}
		});

		it('stays deleted on both', async () => {
			for (const [deletedOn, aWins] of [
				['a', true],
				['a', false],
				['b', true],
				['b', false]
			] as const) {
				const { a, b, key } = twoDevicesRan(aWins);
				deleteTask(deletedOn === 'a' ? a : b, key);
				await meet(a, b);
				expect(a.ws.tasks.has(key)).toBe(false);
				expect(b.ws.tasks.has(key)).toBe(false);
			}
		});

		it('keeps a queued greeting greeted, whichever copy Yjs keeps', async () => {
			for (const aWins of [true, false]) {
				const a: CommandContext = memberContext('member-a', doc(aWins ? 2 : 1));
				const made = createCustomer(a, customer({ name: '王芳', birthday: '1990-12-10' }));
				if (!made.ok) throw new Error('not created');
				createAutomation(a, {
					...BIRTHDAY_CALL,
					actions: [{ kind: 'greeting', text: 'template-1', ref: '', points: 0 }]
				});
				const b: CommandContext = memberContext('member-b', doc(aWins ? 1 : 2));
				Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
				run(a, '2026-12-07');
				run(b, '2026-12-07');
				for (const device of [a, b]) settleResurrectedTasks(device.ws, REPAIR);
				const key = [...a.ws.greetingQueue.keys()][0]!;
				expect(finishQueuedGreeting(a, key)).toBe(true);
				await meet(a, b);
				for (const device of [a, b]) {
					const value = JSON.parse(device.ws.greetingQueue.get(key) as string);
					expect(value.doneAt).toBeTypeOf('number');
				}
			}
		});

		it('leaves a colleague’s undo of a deletion alone', async () => {
			const { a, b, key } = twoDevicesRan(true);
			await meet(a, b);
			const undo = createUndoManager(b.ws, b.origin);
			deleteTask(b, key);
			await meet(a, b);
			expect(a.ws.tasks.has(key)).toBe(false);
			undo.undo();
			await meet(a, b);
			expect(a.ws.tasks.has(key)).toBe(true);
			expect(b.ws.tasks.has(key)).toBe(true);
		});
	});

	it('refuses a tag longer than a tag can be, and leaves out of the log a tag it could not add', () => {
		expect(
			validateAutomation({
				...BIRTHDAY_CALL,
				actions: [{ kind: 'addTag', text: 'x'.repeat(41), ref: '', points: 0 }]
			})
		).toEqual({ actions: 'automations.errors.tagName' });
		const ctx: CommandContext = memberContext('member-a', new Y.Doc());
		const made = createCustomer(ctx, customer({ name: '王芳', birthday: '1990-12-10' }));
		if (!made.ok) throw new Error('not created');
		// An old record that no longer passes the checks (a name emptied by another program).
		(ctx.ws.customers.get(made.value) as Y.Map<unknown>).set('name', '');
		createAutomation(ctx, BIRTHDAY_CALL);
		expect(run(ctx, '2026-12-07')).toBe(1);
		const [entry] = Object.values(automationLog(ctx.ws))[0]!.latest;
		expect(entry!.actions).toEqual(['task']);
	});

	it('plans only what is not done yet, and acts by the rule as it is when applied', async () => {
		const ctx: CommandContext = memberContext('member-a', new Y.Doc());
		const made = createCustomer(ctx, customer({ name: '王芳' }));
		if (!made.ok) throw new Error('not created');
		// "New customer" fires on the real today, as planInWorker reads the clock.
		const rule = createAutomation(ctx, {
			...BIRTHDAY_CALL,
			trigger: { kind: 'newCustomer', days: 0, tierId: '' }
		});
		if (!rule.ok) throw new Error('not created');
		const plan = () =>
			planInWorker(
				ctx.ws,
				undefined,
				async () => rows(ctx.ws),
				() => Promise.reject(new Error('no segment asked for'))
			);
		const before = await plan();
		expect(before).toHaveLength(1);
		// Turned off between the plan and its writing: nothing is written.
		setAutomationEnabled(ctx, rule.value, false);
		expect(applyAutomations(ctx, before, '2026-12-07')).toBe(0);
		setAutomationEnabled(ctx, rule.value, true);
		expect(applyAutomations(ctx, before, '2026-12-07')).toBe(1);
		expect(await plan()).toEqual([]);
	});

	it('keeps who a task is for on the task’s row', () => {
		const ctx: CommandContext = memberContext('member-a', new Y.Doc());
		const made = createCustomer(ctx, customer({ name: '王芳', birthday: '1990-12-10' }));
		if (!made.ok) throw new Error('not created');
		createAutomation(ctx, {
			...BIRTHDAY_CALL,
			actions: [{ kind: 'task', text: 'Call about their birthday', ref: 'member-b', points: 0 }]
		});
		run(ctx, '2026-12-07');
		const [id, map] = [...entitiesOf(ctx.ws.tasks)][0]!;
		expect(readTask(id, map).assignedTo).toBe('member-b');
	});
});
