import { loadPurchaseEffects } from '../activity/purchase-effects';
import * as v from 'valibot';
import { args, command } from '../../core/command';
import { DEMO_LANGUAGES } from './demo-size';

/** The demo shop: made-up customers to try the app with, and taking them away again. */
export const demoCommands = {
	/** The demo shop in the UI's language, one undo step; refused while it is already here. */
	loadDemoShop: command({
		args: args(v.pipe(v.number(), v.integer(), v.minValue(0)), v.picklist(DEMO_LANGUAGES)),
		undo: 'token',
		load: async () => {
			await loadPurchaseEffects();
			return (await import('./demo-commands')).createDemoShop;
		}
	}),
	/** Removes exactly the demo's records (see demo-records.ts). */
	removeDemoShop: command({
		args: args(),
		undo: 'token',
		audit: { action: 'delete' },
		load: async () => (await import('./demo-removal-commands')).removeDemoShop
	})
};
