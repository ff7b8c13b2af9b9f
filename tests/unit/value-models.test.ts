import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	conditionalExpectedPurchases,
	fitBgNbd,
	hypergeometric2F1,
	mergeRows,
	probabilityAlive
} from '../../src/lib/features/value/bg-nbd';
import {
	conditionalExpectedAverage,
	fitGammaGamma
} from '../../src/lib/features/value/gamma-gamma';
import { minimise } from '../../src/lib/features/value/minimise';
import { addPurchase } from '../../src/lib/features/activity/activity-commands';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { AnalyticsKeeper } from '../../src/lib/analytics/keeper';
import { InsightsIndex } from '../../src/lib/features/insights/insights-index';
import { purchaseHistories } from '../../src/lib/features/value/customer-value';
import { fitValueModel } from '../../src/lib/features/value/value-model';
import { customer, inZone, memberContext } from './helpers';

const CDNOW = fileURLToPath(new URL('../../../shared/datasets/cdnow/', import.meta.url));

function csv(name: string): Record<string, number>[] {
	const [head, ...lines] = readFileSync(`${CDNOW}${name}`, 'utf8').trim().split(/\r?\n/);
	const keys = head!.split(',');
	return lines.map((line) =>
		Object.fromEntries(line.split(',').map((value, i) => [keys[i]!, Number(value)]))
	);
}

const near = (actual: number, expected: number, share: number) =>
	expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(share);

describe('the BG/NBD model on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
	const rows = csv('cdnow_customers_summary.csv').map((row) => ({
		x: row['frequency']!,
		tx: row['recency']!,
		T: row['T']!
	}));
	const fitted = fitBgNbd(rows);

	it('finds the published parameters and log-likelihood', () => {
		expect(rows).toHaveLength(2357);
		near(fitted.r, 0.2426, 0.005);
		near(fitted.alpha, 4.4135, 0.005);
		near(fitted.a, 0.7929, 0.005);
		near(fitted.b, 2.4259, 0.005);
		expect(Math.abs(fitted.logLikelihood - -9582.43)).toBeLessThan(0.1);
	});

	it('expects 1.226 purchases in the next 39 weeks of the paper’s customer (x 2, t_x 30.43, T 38.86)', () => {
		expect(
			Math.abs(conditionalExpectedPurchases(fitted, 39, 2, 30.43, 38.86) - 1.226)
		).toBeLessThan(0.002);
		// Never bought again: certainly active by the model, and fewer purchases expected.
		expect(probabilityAlive(fitted, 0, 0, 38.86)).toBe(1);
		const alive = probabilityAlive(fitted, 2, 30.43, 38.86);
		expect(alive).toBeGreaterThan(0);
		expect(alive).toBeLessThan(1);
		expect(probabilityAlive(fitted, 2, 5, 38.86)).toBeLessThan(alive);
	});

	it('merges customers with the same history into weighted rows', () => {
		const merged = mergeRows(rows);
		expect(merged.length).toBeLessThan(rows.length);
		expect(merged.reduce((sum, row) => sum + row.weight!, 0)).toBe(rows.length);
	});
});

describe('the Gamma-Gamma spend model on the CDNOW repeat buyers (Fader & Hardie 2013)', () => {
	const rows = csv('cdnow_customers_summary_with_transactions.csv')
		.filter((row) => row['x']! > 0)
		.map((row) => ({ x: row['x']!, mean: row['zbar']! }));
	const fitted = fitGammaGamma(rows);

	it('finds the published parameters and log-likelihood', () => {
		expect(rows).toHaveLength(946);
		near(fitted.p, 6.25, 0.01);
		near(fitted.q, 3.74, 0.01);
		near(fitted.gamma, 15.44, 0.01);
		expect(Math.abs(fitted.logLikelihood - -4055.92)).toBeLessThan(0.1);
	});

	it('pulls a customer’s own average towards the population’s, less so the more they bought', () => {
		const few = conditionalExpectedAverage(fitted, 1, 100);
		const many = conditionalExpectedAverage(fitted, 20, 100);
		expect(few).toBeLessThan(many);
		expect(many).toBeLessThan(100);
	});
});

