import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addPurchase,
	deletePurchase,
	editPurchase,
	restorePurchase
} from '../../src/lib/features/activity/activity-commands';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { mergeCustomers } from '../../src/lib/features/duplicates/merge-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import type { PurchaseFields } from '../../src/lib/features/activity/rules/activity';
import {
	adjustPoints,
	creditPastPurchase,
	setLoyaltySettings,
	uncreditedPurchases
} from '../../src/lib/features/loyalty/loyalty-commands';
import { customerLoyalty, loyaltyStandings } from '../../src/lib/features/loyalty/loyalty-reads';
import {
	DEFAULT_LOYALTY_SETTINGS,
	type LoyaltySettings
} from '../../src/lib/features/loyalty/rules/loyalty-settings';
import type { CommandContext } from '../../src/lib/core/command-context';
import { customer, memberContext } from './helpers';

const AT = new Date(2026, 5, 1, 10, 30).getTime();
const NOW = new Date(2026, 5, 10, 12).getTime();

const SETTINGS: LoyaltySettings = {
	...DEFAULT_LOYALTY_SETTINGS,
	enabled: true,
	earn: { pointsPerUnit: 1, rounding: 'down', capPerOrder: 0, birthdayMultiplier: 1 },
	redeem: { centsPerPoint: 10, minPoints: 0 },
	tiers: {
		basis: 'spend',
		windowMonths: 12,
		keepMonths: 3,
		list: [
			{ ...DEFAULT_LOYALTY_SETTINGS.tiers.list[0]!, threshold: 20_000, multiplier: 1 },
			{ ...DEFAULT_LOYALTY_SETTINGS.tiers.list[1]!, threshold: 50_000, multiplier: 2 }
		]
	}
};

function shop(settings: LoyaltySettings = SETTINGS, doc = new Y.Doc(), member = 'member-a') {
	const ctx: CommandContext = { ...memberContext(member, doc), now: () => NOW };
	setLoyaltySettings(ctx, settings);
	return ctx;
}

function newCustomer(ctx: CommandContext, name = '张三', birthday = ''): string {
	const created = createCustomer(ctx, customer({ name, birthday }));
	if (!created.ok) throw new Error('no customer');
	return created.value;
}

const sale = (
	customerId: string,
	cents: number,
	over: Partial<PurchaseFields> = {}
): PurchaseFields => ({
	customerId,
	at: AT,
	lines: [{ product: '乌龙茶', quantity: 1, unitPriceCents: cents }],
	discountCents: 0,
	payment: 'cash',
	channel: 'in_store',
	note: '',
	...over
});

function buy(ctx: CommandContext, fields: PurchaseFields): string {
	const result = addPurchase(ctx, fields);
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.value;
}

const standing = (ctx: CommandContext, id: string) => customerLoyalty(ctx.ws, id, NOW);

