import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addPurchase,
	addTask,
	deletePurchase,
	logInteraction
} from '../../src/lib/features/activity/activity-commands';
import {
	createCustomer,
	createCustomers,
	deleteCustomer,
	updateCustomer
} from '../../src/lib/features/customers/customer-commands';
import { recentlyDeletedCustomers } from '../../src/lib/features/customers/deleted-customers';
import { inOneStep, type CommandContext } from '../../src/lib/core/command-context';
import { decodeEventValue } from '../../src/lib/features/activity/event-values';
import { createProduct } from '../../src/lib/features/products/product-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { liveCustomer, entityOf, entityMaps, entitiesOf } from '../../src/lib/crdt/workspace-doc';
import { createDemoShop } from '../../src/lib/features/demo/demo-commands';
import { demoRemovalPlan, demoShopStatus } from '../../src/lib/features/demo/demo-records';
import { removeDemoShop } from '../../src/lib/features/demo/demo-removal-commands';
import {
	demoActivity,
	demoCustomers,
	demoHandles,
	demoProducts,
	DEMO_CUSTOMER_COUNT,
	type DemoLanguage
} from '../../src/lib/features/demo/demo-shop';
import { DEMO_PRODUCT_COUNT, demoIsPresent } from '../../src/lib/features/demo/demo-size';
import { validateCustomer } from '../../src/lib/features/customers/rules/customer-validation';
import { nameKeys } from '../../src/lib/features/customers/rules/search-keys';
import { customer, memberContext } from './helpers';

const NOW = Date.UTC(2026, 10, 23, 12);

describe('demo shop', () => {
	const customers = demoCustomers();

	it('makes a few hundred customers that all pass the same validation as the form', () => {
		expect(customers).toHaveLength(DEMO_CUSTOMER_COUNT);
		const invalid = customers.filter((c) => !validateCustomer(c).ok);
		expect(invalid).toEqual([]);
	});

	it('mixes Chinese and English names, tags and every stage', () => {
		const chinese = customers.filter((c) => /\p{Script=Han}/u.test(c.name)).length;
		expect(chinese).toBeGreaterThan(DEMO_CUSTOMER_COUNT * 0.5);
		expect(chinese).toBeLessThan(DEMO_CUSTOMER_COUNT * 0.9);
		expect(new Set(customers.map((c) => c.stage)).size).toBe(7);
		expect(customers.some((c) => c.tags.length > 0)).toBe(true);
	});

	it('is reproducible from its seed', () => {
		expect(demoCustomers(20, 7)).toEqual(demoCustomers(20, 7));
	});

	it('goes in through the commands as one batch', () => {
		const ctx = memberContext();
		const result = createCustomers(ctx, customers);
		expect(result.ok && result.value).toHaveLength(DEMO_CUSTOMER_COUNT);
		expect(ctx.ws.customers.size).toBe(DEMO_CUSTOMER_COUNT);
	});
});

describe('demo activity', () => {
	it('gives each stage a fitting year of purchases, all valid for the commands', () => {
		const ctx = memberContext();
		const customers = demoCustomers(120, 3);
		const result = inOneStep(ctx, () => {
			const created = createCustomers(ctx, customers);
			if (!created.ok) throw new Error('invalid');
			const activity = demoActivity(
				created.value.map((id, i) => ({ id, stage: customers[i]!.stage })),
				'en',
				NOW
			);
			return {
				purchases: activity.purchases.map((p) => addPurchase(ctx, p).ok),
				interactions: activity.interactions.map((i) => logInteraction(ctx, i).ok),
				tasks: activity.tasks.map((task) => addTask(ctx, task).ok)
			};
		});
		expect(result.purchases.length).toBeGreaterThan(100);
		expect(result.purchases.every(Boolean)).toBe(true);
		expect(result.interactions.every(Boolean)).toBe(true);
		expect(result.tasks.every(Boolean)).toBe(true);
		expect(ctx.ws.tasks.size).toBeGreaterThan(0);
	});

	it('leaves leads and prospects without purchases and makes lost customers silent for a year', () => {
		const ids = ['lead', 'lost'].map((stage) => ({ id: stage, stage: stage as 'lead' | 'lost' }));
		const { purchases } = demoActivity(ids, 'en', NOW, 5);
		expect(purchases.filter((p) => p.customerId === 'lead')).toEqual([]);
		const lost = purchases.filter((p) => p.customerId === 'lost');
		expect(lost.length).toBeGreaterThan(0);
		expect(Math.max(...lost.map((p) => p.at))).toBeLessThan(NOW - 365 * 86_400_000);
	});
});

