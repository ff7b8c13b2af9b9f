import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from '../../src/lib/state/when-quiet';

describe('whenQuiet', () => {
	beforeEach(() => void vi.useFakeTimers());
	afterEach(() => void vi.useRealTimers());

	function watch(busy: () => boolean, quietMs: number, limitMs: number) {
		const seen = { quiet: false };
		void whenQuiet(busy, quietMs, limitMs).then(() => (seen.quiet = true));
		return seen;
	}

	it('waits while busy, and resolves once quiet has lasted', async () => {
		let busy = true;
		const seen = watch(() => busy, 1_000, 60_000);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(seen.quiet).toBe(false);
		busy = false;
		await vi.advanceTimersByTimeAsync(1_000);
		expect(seen.quiet).toBe(false);
		await vi.advanceTimersByTimeAsync(500);
		expect(seen.quiet).toBe(true);
	});

	it('starts waiting again when busy comes back within the quiet time', async () => {
		let busy = false;
		const seen = watch(() => busy, 1_000, 60_000);
		await vi.advanceTimersByTimeAsync(750);
		busy = true;
		await vi.advanceTimersByTimeAsync(500);
		busy = false;
		await vi.advanceTimersByTimeAsync(1_000);
		expect(seen.quiet).toBe(false);
		await vi.advanceTimersByTimeAsync(500);
		expect(seen.quiet).toBe(true);
	});

	it('gives up waiting after the limit', async () => {
		const seen = watch(() => true, 1_000, 10_000);
		await vi.advanceTimersByTimeAsync(9_750);
		expect(seen.quiet).toBe(false);
		await vi.advanceTimersByTimeAsync(250);
		expect(seen.quiet).toBe(true);
	});
});
