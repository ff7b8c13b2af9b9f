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

export function fitGammaGamma(
	rows: readonly GammaGammaRow[]
): GammaGammaParams & { logLikelihood: number } {
	const usable = rows.filter((row) => row.x > 0 && row.mean > 0);
	const params = ([lp, lq, lg]: readonly number[]): GammaGammaParams => ({
		p: Math.exp(lp!),
		q: Math.exp(lq!),
		gamma: Math.exp(lg!)
	});
	const negative = (point: readonly number[]) => {
		if (point.some((value) => Math.abs(value) > LOG_BOUND)) return Infinity;
		const p = params(point);
		let sum = 0;
		for (const row of usable) sum += gammaGammaLogLikelihood(p, row);
		return Number.isFinite(sum) ? -sum : Infinity;
	};
	let best = minimise(negative, [0, 0, 0]);
	for (let restart = 0; restart < 3; restart++)
		best = minimise(negative, best.point, { step: 0.1 });
	return { ...params(best.point), logLikelihood: -best.value };
}

/** The expected average purchase of a customer with x purchases averaging `mean` (equation 5). */
export function conditionalExpectedAverage(
	{ p, q, gamma }: GammaGammaParams,
	x: number,
	mean: number
): number {
	return (p * (gamma + mean * x)) / (p * x + q - 1);
}
