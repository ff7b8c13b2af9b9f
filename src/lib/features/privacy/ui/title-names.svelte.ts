const STORAGE_KEY = 'clientbook.namesInTitles';

/**
 * Whether this device puts customers' names in page titles, which browsers keep in their tabs,
 * history and synced history. Off unless turned on (Settings): a glance at the tabs, or the
 * browser's history on a shared computer, then shows no one's name.
 */
class TitleNames {
	shown = $state(readSaved());

	set(shown: boolean): void {
		this.shown = shown;
		try {
			if (shown) localStorage.setItem(STORAGE_KEY, 'on');
			else localStorage.removeItem(STORAGE_KEY);
		} catch {
			// Applies for this visit only.
		}
	}
}

function readSaved(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'on';
	} catch {
		return false;
	}
}

export const titleNames = new TitleNames();
