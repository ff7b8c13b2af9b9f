import gammaln from '@stdlib/math-base-special-gammaln';
import betaln from '@stdlib/math-base-special-betaln';
import { minimise } from './minimise';

/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting Your Customers the
 * Easy Way"): while active, a customer buys at a Poisson rate λ ~ Gamma(r, α); after each
 * purchase they drop out with probability p ~ Beta(a, b). Fitted by maximum likelihood on each
 * customer's x (repeat purchases), t_x (time of the last one) and T (time since the first), all
 * in one time unit.
 */
export interface BgNbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

export interface BgNbdRow {
	x: number;
	tx: number;
	T: number;
	/** How many customers share these numbers (1 when left out). */
	weight?: number;
}

const logSumExp = (p: number, q: number) => {
	const high = Math.max(p, q);
	return high + Math.log(Math.exp(p - high) + Math.exp(q - high));
};

/** One customer's log-likelihood (equation 6 of the paper, in log space). */
export function bgNbdLogLikelihood(
	{ r, alpha, a, b }: BgNbdParams,
	{ x, tx, T }: BgNbdRow
): number {
	const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
	const stays = betaln(a, b + x) - betaln(a, b) - (r + x) * Math.log(alpha + T);
	if (x === 0) return common + stays;
	const leftAfterLast = betaln(a + 1, b + x - 1) - betaln(a, b) - (r + x) * Math.log(alpha + tx);
	return common + logSumExp(stays, leftAfterLast);
}

/** Customers with the same (x, t_x, T) as one weighted row: a fit at 500,000 events stays fast. */
export function mergeRows(rows: readonly BgNbdRow[]): BgNbdRow[] {
	const merged = new Map<string, BgNbdRow>();
	for (const row of rows) {
		const key = `${row.x}|${row.tx}|${row.T}`;
		const found = merged.get(key);
		if (found) found.weight = (found.weight ?? 1) + (row.weight ?? 1);
		else merged.set(key, { ...row, weight: row.weight ?? 1 });
	}
	return [...merged.values()];
}

/**
 * The rows' summed log-likelihood as a function of log-parameters, arranged for many calls: the
 * terms that depend only on x (four log-gammas each) are worked out once per distinct x, not
 * once per row, and the rows sit in typed arrays.
 */
export const LOG_BOUND = 10;

function bgNbdObjective(rows: readonly BgNbdRow[]): (point: readonly number[]) => number {
	const xs = [...new Set(rows.map((row) => row.x))];
	const xIndex = new Map(xs.map((x, i) => [x, i]));
	const n = rows.length;
	const ofX = Uint32Array.from(rows, (row) => xIndex.get(row.x)!);
	const x = Float64Array.from(rows, (row) => row.x);
	const tx = Float64Array.from(rows, (row) => row.tx);
	const T = Float64Array.from(rows, (row) => row.T);
	const weight = Float64Array.from(rows, (row) => row.weight ?? 1);
	const stayTerm = new Float64Array(xs.length);
	const leaveTerm = new Float64Array(xs.length);
	return (point) => {
		// A shop whose customers never seem to leave drives a and b towards infinity along a
		// flat ridge; past e^±10 the answer no longer changes, so the search stops there.
		if (point.some((value) => Math.abs(value) > LOG_BOUND)) return Infinity;
		const [lr, la, lA, lB] = point;
		const r = Math.exp(lr!);
		const alpha = Math.exp(la!);
		const a = Math.exp(lA!);
		const b = Math.exp(lB!);
		const betaAB = betaln(a, b);
		const base = r * Math.log(alpha) - gammaln(r);
		for (let i = 0; i < xs.length; i++) {
			const xi = xs[i]!;
			const common = gammaln(r + xi) + base;
			stayTerm[i] = common + betaln(a, b + xi) - betaAB;
			leaveTerm[i] = xi > 0 ? common + betaln(a + 1, b + xi - 1) - betaAB : -Infinity;
		}
		let sum = 0;
		for (let row = 0; row < n; row++) {
			const i = ofX[row]!;
			const power = r + x[row]!;
			const stays = stayTerm[i]! - power * Math.log(alpha + T[row]!);
			const value =
				x[row] === 0 ? stays : logSumExp(stays, leaveTerm[i]! - power * Math.log(alpha + tx[row]!));
			sum += weight[row]! * value;
		}
		return Number.isFinite(sum) ? -sum : Infinity;
	};
}

/** The parameters that make the rows most likely, with that log-likelihood. */
export function fitBgNbd(rows: readonly BgNbdRow[]): BgNbdParams & { logLikelihood: number } {
	const negative = bgNbdObjective(mergeRows(rows));
	let best = minimise(negative, [0, 0, 0, 0]);
	// Restarting from the answer lets the simplex leave a flat stretch it may have stalled on;
	// once a restart no longer improves the answer, it has settled.
	for (let restart = 0; restart < 3; restart++) {
		const again = minimise(negative, best.point, { step: 0.1 });
		const settled = best.value - again.value < 1e-9 * Math.abs(best.value);
		best = again.value <= best.value ? again : best;
		if (settled) break;
	}
	const [lr, la, lA, lB] = best.point;
	return {
		r: Math.exp(lr!),
		alpha: Math.exp(la!),
		a: Math.exp(lA!),
		b: Math.exp(lB!),
		logLikelihood: -best.value
	};
}

/** The probability a customer with this history is still active (equation 13). */
export function probabilityAlive(
	{ r, alpha, a, b }: BgNbdParams,
	x: number,
	tx: number,
	T: number
): number {
	if (x === 0) return 1;
	const ratio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
	return 1 / (1 + Math.exp(ratio));
}

/** Gauss's hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1, its series summed term by term in log space. */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
	if (z === 0) return 1;
	let logTerm = 0;
	let sum = 1;
	for (let j = 0; j < 100_000; j++) {
		logTerm += Math.log(Math.abs((a + j) * (b + j) * z)) - Math.log(Math.abs((c + j) * (j + 1)));
		const sign = (a + j) * (b + j) * (c + j) < 0 ? -1 : 1;
		const term = sign * Math.exp(logTerm);
		sum += term;
		if (Math.abs(term) < 1e-15 * Math.abs(sum)) break;
	}
	return sum;
}

/** Expected purchases in the next t by a customer with this history (equation 10). */
export function conditionalExpectedPurchases(
	{ r, alpha, a, b }: BgNbdParams,
	t: number,
	x: number,
	tx: number,
	T: number
): number {
	const z = t / (alpha + T + t);
	const hyper = hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
	const first =
		((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyper);
	const alive = x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0;
	return first / (1 + alive);
}
