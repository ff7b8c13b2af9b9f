/** How many customers "Load demo shop" adds (kept apart so the UI need not load faker). */
export const DEMO_CUSTOMER_COUNT = 300;
