export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'clientbook.theme';

class ThemeState {
	current = $state<Theme>('system');

	init(): void {
		try {
			const saved = localStorage.getItem(STORAGE_KEY);
			if (saved === 'light' || saved === 'dark') this.current = saved;
		} catch {
			// Blocked storage: follow the device.
		}
	}

	set(theme: Theme): void {
		this.current = theme;
		try {
			if (theme === 'system') localStorage.removeItem(STORAGE_KEY);
			else localStorage.setItem(STORAGE_KEY, theme);
		} catch {
			// Applies for this visit only.
		}
		// "system" leaves the choice to the prefers-color-scheme media query in app.css.
		if (theme === 'system') delete document.documentElement.dataset.theme;
		else document.documentElement.dataset.theme = theme;
	}
}

export const theme = new ThemeState();
