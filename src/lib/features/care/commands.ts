import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';
import { createTemplate, deleteTemplate, setCareSettings, updateTemplate } from './care-commands';

const templateFields = shape({ name: text, occasion: text, textEn: text, textZh: text });

/** Greeting templates and settings (greetings themselves are logged as conversations). */
export const careCommands = {
	createTemplate: command({ args: args(templateFields), undo: 'step', run: createTemplate }),
	updateTemplate: command({ args: args(id, templateFields), undo: 'step', run: updateTemplate }),
	deleteTemplate: command({ args: args(id), undo: 'step', run: deleteTemplate }),
	setCareSettings: command({
		args: args(shape({ shopName: text, afterPurchaseDays: v.number() })),
		undo: 'step',
		run: setCareSettings
	})
};
