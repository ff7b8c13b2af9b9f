/**
 * Nelder–Mead downhill simplex (Nelder & Mead 1965, with the usual coefficients): minimises a
 * function of a few parameters without derivatives, which is all the customer-value models
 * need (four parameters at most, fitted on the log scale so they stay positive).
 */
export function minimise(
	f: (point: readonly number[]) => number,
	start: readonly number[],
	{ step = 0.5, tolerance = 1e-10, maxIterations = 5000 } = {}
): { point: number[]; value: number; iterations: number } {
	const n = start.length;
	let simplex = [
		start.slice(),
		...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))
	];
	let values = simplex.map(f);
	let iterations = 0;
	const towards = (from: number[], to: number[], by: number) =>
		from.map((v, i) => v + by * (to[i]! - v));
	for (; iterations < maxIterations; iterations++) {
		const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
		simplex = order.map((i) => simplex[i]!);
		values = order.map((i) => values[i]!);
		if (Math.abs(values[n]! - values[0]!) <= tolerance * (Math.abs(values[0]!) + 1e-12)) break;
		// A simplex shrunk to a point has settled too, even where the values around it cannot
		// be compared (a vertex past the search's bounds is worth Infinity).
		let spread = 0;
		for (let i = 1; i <= n; i++)
			for (let j = 0; j < n; j++)
				spread = Math.max(spread, Math.abs(simplex[i]![j]! - simplex[0]![j]!));
		if (spread < 1e-9) break;
		const centroid = Array.from(
			{ length: n },
			(_, j) => simplex.slice(0, n).reduce((sum, p) => sum + p[j]!, 0) / n
		);
		const worst = simplex[n]!;
		const reflected = towards(centroid, worst, -1);
		const r = f(reflected);
		if (r < values[0]!) {
			const expanded = towards(centroid, worst, -2);
			const e = f(expanded);
			[simplex[n], values[n]] = e < r ? [expanded, e] : [reflected, r];
		} else if (r < values[n - 1]!) {
			[simplex[n], values[n]] = [reflected, r];
		} else {
			const contracted = towards(centroid, r < values[n]! ? reflected : worst, 0.5);
			const c = f(contracted);
			if (c < Math.min(r, values[n]!)) [simplex[n], values[n]] = [contracted, c];
			else {
				// Shrink every point halfway towards the best.
				simplex = simplex.map((p, i) => (i === 0 ? p : towards(simplex[0]!, p, 0.5)));
				values = simplex.map((p, i) => (i === 0 ? values[0]! : f(p)));
			}
		}
	}
	return { point: simplex[0]!, value: values[0]!, iterations };
}
