import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';
import { createSegment, deleteSegment, updateSegment } from './segment-commands';

const segmentInput = shape({
	name: text,
	color: text,
	definition: shape({ join: text, items: v.array(v.unknown()) })
});

/** Saved segments. */
export const segmentCommands = {
	createSegment: command({ args: args(segmentInput), undo: 'step', run: createSegment }),
	updateSegment: command({ args: args(id, segmentInput), undo: 'step', run: updateSegment }),
	deleteSegment: command({ args: args(id), undo: 'step', run: deleteSegment })
};
