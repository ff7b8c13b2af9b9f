/** The meta map's key for the shop's loyalty settings. */
export const LOYALTY_SETTINGS_KEY = 'loyaltySettings';
