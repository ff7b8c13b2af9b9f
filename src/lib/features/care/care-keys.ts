/** The meta map's key for the shop's greeting settings. */
export const CARE_SETTINGS_KEY = 'careSettings';
