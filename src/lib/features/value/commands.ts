import { args, command } from '../../core/command';
import { shape } from '../../core/arg-shapes';
import { setValueSettings } from './value-commands';

/** How the shop scores its customers' value. */
export const valueCommands = {
	setValueSettings: command({ args: args(shape({})), undo: 'step', run: setValueSettings })
};