describe('the numerical pieces', () => {
	it('sum Gauss’s hypergeometric series to known values', () => {
		// 2F1(1, 1; 2; z) = −ln(1 − z) / z
		expect(hypergeometric2F1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
		expect(hypergeometric2F1(2, 3, 4, 0)).toBe(1);
	});

	it('minimise a curved valley to its floor', () => {
		const rosenbrock = ([x, y]: readonly number[]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2;
		const found = minimise(rosenbrock, [-1.2, 1], { maxIterations: 20_000 });
		expect(found.point[0]).toBeCloseTo(1, 4);
		expect(found.point[1]).toBeCloseTo(1, 4);
	});
});

describe('the models fitted end to end through the app’s records', () => {
	// The CDNOW transactions as customers and purchases (at noon, local time), through the
	// analytics columns and the value engine's histories, fitted as of 1997-09-30.
	inZone('Asia/Shanghai', () => {
		it('reproduce the published BG/NBD and Gamma-Gamma parameters in weeks', () => {
			const ctx = memberContext();
			const ids = new Map<string, string>();
			const lines = readFileSync(`${CDNOW}CDNOW_sample.txt`, 'utf8').trim().split(/\r?\n/);
			for (const line of lines) {
				const [, sample, date, , dollars] = line.trim().split(/\s+/) as [
					string,
					string,
					string,
					string,
					string
				];
				let id = ids.get(sample);
				if (!id) {
					const made = createCustomer(ctx, customer({ name: `CDNOW ${sample}` }));
					if (!made.ok) throw new Error('refused');
					id = made.value;
					ids.set(sample, id);
				}
				const at = new Date(
					Number(date.slice(0, 4)),
					Number(date.slice(4, 6)) - 1,
					Number(date.slice(6)),
					12
				).getTime();
				const sale = addPurchase(ctx, {
					customerId: id,
					at,
					lines: [
						{ product: 'CD', quantity: 1, unitPriceCents: Math.round(Number(dollars) * 100) }
					],
					discountCents: 0,
					payment: 'cash',
					channel: 'online',
					note: ''
				});
				if (!sale.ok) throw new Error('refused');
			}
			expect(ids.size).toBe(2357);
			const index = new InsightsIndex(new AnalyticsKeeper(ctx.ws).columns(), []);
			const histories = purchaseHistories(index, '1997-09-30', 12);
			expect(histories.customers).toHaveLength(2357);
			const outcome = fitValueModel(histories, '1997-09-30', 0);
			if (!('fitted' in outcome)) throw new Error('expected a fit');
			const { bgNbd, gammaGamma } = outcome.fitted;
			near(bgNbd.r, 0.2426, 0.005);
			near(bgNbd.alpha, 4.4135, 0.005);
			near(bgNbd.a, 0.7929, 0.005);
			near(bgNbd.b, 2.4259, 0.005);
			expect(Math.abs(bgNbd.logLikelihood - -9582.43)).toBeLessThan(0.1);
			expect(outcome.fitted.repeatBuyers).toBe(946);
			near(gammaGamma!.p, 6.25, 0.01);
			near(gammaGamma!.q, 3.74, 0.01);
			near(gammaGamma!.gamma, 15.44, 0.01);
		});
	});
});

describe('the Gamma-Gamma fit at any scale of money', () => {
	it('finds the same shape for spend 10,000 times larger, γ scaled with it', () => {
		const rows = csv('cdnow_customers_summary_with_transactions.csv')
			.filter((row) => row['x']! > 0)
			.map((row) => ({ x: row['x']!, mean: row['zbar']! }));
		const small = fitGammaGamma(rows);
		const large = fitGammaGamma(rows.map((row) => ({ ...row, mean: row.mean * 10_000 })));
		near(large.p, small.p, 0.001);
		near(large.q, small.q, 0.001);
		near(large.gamma, small.gamma * 10_000, 0.001);
		expect(large.gamma).toBeGreaterThan(22_026);
	});
});
