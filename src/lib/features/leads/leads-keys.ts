/** The meta map's key for the walk-in kiosk's settings. */
export const KIOSK_LEADS_KEY = 'kioskSettings';
