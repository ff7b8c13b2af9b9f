import { args, command } from '../../core/command';
import { text } from '../../core/arg-shapes';
import { deleteTag, renameTag, setTagColor } from './tag-commands';

/** Tags across all customers: colour, rename, delete. */
export const tagCommands = {
	setTagColor: command({ args: args(text, text), undo: 'step', run: setTagColor }),
	renameTag: command({ args: args(text, text), undo: 'step', run: renameTag }),
	deleteTag: command({ args: args(text), undo: 'step', run: deleteTag })
};