const HAN = /\p{Script=Han}/u;
const LANGUAGES: DemoLanguage[] = ['en', 'zh-CN'];

describe('the demo speaks the UI language', () => {
	const zh = demoCustomers(DEMO_CUSTOMER_COUNT, undefined, 'zh-CN');
	const en = demoCustomers(DEMO_CUSTOMER_COUNT, undefined, 'en');
	const stagesOf = (customers: { stage: string }[]) =>
		customers.map((c, i) => ({ id: `c${i}`, stage: c.stage as 'lead' }));

	it('gives a Chinese UI Chinese names, addresses, tags, notes and occupations', () => {
		expect(zh.filter((c) => !HAN.test(c.name))).toEqual([]);
		for (const c of zh) {
			for (const text of [c.province, c.city, c.district, c.street, c.notes, c.occupation])
				if (text) expect(text).toMatch(HAN);
			for (const tag of c.tags) if (tag !== 'VIP') expect(tag).toMatch(HAN);
		}
		expect(zh.some((c) => c.notes !== '')).toBe(true);
	});

	it('gives an English UI English words throughout', () => {
		for (const c of en) {
			const texts = [c.name, c.province, c.city, c.district, c.street, c.company, c.occupation];
			expect([...texts, c.notes, ...c.tags].filter((text) => HAN.test(text))).toEqual([]);
		}
	});

	it('writes conversations, follow-ups and the catalogue in the same language', () => {
		const zhActivity = demoActivity(stagesOf(zh), 'zh-CN', NOW);
		const enActivity = demoActivity(stagesOf(en), 'en', NOW);
		expect(zhActivity.interactions.length).toBeGreaterThan(0);
		for (const i of zhActivity.interactions) expect(i.summary).toMatch(HAN);
		for (const task of zhActivity.tasks) expect(task.title).toMatch(HAN);
		for (const p of zhActivity.purchases)
			for (const line of p.lines) expect(line.product).toMatch(HAN);
		const enTexts = [
			...enActivity.interactions.map((i) => i.summary),
			...enActivity.tasks.map((task) => task.title),
			...enActivity.purchases.flatMap((p) => p.lines.map((line) => line.product))
		];
		expect(enTexts.filter((text) => HAN.test(text))).toEqual([]);
		for (const [name] of demoProducts('zh-CN')) expect(name).toMatch(HAN);
		for (const [name] of demoProducts('en')) expect(name).not.toMatch(HAN);
	});

	it('is the same shop in both languages: stages, phones, purchases and amounts', () => {
		const mixed = demoCustomers();
		const shape = (list: typeof mixed) =>
			list.map((c) => [c.stage, c.phone, c.email !== '', c.wechat !== '', c.source]);
		expect(shape(zh)).toEqual(shape(mixed));
		expect(shape(en)).toEqual(shape(mixed));
		const amounts = (language: DemoLanguage) =>
			demoActivity(stagesOf(mixed), language, NOW).purchases.map((p) => [
				p.at,
				p.lines.map((line) => line.quantity * line.unitPriceCents)
			]);
		expect(amounts('zh-CN')).toEqual(amounts('en'));
	});

	it('is reproducible and valid in every language, with the catalogue size the UI announces', () => {
		for (const language of LANGUAGES) {
			expect(demoCustomers(20, 9, language)).toEqual(demoCustomers(20, 9, language));
			const customers = language === 'en' ? en : zh;
			expect(customers.filter((c) => !validateCustomer(c).ok)).toEqual([]);
			expect(demoProducts(language)).toHaveLength(DEMO_PRODUCT_COUNT);
		}
	});
});

