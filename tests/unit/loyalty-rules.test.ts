import { describe, expect, it } from 'vitest';
import {
	DEFAULT_LOYALTY_SETTINGS,
	readLoyaltySettings,
	type LoyaltySettings,
	type Tier
} from '../../src/lib/features/loyalty/rules/loyalty-settings';
import { tierName } from '../../src/lib/features/loyalty/rules/tier-name';
import {
	earnRuleOf,
	mostRedeemable,
	pointsEarned,
	redemptionProblem,
	redemptionValueCents
} from '../../src/lib/features/loyalty/rules/points';
import {
	expiryOf,
	pointsStanding,
	purchaseEntries,
	type PointsEntry
} from '../../src/lib/features/loyalty/rules/points-ledger';
import {
	addMonthsMs,
	nextTier,
	tierStanding,
	windowedSteps
} from '../../src/lib/features/loyalty/rules/tiers';

const on = (over: Partial<LoyaltySettings> = {}): LoyaltySettings => ({
	...DEFAULT_LOYALTY_SETTINGS,
	enabled: true,
	...over
});
const day = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();

describe('earning points', () => {
	const rule = (over: Partial<ReturnType<typeof earnRuleOf>> = {}) => ({
		...earnRuleOf(on(), 1, false),
		...over
	});

	it('gives a point per currency unit paid, rounded as the shop chose', () => {
		expect(pointsEarned(25_000, rule())).toBe(250);
		expect(pointsEarned(25_099, rule())).toBe(250);
		expect(pointsEarned(25_050, rule({ rounding: 'nearest' }))).toBe(251);
		expect(pointsEarned(25_049, rule({ rounding: 'nearest' }))).toBe(250);
		expect(pointsEarned(25_001, rule({ rounding: 'up' }))).toBe(251);
	});

	it('rounds exactly where floats would not (0.1 × 3 is not 0.3 in floats)', () => {
		// 30 units at 0.1 points each is exactly 3 points: rounding up must not make it 4.
		expect(pointsEarned(3_000, rule({ pointsPerUnit: 0.1, rounding: 'up' }))).toBe(3);
		expect(pointsEarned(1_999_999_999_99, rule({ pointsPerUnit: 0.07 }))).toBe(139_999_999);
	});

	it('applies the tier and birthday multipliers, then the cap', () => {
		const settings = on({ earn: { ...on().earn, birthdayMultiplier: 2 } });
		expect(pointsEarned(10_000, earnRuleOf(settings, 1.5, false))).toBe(150);
		expect(pointsEarned(10_000, earnRuleOf(settings, 1.5, true))).toBe(300);
		expect(pointsEarned(10_000, { ...earnRuleOf(settings, 1.5, true), capPerOrder: 200 })).toBe(
			200
		);
	});

	it('earns nothing on nothing paid', () => {
		expect(pointsEarned(0, rule())).toBe(0);
		expect(pointsEarned(-500, rule())).toBe(0);
		expect(pointsEarned(10_000, rule({ pointsPerUnit: 0 }))).toBe(0);
	});
});

describe('redeeming points', () => {
	const settings = on({ redeem: { centsPerPoint: 10, minPoints: 50 } });

	it('is worth the rate per point', () => {
		expect(redemptionValueCents(100, settings)).toBe(1_000);
	});

	it('refuses more than the balance, less than the minimum, or more than is paid', () => {
		expect(redemptionProblem(100, 250, 1_000, settings)).toBeNull();
		expect(redemptionProblem(300, 250, 10_000, settings)).toBe('notEnoughPoints');
		expect(redemptionProblem(20, 250, 10_000, settings)).toBe('belowMinimum');
		expect(redemptionProblem(100, 250, 999, settings)).toBe('moreThanPayable');
		expect(redemptionProblem(100, 250, 1_000, { ...settings, enabled: false })).toBe('off');
		expect(redemptionProblem(0, 0, 0, settings)).toBeNull();
	});

	it('offers at most the balance and what is left to pay', () => {
		expect(mostRedeemable(250, 10_000, settings)).toBe(250);
		expect(mostRedeemable(250, 1_505, settings)).toBe(150);
		expect(mostRedeemable(-5, 1_505, settings)).toBe(0);
	});
});

const entry = (over: Partial<PointsEntry> & Pick<PointsEntry, 'id' | 'at' | 'points'>) =>
	({ kind: 'earn', by: 'm', ...over }) as PointsEntry;

