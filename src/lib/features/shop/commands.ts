import * as v from 'valibot';
import { args, command } from '../../core/command';
import { memberProfile } from '../../core/arg-shapes';
import { setMemberProfile } from './member-commands';
import { SHOP_CURRENCIES } from './shop-settings';
import { setCurrency } from './currency-commands';

/** The shop's settings and how each colleague is shown. */
export const shopCommands = {
	setCurrency: command({ args: args(v.picklist(SHOP_CURRENCIES)), undo: 'step', run: setCurrency }),
	setMemberProfile: command({ args: args(memberProfile), undo: 'step', run: setMemberProfile })
};
