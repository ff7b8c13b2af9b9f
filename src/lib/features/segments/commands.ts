import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';

const segmentInput = shape({
	name: text,
	color: text,
	definition: shape({ join: text, items: v.array(v.unknown()) })
});

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry segments' rules.
const load = () => import('./segment-commands');

/** Saved segments. */
export const segmentCommands = {
	createSegment: command({
		args: args(segmentInput),
		undo: 'step',
		load: async () => (await load()).createSegment
	}),
	updateSegment: command({
		args: args(id, segmentInput),
		undo: 'step',
		load: async () => (await load()).updateSegment
	}),
	deleteSegment: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).deleteSegment
	})
};