describe('the points ledger', () => {
	it('sums to the balance; lifetime counts earnings net of their reversals only', () => {
		const entries = [
			entry({ id: 'p1.earn.0', at: day(2026, 1, 5), points: 250, purchaseId: 'p1' }),
			entry({ id: 'p2.redeem.0', at: day(2026, 2, 1), points: -100, kind: 'redeem' }),
			entry({
				id: 'p1.earn.0.reverse',
				at: day(2026, 3, 1),
				points: -250,
				kind: 'reverse',
				of: 'p1.earn.0',
				ofKind: 'earn'
			})
		];
		const standing = pointsStanding(entries, day(2026, 3, 2), 0);
		expect(standing.balance).toBe(-100);
		expect(standing.lifetime).toBe(0);
		expect(standing.overdrawn).toBe(100);
	});

	it('expires what is left of each earning at the end of the month N months later', () => {
		expect(new Date(expiryOf(day(2026, 3, 15), 12))).toEqual(new Date(2027, 3, 1));
		const entries = [
			entry({ id: 'a', at: day(2026, 1, 10), points: 100 }),
			entry({ id: 'b', at: day(2026, 3, 10), points: 50 }),
			entry({ id: 'r', at: day(2026, 2, 1), points: -30, kind: 'redeem' })
		];
		// Spending takes the oldest first: 70 of January's 100 are left to expire end of February.
		const march = pointsStanding(entries, day(2026, 3, 20), 1, 45 * 86_400_000);
		expect(march.expired).toEqual([{ at: new Date(2026, 2, 1).getTime(), points: 70 }]);
		expect(march.balance).toBe(50);
		expect(march.expiringSoon).toEqual([{ at: new Date(2026, 4, 1).getTime(), points: 50 }]);
		expect(pointsStanding(entries, day(2026, 3, 20), 1).expiringSoon).toEqual([]);
		const never = pointsStanding(entries, day(2030, 1, 1), 0);
		expect(never.balance).toBe(120);
		expect(never.expired).toEqual([]);
	});

	it('pays what was overspent from the next points, and reverses from the entry reversed', () => {
		const entries = [
			entry({ id: 'old', at: day(2026, 1, 1), points: 100 }),
			entry({ id: 'p.earn.0', at: day(2026, 1, 20), points: 40, purchaseId: 'p' }),
			entry({
				id: 'p.earn.0.reverse',
				at: day(2026, 1, 25),
				points: -40,
				kind: 'reverse',
				of: 'p.earn.0',
				ofKind: 'earn'
			}),
			entry({ id: 'x', at: day(2026, 1, 26), points: -150, kind: 'redeem' }),
			entry({ id: 'y', at: day(2026, 1, 28), points: 80 })
		];
		// The reversal took p's own 40, so 'old' still had 100; 50 were overspent, repaid from y.
		const standing = pointsStanding(entries, day(2026, 1, 30), 1);
		expect(standing.balance).toBe(30);
		expect(standing.overdrawn).toBe(0);
		// Of y's 80, 30 are left, expiring end of February.
		expect(pointsStanding(entries, day(2026, 3, 2), 1).expired).toEqual([
			{ at: new Date(2026, 2, 1).getTime(), points: 30 }
		]);
	});

	it('finds a purchase’s newest generation and what of it is not reversed', () => {
		const entries = [
			entry({ id: 'p.earn.0', at: 1, points: 10, purchaseId: 'p' }),
			entry({
				id: 'p.earn.0.reverse',
				at: 2,
				points: -10,
				kind: 'reverse',
				purchaseId: 'p',
				of: 'p.earn.0'
			}),
			entry({ id: 'p.earn.1', at: 1, points: 12, purchaseId: 'p' }),
			entry({ id: 'p.redeem.1', at: 1, points: -5, kind: 'redeem', purchaseId: 'p' }),
			entry({ id: 'q.earn.0', at: 1, points: 7, purchaseId: 'q' })
		];
		const own = purchaseEntries(entries, 'p');
		expect(own.generation).toBe(1);
		expect(own.active.map((e) => e.id)).toEqual(['p.earn.1', 'p.redeem.1']);
		expect(purchaseEntries(entries, 'none').generation).toBe(-1);
	});
});

const tier = (id: string, threshold: number): Tier => ({
	id,
	nameEn: id,
	nameZh: id,
	threshold,
	discountPercent: 0,
	multiplier: 1,
	benefits: ''
});

