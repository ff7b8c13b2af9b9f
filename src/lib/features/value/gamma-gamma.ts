import gammaln from '@stdlib/math-base-special-gammaln';
import { minimise } from './minimise';
import { LOG_BOUND } from './bg-nbd';

/**
 * The Gamma-Gamma model of spend per purchase (Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"): a customer's purchases are Gamma(p, ν) with ν ~ Gamma(q, γ) across
 * customers. Fitted on customers with at least one repeat purchase: x purchases averaging `mean`.
 */
export interface GammaGammaParams {
	p: number;
	q: number;
	gamma: number;
}

export interface GammaGammaRow {
	x: number;
	mean: number;
}

/** One customer's log-likelihood (equation 3 of the note, for their x and mean). */
export function gammaGammaLogLikelihood(
	{ p, q, gamma }: GammaGammaParams,
	{ x, mean }: GammaGammaRow
): number {
	return (
		gammaln(p * x + q) -
		gammaln(p * x) -
		gammaln(q) +
		q * Math.log(gamma) +
		(p * x - 1) * Math.log(mean) +
		p * x * Math.log(x) -
		(p * x + q) * Math.log(gamma + mean * x)
	);
}

/**
 * The rows' summed log-likelihood as a function of log-parameters: the log-gammas that depend
 * on x are worked out once per distinct x, the logs of each row once for all calls.
 */
function gammaGammaObjective(rows: readonly GammaGammaRow[]): (point: readonly number[]) => number {
	const xs = [...new Set(rows.map((row) => row.x))];
	const xIndex = new Map(xs.map((x, i) => [x, i]));
	const ofX = Uint32Array.from(rows, (row) => xIndex.get(row.x)!);
	const x = Float64Array.from(rows, (row) => row.x);
	const mean = Float64Array.from(rows, (row) => row.mean);
	const logMean = Float64Array.from(rows, (row) => Math.log(row.mean));
	const logX = Float64Array.from(rows, (row) => Math.log(row.x));
	const gammaTerm = new Float64Array(xs.length);
	return (point) => {
		if (point.some((value) => Math.abs(value) > LOG_BOUND)) return Infinity;
		const p = Math.exp(point[0]!);
		const q = Math.exp(point[1]!);
		const gamma = Math.exp(point[2]!);
		for (let i = 0; i < xs.length; i++) {
			gammaTerm[i] = gammaln(p * xs[i]! + q) - gammaln(p * xs[i]!);
		}
		const base = q * Math.log(gamma) - gammaln(q);
		let sum = 0;
		for (let row = 0; row < x.length; row++) {
			const px = p * x[row]!;
			sum +=
				gammaTerm[ofX[row]!]! +
				base +
				(px - 1) * logMean[row]! +
				px * logX[row]! -
				(px + q) * Math.log(gamma + mean[row]! * x[row]!);
		}
		return Number.isFinite(sum) ? -sum : Infinity;
	};
}

export function fitGammaGamma(
	rows: readonly GammaGammaRow[]
): GammaGammaParams & { logLikelihood: number } {
	const usable = rows.filter((row) => row.x > 0 && row.mean > 0);
	// Fitted on spend over its average, so γ (in the currency's units) stays inside the search's
	// bounds for a shop whose purchases run to tens of thousands; scaled back after.
	const scale =
		usable.length > 0 ? usable.reduce((sum, row) => sum + row.mean, 0) / usable.length : 1;
	const negative = gammaGammaObjective(usable.map((row) => ({ x: row.x, mean: row.mean / scale })));
	let best = minimise(negative, [0, 0, 0]);
	// Restarts as for BG/NBD: until one no longer improves the answer.
	for (let restart = 0; restart < 3; restart++) {
		const again = minimise(negative, best.point, { step: 0.1 });
		const settled = best.value - again.value < 1e-9 * Math.abs(best.value);
		best = again.value <= best.value ? again : best;
		if (settled) break;
	}
	const [lp, lq, lg] = best.point;
	return {
		p: Math.exp(lp!),
		q: Math.exp(lq!),
		gamma: Math.exp(lg!) * scale,
		// Each customer's mean was divided by the scale: its density is the scaled one's / scale.
		logLikelihood: -best.value - usable.length * Math.log(scale)
	};
}

/** The expected average purchase of a customer with x purchases averaging `mean` (equation 5). */
export function conditionalExpectedAverage(
	{ p, q, gamma }: GammaGammaParams,
	x: number,
	mean: number
): number {
	return (p * (gamma + mean * x)) / (p * x + q - 1);
}
