import { describe, expect, it, vi } from 'vitest';
import {
	chosenMoment,
	fromDateTimeLocal,
	toDateTimeLocal
} from '../../src/lib/features/activity/ui/local-time';

describe('form moments', () => {
	it('round-trips a local date-time at minute precision', () => {
		const moment = new Date(2026, 5, 1, 14, 30, 45).getTime();
		expect(toDateTimeLocal(moment)).toBe('2026-06-01T14:30');
		expect(fromDateTimeLocal('2026-06-01T14:30')).toBe(new Date(2026, 5, 1, 14, 30).getTime());
		expect(fromDateTimeLocal('')).toBeNaN();
	});

	it('takes an untouched default as the moment of saving, and a typed time as typed', () => {
		vi.useFakeTimers({ now: new Date(2026, 5, 1, 14, 31, 12, 345) });
		try {
			expect(chosenMoment('2026-06-01T14:30', '2026-06-01T14:30')).toBe(Date.now());
			expect(chosenMoment('2026-05-20T09:00', '2026-06-01T14:30')).toBe(
				new Date(2026, 4, 20, 9, 0).getTime()
			);
		} finally {
			vi.useRealTimers();
		}
	});

	it("keeps an edited entry's own moment, to the millisecond, when its time is not touched", () => {
		const saved = new Date(2026, 4, 20, 9, 0, 41, 7).getTime();
		const shown = toDateTimeLocal(saved);
		expect(chosenMoment(shown, shown, saved)).toBe(saved);
		expect(chosenMoment('2026-05-21T10:15', shown, saved)).toBe(
			new Date(2026, 4, 21, 10, 15).getTime()
		);
	});
});
