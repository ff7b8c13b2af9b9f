import { describe, expect, it } from 'vitest';
import { DISPLAY_FRAME_MS, droppedFrames } from '../../bench/frames';

describe('droppedFrames', () => {
	it('counts no frame missed when every interval is one display frame, jitter included', () => {
		expect(droppedFrames([16.7, 15.3, 17.9, 18.2, 16.1, 24.9])).toBe(0);
	});

	it('counts one missed frame for an interval of about two, two for about three', () => {
		expect(droppedFrames([16.7, 33.4, 16.6])).toBe(1);
		expect(droppedFrames([25.1])).toBe(1);
		expect(droppedFrames([50.2, 31])).toBe(3);
	});

	it('measures in the display frame it is given', () => {
		expect(droppedFrames([8.3, 16.7, 8.4], 1000 / 120)).toBe(1);
		expect(DISPLAY_FRAME_MS).toBeCloseTo(16.67, 2);
	});

	it('counts nothing for no frames', () => {
		expect(droppedFrames([])).toBe(0);
	});
});
