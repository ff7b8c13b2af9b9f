import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';

const automationFields = shape({
	name: text,
	enabled: v.boolean(),
	trigger: shape({ kind: text, days: v.number(), tierId: text }),
	segmentId: text,
	actions: v.array(shape({ kind: text, text, ref: text, points: v.number() }))
});

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry them.
const load = () => import('./automation-commands');

/** What automations write carries its own origin: never undone as the member's step. */
export const AUTOMATION_ORIGIN = { automation: true };

/** Automation rules, and what their runs write. */
export const automationCommands = {
	createAutomation: command({
		args: args(automationFields),
		undo: 'step',
		load: async () => (await load()).createAutomation
	}),
	updateAutomation: command({
		args: args(id, automationFields),
		undo: 'step',
		load: async () => (await load()).updateAutomation
	}),
	setAutomationEnabled: command({
		args: args(id, v.boolean()),
		undo: 'step',
		load: async () => (await load()).setAutomationEnabled
	}),
	deleteAutomation: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).deleteAutomation
	}),
	applyAutomations: command({
		args: args(
			v.array(
				shape({
					ruleId: id,
					ruleName: text,
					customerId: id,
					occasion: text,
					actions: v.array(shape({ kind: text }))
				})
			),
			text
		),
		undo: 'none',
		origin: AUTOMATION_ORIGIN,
		load: async () => (await load()).applyAutomations
	}),
	finishQueuedGreeting: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).finishQueuedGreeting
	})
};