describe('points on purchases', () => {
	it('earns 250 for ¥250, redeems 100 for ¥10 off, and reverses a deleted purchase', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		const first = buy(ctx, sale(id, 25_000));
		expect(standing(ctx, id).points.balance).toBe(250);

		// ¥120 of goods, 100 points at ¥0.10 = ¥10 off: the purchase totals ¥110 and earns 110.
		const second = addPurchase(
			ctx,
			sale(id, 12_000, { discountCents: 1_000, pointsRedeemed: 100 })
		);
		expect(second.ok).toBe(true);
		expect(standing(ctx, id).points.balance).toBe(250 - 100 + 110);

		expect(deletePurchase(ctx, first)).toBe(true);
		const after = standing(ctx, id);
		expect(after.points.balance).toBe(10);
		expect(after.points.lifetime).toBe(110);
		expect(after.entries.map((e) => e.kind).sort()).toEqual(['earn', 'earn', 'redeem', 'reverse']);

		// Restoring brings its points back as they were.
		expect(restorePurchase(ctx, first)).toBe(true);
		expect(standing(ctx, id).points.balance).toBe(260);
	});

	it('refuses a redemption beyond the balance or the discount, writing nothing', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		buy(ctx, sale(id, 5_000));
		const tooMany = addPurchase(
			ctx,
			sale(id, 12_000, { discountCents: 1_000, pointsRedeemed: 100 })
		);
		expect(tooMany).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { pointsRedeemed: 'loyalty.errors.notEnoughPoints' }
		});
		const notInDiscount = addPurchase(
			ctx,
			sale(id, 12_000, { discountCents: 0, pointsRedeemed: 10 })
		);
		expect(notInDiscount.ok).toBe(false);
		expect(ctx.ws.purchases.size).toBe(1);
	});

	it('earns nothing while loyalty is off, and refuses redemptions', () => {
		const ctx = shop({ ...SETTINGS, enabled: false });
		const id = newCustomer(ctx);
		buy(ctx, sale(id, 25_000));
		expect(ctx.ws.pointsLedger.size).toBe(0);
		const redeemed = addPurchase(ctx, sale(id, 1_000, { discountCents: 100, pointsRedeemed: 10 }));
		expect(redeemed.ok).toBe(false);
	});

	it('earns again by the same rule when a purchase is edited, once per change', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		const purchase = buy(ctx, sale(id, 25_000));
		expect(editPurchase(ctx, purchase, sale(id, 30_000)).ok).toBe(true);
		expect(standing(ctx, id).points.balance).toBe(300);
		// A change that leaves the points as they were (the note) adds no entries.
		const entries = ctx.ws.pointsLedger.size;
		editPurchase(ctx, purchase, sale(id, 30_000, { note: 'gift wrap' }));
		expect(ctx.ws.pointsLedger.size).toBe(entries);
	});

	it('multiplies by the tier the customer had before the purchase, and the birthday month', () => {
		const ctx = shop({ ...SETTINGS, earn: { ...SETTINGS.earn, birthdayMultiplier: 2 } });
		const id = newCustomer(ctx, '李四', '1990-06-20');
		buy(ctx, sale(id, 60_000, { at: AT - 86_400_000 }));
		// Gold (×2) from the first purchase on, birthday in June (×2): 100 units earn 400.
		const second = buy(ctx, sale(id, 10_000));
		const earn = standing(ctx, id).entries.find((e) => e.purchaseId === second);
		expect(earn?.points).toBe(400);
		expect(earn?.rule?.multiplier).toBe(4);
	});

	it('finds a lunar birthday’s month in the year of the purchase, not by its lunar numbers', () => {
		const ctx = shop({ ...SETTINGS, earn: { ...SETTINGS.earn, birthdayMultiplier: 2 } });
		const lunar = (name: string, birthday: string) => {
			const made = createCustomer(ctx, customer({ name, birthday, birthdayCalendar: 'lunar' }));
			if (!made.ok) throw new Error('not created');
			return made.value;
		};
		// 五月初五 falls on 19 June in 2026; 六月二十 on 2 August.
		const dragonBoat = lunar('端午生', '1990-05-05');
		const sixthMonth = lunar('六月生', '1990-06-20');
		const multiplierOf = (id: string) => {
			const purchase = buy(ctx, sale(id, 1_000));
			return standing(ctx, id).entries.find((e) => e.purchaseId === purchase)?.rule?.multiplier;
		};
		expect(multiplierOf(dragonBoat)).toBe(2);
		expect(multiplierOf(sixthMonth)).toBe(1);
	});

	it('takes a purchase and its points back in one undo step', () => {
		const ctx = shop();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		const id = newCustomer(ctx);
		buy(ctx, sale(id, 25_000));
		undo.undo();
		expect(ctx.ws.purchases.size).toBe(0);
		expect(ctx.ws.pointsLedger.size).toBe(0);
	});

	it('counts a merged customer’s points for the one kept', () => {
		const ctx = shop();
		const kept = newCustomer(ctx, '张三');
		const other = newCustomer(ctx, '张三 (2)');
		buy(ctx, sale(kept, 10_000));
		buy(ctx, sale(other, 5_000));
		const merged = mergeCustomers(ctx, kept, other, customer({ name: '张三' }));
		expect(merged.ok).toBe(true);
		expect(standing(ctx, kept).points.balance).toBe(150);
		const all = loyaltyStandings(ctx.ws, NOW);
		expect(all.ids).toEqual([kept]);
		expect(all.balance[0]).toBe(150);
	});
});