describe('membership tiers', () => {
	const list = [tier('silver', 1_000), tier('gold', 5_000)];

	it('moves up as soon as the measure reaches a threshold', () => {
		const steps = windowedSteps(
			[
				{ at: day(2026, 1, 1), amount: 800 },
				{ at: day(2026, 2, 1), amount: 300 },
				{ at: day(2026, 3, 1), amount: 4_000 }
			],
			12
		);
		const standing = tierStanding(steps, { keepMonths: 3, list }, day(2026, 4, 1));
		expect(standing.tier).toBe(1);
		expect(standing.changes).toEqual([
			{ at: day(2026, 2, 1), from: -1, to: 0 },
			{ at: day(2026, 3, 1), from: 0, to: 1 }
		]);
	});

	it('keeps a tier for the keeping period, then drops one tier per period', () => {
		const steps = windowedSteps([{ at: day(2025, 1, 10), amount: 6_000 }], 12);
		// Out of the window on 2026-01-10; kept 3 months (to 04-10), then silver for 3 more.
		const rules = { keepMonths: 3, list };
		expect(tierStanding(steps, rules, day(2026, 4, 9)).tier).toBe(1);
		expect(tierStanding(steps, rules, day(2026, 4, 9)).dropsAt).toBe(day(2026, 4, 10));
		expect(tierStanding(steps, rules, day(2026, 4, 11)).tier).toBe(0);
		const later = tierStanding(steps, rules, day(2026, 8, 1));
		expect(later.tier).toBe(-1);
		expect(later.changes.map((c) => [c.from, c.to])).toEqual([
			[-1, 1],
			[1, 0],
			[0, -1]
		]);
	});

	it('drops to what the customer qualifies for at once without a keeping period', () => {
		const steps = windowedSteps([{ at: day(2025, 1, 10), amount: 6_000 }], 12);
		expect(tierStanding(steps, { keepMonths: 0, list }, day(2026, 1, 11)).tier).toBe(-1);
	});

	it('qualifying again during the keeping period keeps the tier', () => {
		const steps = windowedSteps(
			[
				{ at: day(2025, 1, 10), amount: 6_000 },
				{ at: day(2026, 2, 1), amount: 5_000 }
			],
			12
		);
		const standing = tierStanding(steps, { keepMonths: 3, list }, day(2026, 6, 1));
		expect(standing.tier).toBe(1);
		expect(standing.dropsAt).toBeNull();
	});

	it('puts everyone in a lowest tier that starts at 0, and says what the next one needs', () => {
		const rules = { keepMonths: 3, list: [tier('member', 0), ...list] };
		const standing = tierStanding([{ at: day(2026, 1, 1), delta: 400 }], rules, day(2026, 2, 1));
		expect(standing.tier).toBe(0);
		expect(nextTier(standing, rules)).toEqual({ index: 1, missing: 600 });
		expect(nextTier({ tier: 2, measure: 9_000 }, rules)).toBeNull();
	});

	it('keeps month ends when moving by months', () => {
		expect(new Date(addMonthsMs(new Date(2026, 0, 31, 9).getTime(), 1))).toEqual(
			new Date(2026, 1, 28, 9)
		);
	});
});

describe('loyalty settings as stored', () => {
	it('falls back part by part to the defaults', () => {
		expect(readLoyaltySettings(null)).toEqual(DEFAULT_LOYALTY_SETTINGS);
		const read = readLoyaltySettings({
			enabled: true,
			earn: { pointsPerUnit: -1, rounding: 'sideways' },
			redeem: { centsPerPoint: 5 },
			tiers: { basis: 'points', list: [tier('b', 10), tier('a', 5)] }
		});
		expect(read.enabled).toBe(true);
		expect(read.earn).toEqual(DEFAULT_LOYALTY_SETTINGS.earn);
		expect(read.redeem.centsPerPoint).toBe(5);
		expect(read.tiers.basis).toBe('points');
		// Falling thresholds are no tier list: none rather than made-up ones.
		expect(read.tiers.list).toEqual([]);
	});

	it('keeps at most six tiers and names them in the language asked for', () => {
		const seven = Array.from({ length: 7 }, (_, i) => tier(`t${i}`, i * 10));
		expect(readLoyaltySettings({ tiers: { list: seven } }).tiers.list).toEqual([]);
		expect(readLoyaltySettings({ tiers: {} }).tiers.list).toEqual(
			DEFAULT_LOYALTY_SETTINGS.tiers.list
		);
		expect(tierName({ nameEn: 'Gold', nameZh: '金卡' }, 'zh-CN')).toBe('金卡');
		expect(tierName({ nameEn: 'Gold', nameZh: '' }, 'zh-CN')).toBe('Gold');
		expect(tierName({ nameEn: '', nameZh: '金卡' }, 'en')).toBe('金卡');
	});
});