/** The records of one root that carry the demo mark, and those that do not. */
function marks(ctx: CommandContext) {
	const maps = (root: Y.Map<unknown>) => [...entityMaps(root)].map((map) => map.get('demo'));
	const events = (root: Y.Map<unknown>) =>
		[...root.values()].map((value) => decodeEventValue(value)?.demo);
	return {
		customers: maps(ctx.ws.customers),
		products: maps(ctx.ws.products),
		tasks: maps(ctx.ws.tasks),
		purchases: events(ctx.ws.purchases),
		interactions: events(ctx.ws.interactions)
	};
}

describe('loading the demo', () => {
	it('marks every record it makes, and nothing the shop made', () => {
		const ctx = memberContext();
		const own = createCustomer(ctx, customer({ name: '自己的客户' }));
		const loaded = createDemoShop(ctx, 40, 'en');
		expect(loaded).toEqual({ ok: true, value: { customers: 40, products: DEMO_PRODUCT_COUNT } });
		const found = marks(ctx);
		expect(found.customers.filter((mark) => mark === true)).toHaveLength(40);
		expect(entityOf(ctx.ws.customers, own.ok ? own.value : '')!.has('demo')).toBe(false);
		expect(found.products.every((mark) => mark === true)).toBe(true);
		expect(found.tasks.every((mark) => mark === true)).toBe(true);
		expect(found.purchases.length).toBeGreaterThan(40);
		expect(found.purchases.every((mark) => mark === true)).toBe(true);
		expect(found.interactions.every((mark) => mark === true)).toBe(true);
		// What the shop records afterwards carries no mark.
		const demoId = [...ctx.ws.customers.keys()].find((id) => id !== (own.ok && own.value))!;
		const logged = logInteraction(ctx, {
			customerId: demoId,
			at: NOW,
			kind: 'call',
			direction: 'out',
			summary: 'Real call',
			outcome: '',
			nextStep: '',
			followUpDate: '2026-12-01',
			products: []
		});
		if (!logged.ok) throw new Error('not logged');
		expect(
			decodeEventValue(ctx.ws.interactions.get(logged.value.interactionId))
		).not.toHaveProperty('demo');
		expect(entityOf(ctx.ws.tasks, logged.value.taskId!)!.has('demo')).toBe(false);
	});

	it('is refused while the demo is there, so it can never be doubled', () => {
		const ctx = memberContext();
		createDemoShop(ctx, 30, 'zh-CN');
		const before = { customers: ctx.ws.customers.size, products: ctx.ws.products.size };
		expect(createDemoShop(ctx, 30, 'zh-CN')).toEqual({ ok: false, reason: 'alreadyLoaded' });
		expect({ customers: ctx.ws.customers.size, products: ctx.ws.products.size }).toEqual(before);
		expect(demoShopStatus(ctx.ws)).toEqual({
			customers: 30,
			demoCustomers: 30,
			demoProducts: DEMO_PRODUCT_COUNT
		});
		expect(demoIsPresent(demoShopStatus(ctx.ws))).toBe(true);
	});

	it('writes the UI language into the archive', () => {
		const ctx = memberContext();
		createDemoShop(ctx, 30, 'zh-CN');
		const names = [...ctx.ws.customers.keys()].map((id) => liveCustomer(ctx.ws, id)!.name);
		expect(names.every((name) => HAN.test(name))).toBe(true);
		for (const map of entityMaps(ctx.ws.products)) expect(map.get('name')).toMatch(HAN);
		for (const value of ctx.ws.interactions.values())
			expect(decodeEventValue(value)!.summary).toMatch(HAN);
	});
});

