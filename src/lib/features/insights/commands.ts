import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';

const reportInput = shape({ name: text, definition: shape({}) });

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry the reports' rules.
const load = () => import('./report-commands');

/** Saved pivot reports. */
export const reportCommands = {
	createReport: command({
		args: args(reportInput),
		undo: 'step',
		load: async () => (await load()).createReport
	}),
	updateReport: command({
		args: args(id, reportInput),
		undo: 'step',
		load: async () => (await load()).updateReport
	}),
	deleteReport: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).deleteReport
	})
};
