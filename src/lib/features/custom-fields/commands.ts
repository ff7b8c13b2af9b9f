import { args, command } from '../../core/command';
import { fieldDefInput, id } from '../../core/arg-shapes';
import { createFieldDef, removeFieldDef, updateFieldDef } from './custom-field-commands';

/** The shop's own customer fields. */
export const customFieldCommands = {
	createFieldDef: command({ args: args(fieldDefInput), undo: 'step', run: createFieldDef }),
	updateFieldDef: command({ args: args(id, fieldDefInput), undo: 'step', run: updateFieldDef }),
	removeFieldDef: command({ args: args(id), undo: 'step', run: removeFieldDef })
};
