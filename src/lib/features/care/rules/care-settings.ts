/** How the shop greets: its name in messages, and when to call back after a purchase. */
export interface CareSettings {
	shopName: string;
	/** Days after a customer's last purchase the occasions list them for a call back (0 = off). */
	afterPurchaseDays: number;
	/**
	 * Marketing (greetings, send lists, marketing exports) reaches only customers who agreed to
	 * that channel; off, it leaves out only those who declined or withdrew.
	 */
	agreedOnly: boolean;
}

export const DEFAULT_CARE_SETTINGS: CareSettings = {
	shopName: '',
	afterPurchaseDays: 3,
	agreedOnly: false
};
export const MAX_SHOP_NAME = 60;

export function readCareSettings(value: unknown): CareSettings {
	if (typeof value !== 'object' || value === null) return DEFAULT_CARE_SETTINGS;
	const v = value as Record<string, unknown>;
	const days = v['afterPurchaseDays'];
	return {
		shopName: typeof v['shopName'] === 'string' ? v['shopName'].slice(0, MAX_SHOP_NAME) : '',
		afterPurchaseDays:
			typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 365
				? days
				: DEFAULT_CARE_SETTINGS.afterPurchaseDays,
		agreedOnly: v['agreedOnly'] === true
	};
}
