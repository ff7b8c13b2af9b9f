/** One display frame of headless Chromium, which paints at 60 Hz. */
export const DISPLAY_FRAME_MS = 1000 / 60;

/**
 * How many display frames a scroll missed, from the intervals between its animation frames.
 * An interval of one frame is on time, however it jitters (headless Chromium's intervals run
 * 15–18 ms at 60 Hz, so "over 16 ms" counted about half of the on-time frames); one of about
 * two frames (33 ms) missed one, and so on: each interval counts its nearest whole number of
 * frames, less the one it was due to take.
 */
export function droppedFrames(intervals: number[], frameMs = DISPLAY_FRAME_MS): number {
	let dropped = 0;
	for (const interval of intervals) dropped += Math.max(0, Math.round(interval / frameMs) - 1);
	return dropped;
}
