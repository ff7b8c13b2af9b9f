import fc from 'fast-check';

/**
 * Shared by the fuzz tests of the app's doors (every reader of a file, link or code a
 * stranger can hand over). A fixed seed, so a failure reproduces; fast-check's report names
 * the seed and the path of the failing case, and `FUZZ_SEED=<n>` explores other inputs.
 */
export const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);

/** Per input: far above any honest reading (milliseconds), far below a hang. */
export const PER_INPUT_MS = 3_000;

export function settings(numRuns: number): fc.Parameters<unknown> {
	return { seed: SEED, numRuns, endOnFailure: true };
}

/** Ways a file gets damaged: flipped, cut, grown, spliced, overwritten. */
export function mutatedBytes(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
	const at = fc.nat({ max: Math.max(0, valid.length - 1) });
	const flip = fc
		.array(fc.tuple(at, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 })
		.map((flips) => {
			const out = valid.slice();
			for (const [i, mask] of flips) out[i] = (out[i] ?? 0) ^ mask;
			return out;
		});
	const truncate = at.map((length) => valid.slice(0, length));
	const insert = fc
		.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 64 }))
		.map(([i, bytes]) => concat(valid.subarray(0, i), bytes, valid.subarray(i)));
	const remove = fc
		.tuple(at, fc.integer({ min: 1, max: 64 }))
		.map(([i, n]) => concat(valid.subarray(0, i), valid.subarray(i + n)));
	const overwrite = fc
		.tuple(at, fc.integer({ min: 1, max: 32 }), fc.constantFrom(0x00, 0xff, 0x7f, 0x80))
		.map(([i, n, byte]) => {
			const out = valid.slice();
			out.fill(byte, i, i + n);
			return out;
		});
	const duplicate = fc
		.tuple(at, at)
		.map(([a, b]) => concat(valid.subarray(0, Math.max(a, b)), valid.subarray(Math.min(a, b))));
	return fc.oneof(flip, truncate, insert, remove, overwrite, duplicate);
}

/** Text damaged the same ways, character by character. */
export function mutatedText(valid: string): fc.Arbitrary<string> {
	const at = fc.nat({ max: Math.max(0, valid.length - 1) });
	const strange = fc.oneof(
		fc.string({ maxLength: 8 }),
		fc.constantFrom('%', '%zz', '#', '&', '=', '\u0000', '\ud800', '.', '..', ' ', '\n', '+', '/')
	);
	return fc.oneof(
		fc.tuple(at, strange).map(([i, s]) => valid.slice(0, i) + s + valid.slice(i + 1)),
		fc.tuple(at, strange).map(([i, s]) => valid.slice(0, i) + s + valid.slice(i)),
		at.map((i) => valid.slice(0, i)),
		fc
			.tuple(at, fc.integer({ min: 1, max: 40 }))
			.map(([i, n]) => valid.slice(0, i) + valid.slice(i + n)),
		fc.tuple(at, at).map(([a, b]) => valid.slice(0, Math.max(a, b)) + valid.slice(Math.min(a, b)))
	);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/**
 * Runs one reading and says how it ended: its value, or the error it threw. Fails (an
 * assertion inside the property) when it took longer than `PER_INPUT_MS`.
 */
export async function timed<T>(
	read: () => T | Promise<T>
): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number }> {
	const started = performance.now();
	let outcome: { ok: true; value: T } | { ok: false; error: unknown };
	try {
		outcome = { ok: true, value: await read() };
	} catch (error) {
		outcome = { ok: false, error };
	}
	const ms = performance.now() - started;
	if (ms > PER_INPUT_MS) throw new Error(`a reading took ${Math.round(ms)} ms`);
	return { ...outcome, ms };
}

/** An error that is not the reader's own: what the property must never see. */
export function unexpected(
	error: unknown,
	...domain: Array<abstract new (...args: never[]) => Error>
) {
	return !domain.some((kind) => error instanceof kind);
}