describe('points that stay right through edits, restores and dates', () => {
	it('an edit of a purchase whose points expired long ago leaves today’s points alone', () => {
		const at = new Date(2026, 0, 10, 12).getTime();
		const ctx: CommandContext = {
			...shop({ ...SETTINGS, expiryMonths: 6 }),
			now: () => new Date(2026, 8, 1, 12).getTime()
		};
		const id = newCustomer(ctx);
		const january = buy(ctx, sale(id, 50_000, { at }));
		buy(ctx, sale(id, 30_000, { at: new Date(2026, 7, 5, 12).getTime() }));
		const september = new Date(2026, 8, 1, 12).getTime();
		// January's 500 expired at the end of July; August's ¥300 earned double, at Gold.
		expect(customerLoyalty(ctx.ws, id, september).points.balance).toBe(600);
		expect(editPurchase(ctx, january, sale(id, 52_000, { at })).ok).toBe(true);
		const after = customerLoyalty(ctx.ws, id, september).points;
		expect(after.balance).toBe(600);
		expect(after.overdrawn).toBe(0);
	});

	it('deleting and restoring a purchase changes nothing, with expiry on', () => {
		const ctx: CommandContext = {
			...shop({ ...SETTINGS, expiryMonths: 1 }),
			now: () => new Date(2026, 0, 25, 12).getTime()
		};
		const id = newCustomer(ctx);
		buy(ctx, sale(id, 10_000, { at: new Date(2026, 0, 10, 12).getTime() }));
		const spend = buy(
			ctx,
			sale(id, 5_000, {
				at: new Date(2026, 0, 20, 12).getTime(),
				discountCents: 1_000,
				pointsRedeemed: 100
			})
		);
		const april = new Date(2026, 3, 5, 12).getTime();
		const before = customerLoyalty(ctx.ws, id, april).points;
		deletePurchase(ctx, spend);
		restorePurchase(ctx, spend);
		expect(customerLoyalty(ctx.ws, id, april).points).toEqual(before);
	});

	it('a purchase edited down to no points earns again when edited back up', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		const purchase = buy(ctx, sale(id, 10_000));
		editPurchase(ctx, purchase, sale(id, 50));
		expect(standing(ctx, id).points.balance).toBe(0);
		editPurchase(ctx, purchase, sale(id, 10_000));
		expect(standing(ctx, id).points.balance).toBe(100);
		// Deleted and restored at ¥0.50, it does not bring back an old generation's 100.
		editPurchase(ctx, purchase, sale(id, 50));
		deletePurchase(ctx, purchase);
		restorePurchase(ctx, purchase);
		expect(standing(ctx, id).points.balance).toBe(0);
	});

	it('points redeemed on a purchase dated ahead are spent now, not on that day', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		buy(ctx, sale(id, 10_000));
		const tomorrow = NOW + 86_400_000;
		buy(ctx, sale(id, 5_000, { at: tomorrow, discountCents: 1_000, pointsRedeemed: 100 }));
		const again = addPurchase(ctx, sale(id, 5_000, { discountCents: 1_000, pointsRedeemed: 100 }));
		expect(again).toMatchObject({ errors: { pointsRedeemed: 'loyalty.errors.notEnoughPoints' } });
	});

	it('a purchase edited offline while deleted elsewhere keeps no points', () => {
		const a = shop(SETTINGS, new Y.Doc(), 'member-a');
		const id = newCustomer(a);
		const purchase = buy(a, sale(id, 10_000));
		const b: CommandContext = { ...memberContext('member-b', new Y.Doc()), now: () => NOW };
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		deletePurchase(a, purchase);
		editPurchase(b, purchase, sale(id, 20_000));
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		expect(standing(a, id).points.balance).toBe(0);
		expect(standing(b, id).points.balance).toBe(0);
	});

	it('sales written in one transaction (an import chunk) see the tier reached before them', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		ctx.ws.doc.transact(() => {
			buy(ctx, sale(id, 60_000, { at: AT - 86_400_000 }));
			buy(ctx, sale(id, 10_000));
		}, ctx.origin);
		// Gold (×2) from the first sale: the second earns 200, not 100.
		expect(standing(ctx, id).points.balance).toBe(600 + 200);
	});

	it('a redemption value or coupon discount sent without its cause is not stored', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		const purchase = buy(
			ctx,
			sale(id, 10_000, { pointsValueCents: 500, couponDiscountCents: 300 })
		);
		const stored = JSON.parse(ctx.ws.purchases.get(purchase) as string) as Record<string, unknown>;
		expect(stored['pointsValueCents']).toBeUndefined();
		expect(stored['couponDiscountCents']).toBeUndefined();
	});
});

