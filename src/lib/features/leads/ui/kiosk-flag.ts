/** Where this device remembers it is a kiosk (and the PIN that ends it): this device only. */
export const KIOSK_STORAGE_KEY = 'clientbook.kiosk';

/**
 * Whether this device is in kiosk mode. Read by the app's frame on every page, so it stays
 * this small: the rest of kiosk mode loads with the kiosk page.
 */
export function kioskIsOn(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage.getItem(KIOSK_STORAGE_KEY) !== null;
	} catch {
		return false;
	}
}