describe('removing the demo', () => {
	/** A shop with one customer of its own, who bought a demo product, and the demo beside it. */
	function shopWithDemo() {
		const ctx = memberContext();
		const loaded = createDemoShop(ctx, 40, 'en');
		if (!loaded.ok) throw new Error('not loaded');
		const own = createCustomer(ctx, customer({ name: 'Hand Made', phone: '13900000001' }));
		if (!own.ok) throw new Error('not created');
		const oolong = [...entitiesOf(ctx.ws.products)].find(
			([, map]) => map.get('name') === 'Oolong tea'
		)!;
		addPurchase(ctx, {
			customerId: own.value,
			at: NOW,
			lines: [{ product: 'Oolong tea', productId: oolong[0], quantity: 1, unitPriceCents: 12_800 }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		});
		const ownProduct = createProduct(ctx, {
			name: 'House blend',
			category: '',
			priceCents: 5_000,
			active: true
		});
		const demoIds = [...ctx.ws.customers.keys()].filter((id) => id !== own.value);
		return { ctx, own: own.value, demoIds, oolong: oolong[0], ownProduct };
	}

	it('removes exactly the demo: its customers, their events and tasks and its products', () => {
		const { ctx, own, demoIds, oolong, ownProduct } = shopWithDemo();
		const ownEvents = () =>
			[...ctx.ws.purchases.values()].filter((v) => decodeEventValue(v)!.customerId === own);
		const ownBefore = ownEvents();
		const result = removeDemoShop(ctx);
		expect(result.ok).toBe(true);
		expect(liveCustomer(ctx.ws, own)?.name).toBe('Hand Made');
		expect(ownEvents()).toEqual(ownBefore);
		// Soft delete, as for any customer: a colleague's concurrent edit cannot revive them.
		for (const id of demoIds) {
			expect(liveCustomer(ctx.ws, id)).toBeNull();
			expect(entityOf(ctx.ws.customers, id)!.get('deletedBy')).toBe('member-a');
		}
		const demoEvents = [...ctx.ws.purchases.values(), ...ctx.ws.interactions.values()].filter(
			(v) => decodeEventValue(v)!.customerId !== own
		);
		expect(demoEvents).toEqual([]);
		expect(ctx.ws.tasks.size).toBe(0);
		// The catalogue keeps the shop's own product, and the demo product its own customer bought,
		// now as the shop's own; the other demo products are gone.
		expect([...ctx.ws.products.keys()].sort()).toEqual(
			[oolong, ownProduct.ok ? ownProduct.value : ''].sort()
		);
		expect(entityOf(ctx.ws.products, oolong)!.has('demo')).toBe(false);
		expect(demoShopStatus(ctx.ws)).toEqual({ customers: 1, demoCustomers: 0, demoProducts: 0 });
		// The removed demo does not fill "Recently deleted"; its Undo is the removal's notice.
		expect(recentlyDeletedCustomers(ctx.ws, Date.now())).toEqual([]);
		expect(createDemoShop(ctx, 10, 'en').ok).toBe(true);
	});

	it('names demo customers that were edited or given records by hand before removing them', () => {
		const { ctx, demoIds } = shopWithDemo();
		const [edited, bought, both] = demoIds.map((id) => liveCustomer(ctx.ws, id)!);
		updateCustomer(ctx, edited!.id, { notes: 'Real notes' });
		const sale = (customerId: string) =>
			addPurchase(ctx, {
				customerId,
				at: NOW,
				lines: [{ product: 'Real tea', quantity: 2, unitPriceCents: 1_000 }],
				discountCents: 0,
				payment: 'cash',
				channel: 'in_store',
				note: ''
			});
		sale(bought!.id);
		sale(bought!.id);
		updateCustomer(ctx, both!.id, { city: 'Suzhou' });
		addTask(ctx, {
			customerId: both!.id,
			title: 'Call back',
			due: '2026-12-01',
			dueTime: '',
			repeatAfterPurchaseDays: 0
		});
		const before = demoRemovalPlan(ctx.ws);
		expect(before.customers).toBe(40);
		expect(before.products).toBe(DEMO_PRODUCT_COUNT - 1);
		expect(before.keptProducts).toEqual(['Oolong tea']);
		const byName = Object.fromEntries(before.changed.map((c) => [c.name, c]));
		expect(before.changed).toHaveLength(3);
		expect(byName[edited!.name]).toMatchObject({ edited: true, purchases: 0, tasks: 0 });
		expect(byName[bought!.name]).toMatchObject({ edited: false, purchases: 2 });
		expect(byName[both!.name]).toMatchObject({ edited: true, tasks: 1 });

		const removed = removeDemoShop(ctx);
		expect(removed).toEqual({ ok: true, value: before });
		for (const c of [edited, bought, both]) expect(liveCustomer(ctx.ws, c!.id)).toBeNull();
		expect(demoRemovalPlan(ctx.ws)).toMatchObject({ customers: 0, changed: [], products: 0 });
		expect(removeDemoShop(ctx)).toEqual({ ok: false, reason: 'nothingToRemove' });
	});

	it('also takes the events of demo customers deleted earlier, which nothing could show after', () => {
		const { ctx, demoIds } = shopWithDemo();
		const [saleId] = [...ctx.ws.purchases.entries()].find(
			([, v]) => decodeEventValue(v)!.customerId === demoIds[0]
		)!;
		expect(deletePurchase(ctx, saleId)).toBe(true);
		expect(ctx.ws.eventTombstones.size).toBe(1);
		removeDemoShop(ctx);
		expect(ctx.ws.eventTombstones.size).toBe(0);
	});

	it('takes only the demo’s own records from a demo customer deleted earlier', () => {
		const { ctx, demoIds } = shopWithDemo();
		const [gone] = demoIds;
		const kept = addPurchase(ctx, {
			customerId: gone!,
			at: NOW,
			lines: [{ product: 'Real tea', quantity: 1, unitPriceCents: 1_000 }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		});
		deleteCustomer(ctx, gone!);
		const plan = demoRemovalPlan(ctx.ws);
		expect(plan.customers).toBe(39);
		expect(plan.changed).toEqual([]);
		removeDemoShop(ctx);
		const left = [...ctx.ws.purchases.entries()]
			.filter(([, v]) => decodeEventValue(v)!.customerId === gone)
			.map(([id]) => id);
		expect(left).toEqual([kept.ok && kept.value]);
		// Deleted by hand before the removal, so still offered in "Recently deleted"; the 39 the
		// removal took are not.
		expect(recentlyDeletedCustomers(ctx.ws, Date.now()).map((c) => c.id)).toEqual([gone]);
	});

	it('is one undo step that brings every record back as it was', () => {
		const { ctx } = shopWithDemo();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		const snapshot = () => JSON.stringify(ctx.ws.doc.toJSON());
		const before = snapshot();
		undo.stopCapturing();
		removeDemoShop(ctx);
		expect(undo.undoStack).toHaveLength(1);
		undo.undo();
		expect(snapshot()).toEqual(before);
		expect(demoShopStatus(ctx.ws).demoCustomers).toBe(40);
	});

	it('reaches a colleague whole, and their concurrent edit of a demo customer does not revive it', () => {
		const { ctx, own, demoIds } = shopWithDemo();
		const colleague = memberContext('member-b');
		Y.applyUpdate(colleague.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));
		// Offline at the same time: one removes the demo, the other edits a demo customer.
		updateCustomer(colleague, demoIds[0]!, { notes: 'Edited offline' });
		removeDemoShop(ctx);
		Y.applyUpdate(colleague.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));
		Y.applyUpdate(ctx.ws.doc, Y.encodeStateAsUpdate(colleague.ws.doc));
		for (const side of [ctx, colleague]) {
			expect(demoShopStatus(side.ws)).toEqual({ customers: 1, demoCustomers: 0, demoProducts: 0 });
			expect(liveCustomer(side.ws, own)?.name).toBe('Hand Made');
			expect(liveCustomer(side.ws, demoIds[0]!)).toBeNull();
		}
	});
});

