import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';
import {
	applyAutomations,
	createAutomation,
	deleteAutomation,
	finishQueuedGreeting,
	setAutomationEnabled,
	updateAutomation
} from './automation-commands';

const automationFields = shape({
	name: text,
	enabled: v.boolean(),
	trigger: shape({ kind: text, days: v.number(), tierId: text }),
	segmentId: text,
	actions: v.array(shape({ kind: text, text, ref: text, points: v.number() }))
});

/** What automations write carries its own origin: never undone as the member's step. */
export const AUTOMATION_ORIGIN = { automation: true };

/** Automation rules, and what their runs write. */
export const automationCommands = {
	createAutomation: command({ args: args(automationFields), undo: 'step', run: createAutomation }),
	updateAutomation: command({
		args: args(id, automationFields),
		undo: 'step',
		run: updateAutomation
	}),
	setAutomationEnabled: command({
		args: args(id, v.boolean()),
		undo: 'step',
		run: setAutomationEnabled
	}),
	deleteAutomation: command({ args: args(id), undo: 'step', run: deleteAutomation }),
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
		run: applyAutomations
	}),
	finishQueuedGreeting: command({ args: args(id), undo: 'step', run: finishQueuedGreeting })
};
