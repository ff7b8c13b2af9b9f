import { describe, expect, it } from 'vitest';
import {
	averageOrderText,
	customerMetrics,
	DEFAULT_STAGE_RULES,
	EMPTY_METRICS,
	suggestStage
} from '../../src/lib/features/customers/rules/customer-metrics';
import { emptyCustomerFields } from '../../src/lib/features/customers/rules/customer';
import { addDays, daysUntilBirthday, localDateKey } from '../../src/lib/domain/dates';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);
const daysAgo = (n: number) => NOW - n * DAY;

describe('customerMetrics', () => {
	it('adds up purchases exactly and finds first, last and usual interval', () => {
		const metrics = customerMetrics(
			[
				{ at: daysAgo(60), totalCents: 12050 },
				{ at: daysAgo(30), totalCents: 7950 },
				{ at: daysAgo(0), totalCents: 1 }
			],
			[daysAgo(5)]
		);
		expect(metrics).toEqual({
			totalSpentCents: 20001,
			purchaseCount: 3,
			averageOrderCents: 6667,
			firstPurchaseAt: daysAgo(60),
			lastPurchaseAt: NOW,
			lastContactAt: NOW,
			usualIntervalDays: 30
		});
	});

	it('gives ¥200.00 total and ¥100.00 average for ¥120.50 + ¥79.50', () => {
		const metrics = customerMetrics(
			[
				{ at: daysAgo(2), totalCents: 12050 },
				{ at: daysAgo(1), totalCents: 7950 }
			],
			[]
		);
		expect(metrics.totalSpentCents).toBe(20000);
		expect(metrics.averageOrderCents).toBe(10000);
	});

	it('counts an interaction as the last contact when it is newer than any purchase', () => {
		expect(customerMetrics([], [daysAgo(3), daysAgo(1)])).toMatchObject({
			purchaseCount: 0,
			lastContactAt: daysAgo(1),
			lastPurchaseAt: null
		});
		expect(customerMetrics([], [])).toBe(EMPTY_METRICS);
	});
});

describe('suggestStage', () => {
	const buys = (...days: number[]) =>
		customerMetrics(
			days.map((d) => ({ at: daysAgo(d), totalCents: 10000 })),
			[]
		);

	it('walks the lifecycle with a reason for each step', () => {
		expect(suggestStage(EMPTY_METRICS, NOW)).toMatchObject({ stage: 'lead', reason: 'noContact' });
		// A prospect the shopkeeper chose (met at a fair, nothing logged yet) is not told to go back.
		expect(suggestStage({ ...EMPTY_METRICS, stage: 'prospect' }, NOW)).toMatchObject({
			stage: 'prospect',
			reason: 'noContact'
		});
		expect(suggestStage({ ...EMPTY_METRICS, stage: 'vip' }, NOW).stage).toBe('lead');
		expect(suggestStage(customerMetrics([], [daysAgo(3)]), NOW)).toMatchObject({
			stage: 'prospect',
			reason: 'noPurchase'
		});
		expect(suggestStage(buys(10), NOW)).toMatchObject({ stage: 'new', reason: 'onePurchase' });
		expect(suggestStage(buys(40, 10), NOW)).toMatchObject({ stage: 'active', reason: 'repeat' });
		expect(suggestStage(buys(200), NOW)).toMatchObject({
			stage: 'at_risk',
			reason: 'oneTimeOverdue',
			facts: { daysSinceLastPurchase: 200 }
		});
		expect(suggestStage(buys(400, 370), NOW)).toMatchObject({ stage: 'lost', reason: 'lost' });
	});

	it('judges overdue against the customer’s own usual interval, at least 30 days', () => {
		// Buys every 20 days; 45 days of silence is more than twice that.
		expect(suggestStage(buys(85, 65, 45), NOW)).toMatchObject({
			stage: 'at_risk',
			reason: 'overdue',
			facts: { usualIntervalDays: 20, daysSinceLastPurchase: 45 }
		});
		// Buys every 5 days: 25 days of silence is within the 30-day floor.
		expect(suggestStage(buys(35, 30, 25), NOW).stage).toBe('active');
	});

	it('makes top spenders VIP unless they are drifting away', () => {
		const big = customerMetrics(
			[
				{ at: daysAgo(20), totalCents: 300_000 },
				{ at: daysAgo(5), totalCents: 250_000 }
			],
			[]
		);
		expect(suggestStage(big, NOW)).toMatchObject({ stage: 'vip', reason: 'vip' });
		expect(suggestStage(big, NOW + 100 * DAY).stage).toBe('at_risk');
	});
});

describe('a new customer', () => {
	it('is saved with the stage the numbers suggest for someone with no history', () => {
		expect(emptyCustomerFields().stage).toBe(suggestStage(EMPTY_METRICS, NOW).stage);
	});

	it('has no average order until the first purchase', () => {
		expect(customerMetrics([], [daysAgo(1)]).averageOrderCents).toBe(0);
		expect(averageOrderText(EMPTY_METRICS, (cents) => `¥${cents / 100}`)).toBe('—');
		expect(
			averageOrderText(
				customerMetrics([{ at: daysAgo(1), totalCents: 0 }], []),
				(cents) => `¥${cents / 100}`
			)
		).toBe('¥0');
	});
});

describe('days since', () => {
	it('counts calendar days, not 24-hour periods', () => {
		const lastBuy = new Date(2026, 6, 28, 18).getTime();
		const today = new Date(2026, 11, 6, 9).getTime();
		const metrics = customerMetrics([{ at: lastBuy, totalCents: 100 }], []);
		const soonAtRisk = { ...DEFAULT_STAGE_RULES, newAtRiskAfterDays: 100 };
		expect(suggestStage(metrics, today, soonAtRisk)).toMatchObject({
			reason: 'oneTimeOverdue',
			facts: { daysSinceLastPurchase: 131 }
		});
		// Two purchases a calendar week apart, bought late then early in the day.
		const weekly = customerMetrics(
			[
				{ at: new Date(2026, 5, 1, 20).getTime(), totalCents: 100 },
				{ at: new Date(2026, 5, 8, 9).getTime(), totalCents: 100 }
			],
			[]
		);
		expect(weekly.usualIntervalDays).toBe(7);
		// A second purchase the same day (a forgotten item) is no rhythm of one day.
		const sameDay = customerMetrics(
			[
				{ at: new Date(2026, 5, 1, 10).getTime(), totalCents: 100 },
				{ at: new Date(2026, 5, 1, 16).getTime(), totalCents: 100 },
				{ at: new Date(2026, 6, 1, 10).getTime(), totalCents: 100 }
			],
			[]
		);
		expect(sameDay.usualIntervalDays).toBe(30);
		expect(
			customerMetrics(
				[sameDay, sameDay].map(() => ({ at: 5, totalCents: 1 })),
				[]
			)
		).toMatchObject({ purchaseCount: 2, usualIntervalDays: null });
	});
});

describe('dates', () => {
	it('adds calendar days and counts days to the next birthday', () => {
		expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(daysUntilBirthday('1990-06-03', '2026-06-01')).toBe(2);
		expect(daysUntilBirthday('1990-06-01', '2026-06-01')).toBe(0);
		expect(daysUntilBirthday('1990-05-31', '2026-06-01')).toBe(364);
		expect(localDateKey(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
	});
});
