import { describe, expect, it } from 'vitest';
import { toasts } from '../../src/lib/state/toasts.svelte';

describe('notices', () => {
	it('offer only the newest Undo, which takes back the latest step', () => {
		const noop = () => undefined;
		toasts.show('Added Oolong', { action: { label: 'Undo', run: noop } });
		toasts.show('A new version is ready', { action: { label: 'Reload', run: noop } });
		toasts.show('Merged into Oolong', { action: { label: 'Undo', run: noop } });
		expect(toasts.items.map((toast) => [toast.message, toast.action?.label])).toEqual([
			['Added Oolong', undefined],
			['A new version is ready', 'Reload'],
			['Merged into Oolong', 'Undo']
		]);
		for (const toast of toasts.items) toasts.dismiss(toast.id);
	});
});

describe('confirmations while storage refuses', () => {
	it('are held back (not queued), errors still shown, and new ones shown once storage stores', () => {
		let refusing = true;
		toasts.holdConfirmationsWhile(() => refusing);
		try {
			toasts.show('Added Li Na');
			toasts.show('Could not open the file', { tone: 'error' });
			expect(toasts.items.map((toast) => toast.message)).toEqual(['Could not open the file']);
			refusing = false;
			toasts.show('Added Wang Fang');
			expect(toasts.items.map((toast) => toast.message)).toContain('Added Wang Fang');
		} finally {
			toasts.holdConfirmationsWhile(() => false);
			for (const toast of toasts.items) toasts.dismiss(toast.id);
		}
	});
});
