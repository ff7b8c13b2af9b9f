/** How many customers "Load demo shop" adds (kept apart so the UI need not load faker). */
export const DEMO_CUSTOMER_COUNT = 300;

/** How many products the demo puts in the catalogue (a unit test keeps it true). */
export const DEMO_PRODUCT_COUNT = 8;

/** The languages the demo shop is written in: the UI's languages. */
export const DEMO_LANGUAGES = ['en', 'zh-CN'] as const;
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];

/** What the page is told about the demo (see `demo-records.ts`). */
export interface DemoShopStatus {
	/** Customers in the archive (not deleted), the demo's included. */
	customers: number;
	/** Of those, the demo's. */
	demoCustomers: number;
	/** The demo's products still in the catalogue. */
	demoProducts: number;
}

/** Whether any of the demo's records are here: loading it again would add a second copy. */
export function demoIsPresent(status: DemoShopStatus): boolean {
	return status.demoCustomers > 0 || status.demoProducts > 0;
}
