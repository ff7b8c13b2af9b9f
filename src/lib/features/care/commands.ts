import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';

const templateFields = shape({ name: text, occasion: text, textEn: text, textZh: text });

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry them.
const load = () => import('./care-commands');

/** Greeting templates and settings (greetings themselves are logged as conversations). */
export const careCommands = {
	createTemplate: command({
		args: args(templateFields),
		undo: 'step',
		load: async () => (await load()).createTemplate
	}),
	updateTemplate: command({
		args: args(id, templateFields),
		undo: 'step',
		load: async () => (await load()).updateTemplate
	}),
	deleteTemplate: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).deleteTemplate
	}),
	setCareSettings: command({
		args: args(shape({ shopName: text, afterPurchaseDays: v.number(), agreedOnly: v.boolean() })),
		undo: 'step',
		load: async () => (await load()).setCareSettings
	})
};