describe('demo contact handles', () => {
	it('are made from the customer’s name, in pinyin for a Chinese one', () => {
		expect(demoHandles('王芳', '13800135678')).toEqual({
			email: 'wangfang78@foxmail.com',
			wechat: 'wangfang5678'
		});
		expect(demoHandles('Anna Lee', '13800135678')).toEqual({
			email: 'anna.lee78@icloud.com',
			wechat: 'annalee5678'
		});
		expect(demoHandles("Maybelle D'Amore-Weissnat", '13800135678').wechat).toHaveLength(20);
		expect(demoHandles('吕月', '13800135678').email).toBe('lvyue78@foxmail.com');
	});

	it('match every demo customer’s name, in both languages', () => {
		for (const language of ['zh-CN', 'en'] as const) {
			for (const customer of demoCustomers(300, 20261123, language)) {
				const { pinyinFull } = nameKeys(customer.name);
				const first =
					pinyinFull ||
					customer.name
						.toLowerCase()
						.replace(/[^a-z]/g, '')
						.slice(0, 3);
				if (customer.email) expect(customer.email.replace(/[^a-z]/g, '')).toContain(first);
				if (customer.wechat) expect(customer.wechat).toMatch(/^[a-z][a-z0-9]{5,19}$/);
			}
		}
	});
});
