/** The meta map's key for the shop's value settings. */
export const VALUE_SETTINGS_KEY = 'valueSettings';