describe('purchases recorded while loyalty was off', () => {
	it('are listed and given their points once, by the tier each customer had then', () => {
		const ctx = shop({ ...SETTINGS, enabled: false });
		const id = newCustomer(ctx);
		buy(ctx, sale(id, 60_000, { at: AT - 86_400_000 }));
		buy(ctx, sale(id, 10_000));
		setLoyaltySettings(ctx, SETTINGS);
		const past = uncreditedPurchases(ctx.ws);
		expect(past).toHaveLength(2);
		for (const purchase of past) expect(creditPastPurchase(ctx, purchase.id)).toBe(true);
		// 600 for the first, then Gold (×2): 200 for the second.
		expect(standing(ctx, id).points.balance).toBe(800);
		expect(uncreditedPurchases(ctx.ws)).toEqual([]);
		expect(creditPastPurchase(ctx, past[0]!.id)).toBe(false);
	});
});

describe('hand adjustments', () => {
	it('need a whole number and a reason', () => {
		const ctx = shop();
		const id = newCustomer(ctx);
		expect(adjustPoints(ctx, id, 1.5, '')).toMatchObject({
			ok: false,
			errors: { points: 'loyalty.errors.pointsWhole', reason: 'validation.required' }
		});
		expect(adjustPoints(ctx, id, -20, 'Goodwill correction').ok).toBe(true);
		const now = standing(ctx, id);
		expect(now.points.balance).toBe(-20);
		expect(now.entries[0]).toMatchObject({
			kind: 'adjust',
			points: -20,
			reason: 'Goodwill correction'
		});
	});
});

describe('two devices', () => {
	function pair() {
		const a = shop(SETTINGS, new Y.Doc(), 'member-a');
		const b: CommandContext = { ...memberContext('member-b', new Y.Doc()), now: () => NOW };
		Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
		const sync = () => {
			Y.applyUpdate(b.ws.doc, Y.encodeStateAsUpdate(a.ws.doc));
			Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(b.ws.doc));
		};
		return { a, b, sync };
	}

	it('deleting the same purchase on both offline reverses its points once', () => {
		const { a, b, sync } = pair();
		const id = newCustomer(a);
		const purchase = buy(a, sale(id, 25_000));
		sync();
		deletePurchase(a, purchase);
		deletePurchase(b, purchase);
		sync();
		expect(standing(a, id).points.balance).toBe(0);
		expect(standing(b, id).points.balance).toBe(0);
		expect(standing(a, id).entries.filter((e) => e.kind === 'reverse')).toHaveLength(1);
	});

	it('spending the same points on both offline leaves a negative balance to settle', () => {
		const { a, b, sync } = pair();
		const id = newCustomer(a);
		buy(a, sale(id, 10_000));
		sync();
		const spend = sale(id, 5_000, { discountCents: 1_000, pointsRedeemed: 100 });
		buy(a, spend);
		buy(b, spend);
		sync();
		for (const device of [a, b]) {
			const { points } = standing(device, id);
			// 100 earned, 2 × 100 spent, 2 × 40 earned on the ¥40 paid.
			expect(points.balance).toBe(100 - 200 + 80);
			expect(points.overdrawn).toBe(20);
		}
	});
});
